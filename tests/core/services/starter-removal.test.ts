import { describe, expect, it } from 'vitest';
import type { KbError } from '../../../core/base/errors';
import { openKnowledgeBase } from '../../../core/knowledge-base';
import { AV, writableKnowledgeBase } from '../../helpers/knowledge-base';
import { useTempDirs } from '../../helpers/temp-dir';
import { exportText } from '../../helpers/bundles';
import { abandon } from '../../helpers/abandon';

const tempDir = useTempDirs();
const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (e: KbError) => e.code,
  );
const starterCount = (kb: Awaited<ReturnType<typeof writableKnowledgeBase>>) =>
  (['practices', 'visits', 'glossary', 'comparison'] as const).reduce(
    (n, c) => n + kb.store.all(c).filter((r) => r.starter).length,
    0,
  );

describe('removing the starter content', () => {
  it('removes every untouched starter record and keeps the edited and annotated ones, organisations and topics', async () => {
    const dir = await tempDir();
    const kb = await writableKnowledgeBase(dir);
    const total = starterCount(kb);
    expect(kb.starterContent.state()).toEqual({ removable: total, kept: 0 });

    // Edit a comparison cell, annotate a practice, trash a visit: all three stay.
    const cell = kb.store.get('comparison', 'cmp-council-av')!;
    await kb.comparison.save({
      dimension: 'council',
      organisationId: AV,
      baseUpdatedAt: cell.updatedAt,
      text: { de: 'Geändert.', nl: cell.text.nl! },
    });
    const annotated = kb.practices.live().find((p) => p.starter)!;
    await kb.annotations.save(undefined, {
      practiceId: annotated.id,
      kind: 'question',
      text: 'Wie lange hat das gedauert?',
      language: 'de',
    });
    const visit = kb.visits.list().find((v) => v.starter)!;
    await kb.visits.trash(visit.id);
    const organisations = kb.store.all('organisations').length;
    const topics = kb.store.all('topics').length;

    // The edited cell is no longer starter content; the annotated practice and the trashed visit are, but kept.
    expect(kb.starterContent.state()).toEqual({ removable: total - 3, kept: 2 });
    const result = await kb.starterContent.remove();
    expect(result).toEqual({ removed: total - 3, removable: 0, kept: 2 });

    await abandon(dir);
    const reopened = await openKnowledgeBase(dir, { systemLocales: [] });
    expect(reopened.store.get('comparison', 'cmp-council-av')?.text.de).toBe('Geändert.');
    expect(reopened.store.get('practices', annotated.id)).toBeDefined();
    expect(reopened.store.get('visits', visit.id)).toBeDefined();
    expect(reopened.store.all('glossary')).toEqual([]);
    expect(reopened.store.all('comparison')).toHaveLength(1);
    expect(reopened.store.all('organisations')).toHaveLength(organisations);
    expect(reopened.store.all('topics')).toHaveLength(topics);
    expect(reopened.starterContent.state()).toEqual({ removable: 0, kept: 2 });
  });

  it('does not come back with a partner bundle that still holds the untouched starter content', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const partner = await writableKnowledgeBase(await tempDir(), { name: 'Jan de Vries', organisationId: AV });
    await kb.starterContent.remove();
    const text = exportText(partner);
    const preview = kb.exchange.preview(new TextEncoder().encode(text), 'partner.twinning-kb.json');
    expect(preview.changeCount).toBe(0);
    expect(kb.starterContent.state()).toEqual({ removable: 0, kept: 0 });
  });

  it('is refused before the user has said who they are', async () => {
    const kb = await openKnowledgeBase(await tempDir(), { systemLocales: ['de'] });
    expect(await code(kb.starterContent.remove())).toBe('identityRequired');
    expect(kb.starterContent.state().removable).toBeGreaterThan(0);
  });
});
