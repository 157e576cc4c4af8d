/**
 * Bundles as a partner's own tools write them, following docs/bundle-format.md:
 * what the schema allows in more than one spelling (times with offsets,
 * upper-case UUIDs), starter records copied from the published file, and
 * comparison cells made under ids of their own. Each is imported through the
 * app's import path and must not make spurious updates or conflicts.
 */
import { describe, expect, it } from 'vitest';
import starterJson from '../../../data/starter.json';
import type { Bundle } from '../../../shared/bundle';
import type { ComparisonEntry, Practice } from '../../../shared/model';
import type { KnowledgeBase } from '../../../core/knowledge-base';
import { mergeVersions, hashed } from '../../../core/base/merge';
import { readBundle } from '../../../core/bundle/read-bundle';
import { bundleText, changed, encode, INSTALLATION, smallBundle } from '../../helpers/bundles';
import { AV, TS } from '../../helpers/knowledge-base';
import { memoryKnowledgeBase } from '../../helpers/memory-store';

const PARTNER = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

function knowledgeBase(): KnowledgeBase {
  return memoryKnowledgeBase({ name: 'Jan de Vries', organisationId: AV }, { now: Date.parse('2026-12-01T09:00:00Z') });
}

/** Previews and imports a bundle; returns the preview's counts. */
async function importBundle(kb: KnowledgeBase, bundle: unknown) {
  const preview = kb.exchange.preview(encode(bundleText(bundle)), 'partner.twinning-kb.json');
  await kb.exchange.confirm(preview.previewId);
  return preview.counts;
}

describe('times in a bundle', () => {
  it('are read as instants in UTC, whatever offset they are written with', () => {
    const bundle = changed(smallBundle(), (b) => {
      b.exportedAt = '2026-12-01T11:00:00+01:00';
      b.content.practices[0]!.updatedAt = '2026-10-01T10:30:00+02:00';
      b.content.practices[0]!.createdAt = '2026-10-01T08:30:00.5Z';
    });
    const read = readBundle(encode(bundleText(bundle)));
    expect(read.exportedAt).toBe('2026-12-01T10:00:00.000Z');
    expect(read.content.practices[0]!.updatedAt).toBe('2026-10-01T08:30:00.000Z');
    expect(read.content.practices[0]!.createdAt).toBe('2026-10-01T08:30:00.500Z');
  });

  it('decide the latest of two concurrent versions by instant, not by how the time is written', () => {
    const practice: Practice = smallBundle().content.practices[0]!;
    const early: Practice = { ...practice, updatedAt: '2026-10-01T10:30:00+02:00', version: { [INSTALLATION]: 2 } };
    const late: Practice = { ...practice, updatedAt: '2026-10-01T09:00:00Z', version: { [PARTNER]: 1 } };
    expect(mergeVersions([hashed(early), hashed(late)]).winner.record).toBe(late);
    expect(mergeVersions([hashed(late), hashed(early)]).winner.record).toBe(late);
  });

  it('show the later of two concurrent versions after an import, however the earlier was written', async () => {
    const kb = knowledgeBase();
    await importBundle(
      kb,
      changed(smallBundle({ practices: 1, annotations: 0 }), (b) => {
        Object.assign(b.content.practices[0]!, { updatedAt: '2026-10-01T10:30:00+02:00' });
      }),
    );
    const counts = await importBundle(
      kb,
      changed(smallBundle({ practices: 1, annotations: 0 }), (b) => {
        Object.assign(b.content.practices[0]!, {
          version: { [PARTNER]: 1 },
          changedBy: PARTNER,
          updatedAt: '2026-10-01T09:00:00Z',
        });
        b.content.practices[0]!.texts.de!.title = 'Spätere Fassung';
      }),
    );
    expect(counts.practices).toMatchObject({ updated: 0, conflicts: 1 }); // one record, counted once
    expect(kb.practices.get('practice-01').practice.texts.de!.title).toBe('Spätere Fassung');
  });
});

