import { describe, expect, it } from 'vitest';
import { openKnowledgeBase } from '../../../core/knowledge-base';
import { contract } from '../../../shared/contract';
import type { GlossaryTermInput } from '../../../shared/requests';
import { abandon } from '../../helpers/abandon';
import { AV, germanPractice, writableKnowledgeBase } from '../../helpers/knowledge-base';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const crow = { title: 'CROW-richtlijn', url: 'https://www.crow.nl/' };
const term: GlossaryTermInput = {
  term: { de: 'Grünpflegeplan', nl: 'groenbeheerplan' },
  definition: { de: 'Plan für die Pflege der Grünflächen.', nl: 'Plan voor het beheer van het groen.' },
  note: { de: '', nl: '' },
  topicIds: ['topic-green-spaces'],
};

describe('the scope of a practice', () => {
  it('is saved with its label, kept when an edit leaves it out, and persists', async () => {
    const dir = await tempDir();
    const kb = await writableKnowledgeBase(dir);
    const scope = { level: 'region' as const, label: { de: ' Land Berlin ', nl: 'deelstaat Berlijn' } };
    const { practice } = await kb.practices.save(undefined, germanPractice(kb, { scope }));
    expect(practice.scope).toEqual({ level: 'region', label: { de: 'Land Berlin', nl: 'deelstaat Berlijn' } });
    const { practice: edited } = await kb.practices.save(practice.id, germanPractice(kb), practice.updatedAt);
    expect(edited.scope).toEqual(practice.scope);
    const { practice: own } = await kb.practices.save(
      practice.id,
      germanPractice(kb, { scope: { level: 'organisation', label: { de: '', nl: '' } } }),
      edited.updatedAt,
    );
    expect(own.scope).toEqual({ level: 'organisation' });
    await abandon(dir);
    const reopened = await openKnowledgeBase(dir, { systemLocales: [] });
    expect(reopened.practices.get(practice.id).practice.scope).toEqual({ level: 'organisation' });
    await reopened.close();
  });

  it('is refused by the IPC contract when its level is unknown or its label too long', () => {
    const request = contract.savePractice.request;
    const valid = { organisationId: AV, topicIds: ['topic-roundabouts'], tags: [], originalLanguage: 'de' as const };
    const practice = { ...valid, texts: { de: { title: 'T', summary: '', body: '' } }, sources: [] };
    expect(request.safeParse({ practice: { ...practice, scope: { level: 'national' } } }).success).toBe(true);
    expect(request.safeParse({ practice: { ...practice, scope: { level: 'city' } } }).success).toBe(false);
    expect(
      request.safeParse({ practice: { ...practice, scope: { level: 'national', label: { de: 'x'.repeat(201) } } } })
        .success,
    ).toBe(false);
  });
});

describe('the sources of comparison cells and glossary terms', () => {
  it('are saved with a cell, kept when an edit leaves them out, and a change of sources alone is a new version', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const previous = kb.store.get('comparison', 'cmp-council-av')!;
    const text = { de: previous.text.de!, nl: previous.text.nl! };
    const saved = await kb.comparison.save({
      dimension: 'council',
      organisationId: AV,
      baseUpdatedAt: previous.updatedAt,
      text,
      sources: [crow],
    });
    expect(saved.entry.sources).toEqual([crow]);
    expect(kb.comparison.revisions(saved.entry.id)).toHaveLength(1);
    const same = await kb.comparison.save({
      dimension: 'council',
      organisationId: AV,
      baseUpdatedAt: saved.entry.updatedAt,
      text,
    });
    expect(same.entry).toEqual(saved.entry);
    const cleared = await kb.comparison.save({
      dimension: 'council',
      organisationId: AV,
      baseUpdatedAt: saved.entry.updatedAt,
      text,
      sources: [],
    });
    expect(cleared.entry.sources).toBeUndefined();
    expect(kb.comparison.revisions(saved.entry.id)).toHaveLength(2);
  });

  it('are saved with a glossary term and kept when an edit leaves them out', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const saved = await kb.glossary.save(undefined, { ...term, sources: [crow] });
    expect(saved.sources).toEqual([crow]);
    const edited = await kb.glossary.save(
      saved.id,
      { ...term, note: { de: 'Anders.', nl: 'Anders.' } },
      saved.updatedAt,
    );
    expect(edited.sources).toEqual([crow]);
  });

  it('are refused by the IPC contract when an address is not http(s) or a title is missing', () => {
    const cell = { dimension: 'council', organisationId: AV, baseUpdatedAt: null, text: { de: 'x', nl: '' } };
    const request = contract.saveComparisonCell.request;
    expect(request.safeParse({ ...cell, sources: [crow] }).success).toBe(true);
    expect(request.safeParse({ ...cell, sources: [{ title: 'x', url: 'javascript:alert(1)' }] }).success).toBe(false);
    expect(request.safeParse({ ...cell, sources: [{ title: '', url: 'https://www.crow.nl/' }] }).success).toBe(false);
    expect(
      contract.saveGlossaryTerm.request.safeParse({ term: { ...term, sources: [{ title: 'x', url: 'ftp://x' }] } })
        .success,
    ).toBe(false);
  });
});
