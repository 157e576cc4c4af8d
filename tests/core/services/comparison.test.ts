import { describe, expect, it } from 'vitest';
import { cellTranslation } from '../../../core/services/comparison';
import type { KbError } from '../../../core/base/errors';
import { openKnowledgeBase } from '../../../core/knowledge-base';
import { contract } from '../../../shared/contract';
import { AV, TS, writableKnowledgeBase } from '../../helpers/knowledge-base';
import { useTempDirs } from '../../helpers/temp-dir';
import { abandon } from '../../helpers/abandon';

const tempDir = useTempDirs();
/** A row the starter content leaves empty. */
const EMPTY_ROW = 'topic:topic-office-design';
const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (e: KbError) => e.code,
  );
const cell = (
  dimension: string,
  organisationId: string,
  text: { de?: string; nl?: string },
  baseUpdatedAt: string | null = null,
) => ({
  dimension,
  organisationId,
  baseUpdatedAt,
  text: { de: text.de ?? '', nl: text.nl ?? '' },
});

describe('the comparison table', () => {
  it('holds the starter cells for both organisations, current in both languages, and counts practices per topic', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const { cells, practiceCounts } = kb.comparison.table();
    expect(cells).toHaveLength(16);
    expect(new Set(cells.map((c) => c.entry.organisationId))).toEqual(new Set([TS, AV]));
    for (const c of cells) expect(c.translation).toEqual({ de: 'current', nl: 'current' });
    const live = kb.practices.live();
    for (const { topicId, organisationId, count } of practiceCounts) {
      expect(count).toBe(
        live.filter((p) => p.organisationId === organisationId && p.topicIds.includes(topicId)).length,
      );
    }
  });

  it('fills an empty cell, stamps its author, and keeps it after reopening', async () => {
    const dir = await tempDir();
    const kb = await writableKnowledgeBase(dir);
    const saved = await kb.comparison.save(cell(EMPTY_ROW, AV, { de: 'Rund 93 000 Einwohner.' }));
    expect(saved.entry).toMatchObject({
      dimension: EMPTY_ROW,
      organisationId: AV,
      text: { de: 'Rund 93 000 Einwohner.' },
    });
    expect(saved.entry.createdBy).toEqual({ name: 'Erika Muster', organisationId: TS });
    expect(saved.entry.starter).toBeUndefined();
    expect(saved.translation).toEqual({ de: 'current', nl: 'missing' });

    await abandon(dir);
    const reopened = await openKnowledgeBase(dir, { systemLocales: [] });
    const found = reopened.comparison
      .table()
      .cells.find((c) => c.entry.dimension === EMPTY_ROW && c.entry.organisationId === AV);
    expect(found?.entry.text.de).toBe('Rund 93 000 Einwohner.');
  });

  it('marks the other language outdated when one changes, current again when it is translated or checked', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    let c = await kb.comparison.save(cell(EMPTY_ROW, TS, { de: 'Etwa 350 000 Einwohner.' }));
    c = await kb.comparison.save(
      cell(EMPTY_ROW, TS, { de: 'Etwa 350 000 Einwohner.', nl: 'Ongeveer 350.000 inwoners.' }, c.entry.updatedAt),
    );
    expect(c.translation).toEqual({ de: 'current', nl: 'current' });

    // The German changes: the Dutch now needs translating.
    c = await kb.comparison.save(
      cell(EMPTY_ROW, TS, { de: 'Etwa 355 000 Einwohner.', nl: 'Ongeveer 350.000 inwoners.' }, c.entry.updatedAt),
    );
    expect(c.translation).toEqual({ de: 'current', nl: 'outdated' });
    // Updating the Dutch catches up: both current, the German is not marked.
    c = await kb.comparison.save(
      cell(EMPTY_ROW, TS, { de: 'Etwa 355 000 Einwohner.', nl: 'Ongeveer 355.000 inwoners.' }, c.entry.updatedAt),
    );
    expect(c.translation).toEqual({ de: 'current', nl: 'current' });

    // Now the Dutch changes on its own: the German needs translating.
    c = await kb.comparison.save(
      cell(EMPTY_ROW, TS, { de: 'Etwa 355 000 Einwohner.', nl: 'Ruim 355.000 inwoners (2024).' }, c.entry.updatedAt),
    );
    expect(c.translation).toEqual({ de: 'outdated', nl: 'current' });
    // Checking the German against it makes it current without changing it.
    c = await kb.comparison.markChecked(c.entry.id, 'de');
    expect(c.translation).toEqual({ de: 'current', nl: 'current' });
    expect(c.entry.text.de).toBe('Etwa 355 000 Einwohner.');
  });

  it('treats a starter cell edited in one language like any other: the other language falls behind', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const starter = kb.comparison.table().cells.find((c) => c.entry.id === 'cmp-council-av')!;
    const edited = await kb.comparison.save(
      cell(
        'council',
        AV,
        { de: `${starter.entry.text.de}\n\nErgänzt.`, nl: starter.entry.text.nl },
        starter.entry.updatedAt,
      ),
    );
    expect(edited.entry.id).toBe('cmp-council-av');
    expect(edited.entry.starter).toBeUndefined();
    expect(edited.translation).toEqual({ de: 'current', nl: 'outdated' });
  });

  it('keeps every replaced version and restores an old one as a new version', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const first = await kb.comparison.save(cell(EMPTY_ROW, AV, { nl: 'Eerste versie.' }));
    const second = await kb.comparison.save(cell(EMPTY_ROW, AV, { nl: 'Tweede versie.' }, first.entry.updatedAt));
    const revisions = kb.comparison.revisions(second.entry.id);
    expect(revisions.map((r) => r.record.text.nl)).toEqual(['Eerste versie.']);

    const restored = await kb.comparison.restoreRevision(second.entry.id, revisions[0]!.id);
    expect(restored.entry.text.nl).toBe('Eerste versie.');
    expect(restored.entry.createdAt).toBe(first.entry.createdAt);
    expect(kb.comparison.revisions(second.entry.id).map((r) => r.record.text.nl)).toEqual([
      'Tweede versie.',
      'Eerste versie.',
    ]);
    expect(await code(kb.comparison.restoreRevision('cmp-council-av', revisions[0]!.id))).toBe('notFound');
  });

  it('refuses to overwrite a cell changed since editing began, and to create one someone else just filled', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const starter = kb.comparison.table().cells.find((c) => c.entry.id === 'cmp-council-ts')!;
    await kb.comparison.save(cell('council', TS, { de: 'Neu.' }, starter.entry.updatedAt));
    expect(await code(kb.comparison.save(cell('council', TS, { de: 'Veraltet.' }, starter.entry.updatedAt)))).toBe(
      'editConflict',
    );
    expect(await code(kb.comparison.save(cell('council', TS, { de: 'Auch neu.' }, null)))).toBe('editConflict');
    expect(kb.comparison.table().cells.find((c) => c.entry.id === 'cmp-council-ts')?.entry.text.de).toBe('Neu.');
  });

  it('refuses unknown organisations and topics, empty new cells, and malformed requests', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    expect(await code(kb.comparison.save(cell(EMPTY_ROW, 'org-nowhere', { de: 'x' })))).toBe('invalidReference');
    expect(await code(kb.comparison.save(cell('topic:topic-nowhere', TS, { de: 'x' })))).toBe('invalidReference');
    expect(await code(kb.comparison.save(cell(EMPTY_ROW, TS, { de: '  ' })))).toBe('invalidRequest');
    const request = contract.saveComparisonCell.request;
    expect(request.safeParse(cell('budget', TS, { de: 'x' })).success).toBe(false);
    expect(request.safeParse({ ...cell(EMPTY_ROW, TS, { de: 'x' }), extra: 1 }).success).toBe(false);
    expect(request.safeParse(cell('topic:topic-agile', TS, { de: 'x' })).success).toBe(true);
    expect(contract.printComparison.request.safeParse({ fileName: '../evil.pdf' }).success).toBe(false);
    expect(contract.printComparison.request.safeParse({ fileName: 'Vergleich 2027-05-12.pdf' }).success).toBe(true);
  });

  it('refuses to write before the user has said who they are', async () => {
    const kb = await openKnowledgeBase(await tempDir(), { systemLocales: ['de'] });
    expect(await code(kb.comparison.save(cell(EMPTY_ROW, TS, { de: 'x' })))).toBe('identityRequired');
  });
});

describe('the translation status of a cell', () => {
  it('is missing without text, and current when the other language has none or no basis was recorded', () => {
    expect(cellTranslation({ text: {} })).toEqual({ de: 'missing', nl: 'missing' });
    expect(cellTranslation({ text: { nl: 'x' } })).toEqual({ de: 'missing', nl: 'current' });
    expect(cellTranslation({ text: { de: 'x', nl: 'y' } })).toEqual({ de: 'current', nl: 'current' });
    expect(cellTranslation({ text: { de: 'x', nl: 'y' }, basedOn: { nl: '0'.repeat(64) } })).toEqual({
      de: 'current',
      nl: 'outdated',
    });
  });
});
