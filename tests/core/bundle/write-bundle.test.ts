import { describe, expect, it } from 'vitest';
import type { BundleCollection, CollectionRecord } from '../../../shared/bundle';
import { canonicalize, canonicalJson, sha256Hex } from '../../../core/base/canonical-json';
import { readBundle } from '../../../core/bundle/read-bundle';
import { prepareBundle, type BundleSource, type WriteOptions } from '../../../core/bundle/write-bundle';
import {
  annotationRecord,
  EXPORTED_AT,
  INSTALLATION,
  organisationRecord,
  practiceRecord,
  topicRecord,
  AV,
  TS,
} from '../../helpers/bundles';

/** Text that is one, two, three and four bytes a character in UTF-8, with characters JSON must escape. */
const DAY = '2026-03-01T00:00:00.000Z';
const MIXED = 'Kreisverkehr „Ortsmitte“ – Yılmaz, ideeën, 🚲 fietsstraat, "Zitat" \\ Zeile\n\u2028 Ende. ';

/** Enough records for several pieces, their keys in any order, with tombstones and a conflict. */
function records(): Record<BundleCollection, unknown[]> & { conflicts: CollectionRecord[] } {
  const reversed = <T extends object>(record: T): T => Object.fromEntries(Object.entries(record).reverse()) as T;
  const practices = Array.from({ length: 40 }, (_, i) =>
    reversed(practiceRecord(i + 1, i % 10 === 9 ? { deletedAt: '2026-02-01T00:00:00.000Z' } : {})),
  );
  const annotations = Array.from({ length: 3_000 }, (_, i) =>
    reversed(
      annotationRecord(i + 1, `practice-${String((i % 40) + 1).padStart(2, '0')}`, {
        text: MIXED.repeat(1 + (i % 7)),
        createdAt: DAY,
        updatedAt: DAY,
      }),
    ),
  );
  return {
    organisations: [organisationRecord(TS, 'Tempelhof-Schöneberg', 'DE'), organisationRecord(AV, 'Amstelveen', 'NL')],
    topics: [topicRecord('topic-traffic', 'Verkehr', 'Verkeer')],
    practices: practices.reverse(),
    annotations,
    visits: [],
    contacts: [],
    glossary: [],
    comparison: [],
    tagLabels: [],
    conflicts: [
      { collection: 'practices', record: { ...practiceRecord(2), tags: ['andere Fassung'] } } as CollectionRecord,
    ],
  };
}

const options: WriteOptions = {
  exportedAt: EXPORTED_AT,
  exportedBy: { installationId: INSTALLATION, organisationId: TS, name: 'Erika Muster' },
};

function source(data: ReturnType<typeof records>, serialize?: BundleSource['serialize']): BundleSource {
  return {
    all: (collection) => data[collection] as never,
    conflicts: () => data.conflicts,
    ...(serialize ? { serialize } : {}),
  };
}

/** Reads every piece; the file's bytes and what the generator returned. */
function drain(pieces: Generator<Uint8Array, { algorithm: 'sha256'; value: string }>) {
  const read: Uint8Array[] = [];
  let next = pieces.next();
  for (; !next.done; next = pieces.next()) read.push(Buffer.from(next.value)); // copied: a piece is not reused, and this proves it
  return { pieces: read, bytes: Buffer.concat(read), checksum: next.value };
}

describe('writing a bundle', () => {
  it('writes the content as canonical JSON, piece by piece, with the checksum of exactly those bytes', () => {
    const prepared = prepareBundle(source(records()), options);
    const { pieces, bytes, checksum } = drain(prepared.pieces);
    expect(pieces.length).toBeGreaterThan(2);
    expect(bytes.length).toBeGreaterThan(2 * 1024 * 1024);

    const text = bytes.toString('utf8');
    const start = text.indexOf(',"content":') + ',"content":'.length;
    const end = text.lastIndexOf(',"checksum":');
    expect(text.slice(start, end)).toBe(canonicalJson(prepared.content));
    expect(checksum).toEqual({ algorithm: 'sha256', value: sha256Hex(canonicalJson(prepared.content)) });
    expect(JSON.parse(text).checksum).toEqual(checksum);
    expect(prepared.content.tombstones).toHaveLength(4);
    expect(prepared.content.practices.map((p) => p.id)).toEqual(
      [...prepared.content.practices.map((p) => p.id)].sort(),
    );
  });

  it('writes the same bytes with JSON.stringify for canonicalized records as with canonicalJson for records in any order', () => {
    const data = records();
    const ordered = canonicalize(data);
    const slow = drain(prepareBundle(source(data), options).pieces).bytes;
    const fast = drain(prepareBundle(source(ordered, JSON.stringify), options).pieces).bytes;
    expect(fast.equals(slow)).toBe(true);
  });

  it('writes a bundle that reads back with every record', () => {
    const data = records();
    const { bytes } = drain(prepareBundle(source(data), options).pieces);
    const bundle = readBundle(bytes);
    expect(bundle.content.annotations).toHaveLength(3_000);
    expect(bundle.content.annotations[0]!.text).toBe(MIXED);
    expect(bundle.content.conflicts).toEqual(data.conflicts);
  });

  it('leaves out records a store may hold from before the exchange rules were tightened, which the partner would refuse', () => {
    const data = records();
    const cell = (id: string, dimension: string, version: Record<string, number> = { [INSTALLATION]: 1 }) => ({
      id,
      version,
      dimension,
      organisationId: TS,
      text: { de: 'Text' },
      createdAt: DAY,
      updatedAt: DAY,
    });
    data.comparison = [
      cell('cell-ok', 'council'),
      cell('cell-structure', 'structure'),
      cell('cell-unversioned', 'size', {}),
    ];
    data.organisations.push({ ...organisationRecord('org-starter', 'Starter', 'DE'), version: {}, starter: true });
    const { content } = prepareBundle(source(data), options);
    expect(content.comparison.map((c) => c.id)).toEqual(['cell-ok']);
    expect(content.organisations.map((o) => o.id)).toContain('org-starter');
    expect(readBundle(drain(prepareBundle(source(data), options).pieces).bytes).content.comparison).toHaveLength(1);
  });
});