describe('installation ids written in upper case', () => {
  it('are read in lower case: in version vectors, changedBy and exportedBy', () => {
    const upper = INSTALLATION.toUpperCase();
    const bundle = changed(smallBundle(), (b) => {
      b.exportedBy.installationId = upper;
      Object.assign(b.content.practices[0]!, { version: { [upper]: 1 }, changedBy: upper });
      b.content.annotations[0]!.installationId = upper;
    });
    const read = readBundle(encode(bundleText(bundle)));
    expect(read.exportedBy.installationId).toBe(INSTALLATION);
    expect(read.content.practices[0]).toMatchObject({ version: { [INSTALLATION]: 1 }, changedBy: INSTALLATION });
    expect(read.content.annotations[0]!.installationId).toBe(INSTALLATION);
  });

  it('count as the same installation, so its next version updates the record without a conflict', async () => {
    const kb = knowledgeBase();
    await importBundle(kb, smallBundle({ practices: 1, annotations: 0 }));
    const upper = INSTALLATION.toUpperCase();
    const counts = await importBundle(
      kb,
      changed(smallBundle({ practices: 1, annotations: 0 }), (b) => {
        Object.assign(b.content.practices[0]!, { version: { [upper]: 2 }, changedBy: upper });
        b.content.practices[0]!.texts.de!.title = 'Zweite Fassung';
      }),
    );
    expect(counts.practices).toMatchObject({ updated: 1, conflicts: 0 });
    expect(kb.conflicts.list()).toEqual([]);
  });

  it('count as the larger when one installation is named twice, in different case', () => {
    const upper = INSTALLATION.toUpperCase();
    const bundle = changed(smallBundle(), (b) => {
      b.content.practices[0]!.version = { [INSTALLATION]: 3, [upper]: 5 };
    });
    expect(readBundle(encode(bundleText(bundle))).content.practices[0]!.version).toEqual({ [INSTALLATION]: 5 });
  });
});

describe('starter content copied from data/starter.json', () => {
  it('imports as unchanged: the published file holds exactly the records every installation has', async () => {
    const kb = knowledgeBase();
    const starter = structuredClone(starterJson) as unknown as Bundle['content'];
    const bundle = changed(smallBundle({ practices: 0, annotations: 0 }), (b) => {
      b.content.organisations = starter.organisations;
      b.content.topics = starter.topics;
      b.content.practices = starter.practices.slice(0, 2);
      b.content.comparison = starter.comparison.slice(0, 2);
    });
    const counts = await importBundle(kb, bundle);
    for (const collection of ['organisations', 'topics', 'practices', 'comparison'] as const)
      expect(counts[collection], collection).toMatchObject({ added: 0, updated: 0, conflicts: 0 });
    expect(kb.conflicts.list()).toEqual([]);
  });
});

describe('comparison cells', () => {
  const starterCell = (dimension: string, organisationId: string) =>
    (starterJson.comparison as ComparisonEntry[]).find(
      (c) => c.dimension === dimension && c.organisationId === organisationId,
    )!;
  const partnerCell = (text: string) =>
    changed(smallBundle({ practices: 0, annotations: 0 }), (b) => {
      b.content.comparison = [
        {
          id: 'partner-council-ts',
          // Made on the starter release this installation holds (the cell there, unedited).
          version: { ...starterCell('council', TS).version, [PARTNER]: 1 },
          changedBy: PARTNER,
          dimension: 'council',
          organisationId: TS,
          text: { de: text },
          createdAt: '2026-11-30T08:00:00.000Z',
          updatedAt: '2026-11-30T08:00:00.000Z',
        },
      ];
    });

  it('meet as a conflict when the partner filled a cell held here under another id', async () => {
    const kb = knowledgeBase();
    const before = kb.comparison
      .table()
      .cells.find((c) => c.entry.dimension === 'council' && c.entry.organisationId === TS)!;
    await kb.comparison.save({
      dimension: 'council',
      organisationId: TS,
      baseUpdatedAt: before.entry.updatedAt,
      text: { de: 'Hier geändert.', nl: '' },
    });
    const counts = await importBundle(kb, partnerCell('Beim Partner geschrieben.'));
    expect(counts.comparison).toMatchObject({ added: 0, conflicts: 1 });
    const cells = kb.comparison
      .table()
      .cells.filter((c) => c.entry.dimension === 'council' && c.entry.organisationId === TS);
    expect(cells.map((c) => c.entry.id)).toEqual([before.entry.id]);
    expect(kb.store.get('comparison', 'partner-council-ts')).toBeUndefined();
    const conflict = kb.conflicts.list().find((c) => c.collection === 'comparison')!;
    expect(conflict.recordId).toBe(before.entry.id);
    expect(
      [conflict.current.record, ...conflict.others.map((o) => o.record)].map((r) => (r as ComparisonEntry).text.de),
    ).toEqual(expect.arrayContaining(['Hier geändert.', 'Beim Partner geschrieben.']));
  });

  it('take the place of an unedited starter cell, as a later version of it', async () => {
    const kb = knowledgeBase();
    const counts = await importBundle(kb, partnerCell('Beim Partner geschrieben.'));
    expect(counts.comparison).toMatchObject({ updated: 1, conflicts: 0 });
    const cell = kb.comparison
      .table()
      .cells.filter((c) => c.entry.dimension === 'council' && c.entry.organisationId === TS);
    expect(cell.map((c) => [c.entry.id, c.entry.text.de])).toEqual([['cmp-council-ts', 'Beim Partner geschrieben.']]);
  });
});
