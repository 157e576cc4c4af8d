import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { KbError } from '../../core/base/errors';
import { openKnowledgeBase } from '../../core/knowledge-base';
import { loadStarterContent } from '../../core/store/starter-content';
import { useTempDirs } from '../helpers/temp-dir';
import { abandon } from '../helpers/abandon';

const tempDir = useTempDirs();
const query = (
  q: { topicId?: string; organisationId?: string; tag?: string; offset?: number; limit?: number } = {},
) => ({
  offset: 0,
  limit: 100,
  ...q,
});

describe('the knowledge base', () => {
  it('picks German or Dutch from the system locales on first start and remembers it', async () => {
    const dir = await tempDir();
    const kb = await openKnowledgeBase(dir, { systemLocales: ['en-GB', 'nl-BE', 'de-DE'] });
    expect(kb.settings.get().language).toBe('nl');
    await abandon(dir);
    const reopened = await openKnowledgeBase(dir, { systemLocales: ['de-DE'] });
    expect(reopened.settings.get().language).toBe('nl');
  });

  it('falls back to German when the system speaks neither language', async () => {
    const kb = await openKnowledgeBase(await tempDir(), { systemLocales: ['fr-FR', 'en-US'] });
    expect(kb.settings.get().language).toBe('de');
  });

  it('lists every starter practice with titles in both languages and no bodies', async () => {
    const kb = await openKnowledgeBase(await tempDir(), { systemLocales: ['de'] });
    const page = kb.practices.list(query());
    const starter = loadStarterContent();
    expect(page.total).toBe(starter.practices.length);
    for (const item of page.items) {
      expect(item.titles.de).toBeTruthy();
      expect(item.titles.nl).toBeTruthy();
      expect(item).not.toHaveProperty('texts');
    }
  });

  it('filters practices by topic, organisation and tag, and pages through them', async () => {
    const kb = await openKnowledgeBase(await tempDir(), { systemLocales: ['de'] });
    const all = loadStarterContent().practices;
    const sample = all[0]!;
    const topicId = sample.topicIds[0]!;
    const tag = sample.tags[0]!;

    expect(kb.practices.list(query({ topicId })).total).toBe(all.filter((p) => p.topicIds.includes(topicId)).length);
    expect(kb.practices.list(query({ organisationId: sample.organisationId })).total).toBe(
      all.filter((p) => p.organisationId === sample.organisationId).length,
    );
    expect(kb.practices.list(query({ tag })).items.map((i) => i.id)).toContain(sample.id);
    expect(kb.practices.list(query({ topicId: 'no-such-topic' })).total).toBe(0);

    const firstTwo = kb.practices.list(query({ limit: 2 }));
    const nextTwo = kb.practices.list(query({ offset: 2, limit: 2 }));
    expect(firstTwo.items).toHaveLength(2);
    expect(nextTwo.items.map((i) => i.id)).not.toContain(firstTwo.items[0]!.id);
  });

  it('counts practices per topic, organisation and tag in the overview', async () => {
    const kb = await openKnowledgeBase(await tempDir(), { systemLocales: ['de'] });
    const overview = kb.overview();
    const all = loadStarterContent().practices;
    for (const topic of overview.topics) {
      expect(topic.practiceCount).toBe(all.filter((p) => p.topicIds.includes(topic.id)).length);
    }
    expect(overview.organisations.reduce((n, o) => n + o.practiceCount, 0)).toBe(all.length);
    expect(overview.tags[0]!.count).toBeGreaterThanOrEqual(overview.tags.at(-1)!.count);
  });

  it('reports a missing practice as notFound', async () => {
    const kb = await openKnowledgeBase(await tempDir(), { systemLocales: ['de'] });
    expect(() => kb.practices.get('no-such-practice')).toThrow(expect.objectContaining({ code: 'notFound' }));
  });

  it('reports a failed write as storeWriteFailed and keeps the previous settings', async () => {
    const dir = await tempDir();
    const kb = await openKnowledgeBase(dir, { systemLocales: ['de'] });
    await rm(dir, { recursive: true });
    const failure = await kb.settings.setLanguage('nl').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(KbError);
    expect((failure as KbError).code).toBe('storeWriteFailed');
    expect(kb.settings.get().language).toBe('de');
  });
});
