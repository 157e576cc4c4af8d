/**
 * Exchange bundles for tests: valid ones made the way the app makes them
 * (exported from a knowledge base, or written by writeBundle from a few
 * hand-made records), and tools to change one and make its checksum match
 * again, so a test reaches exactly the check it means to reach.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import type { Bundle, BundleCollection, BundleRecord, BundleSelection, CollectionRecord } from '../../shared/bundle';
import { errorDetail, errorMessage } from '../../shared/error-message';
import { i18nOptions } from '../../shared/i18n';
import type { ErrorCode, ErrorParams } from '../../shared/errors';
import type { Annotation, Lang, Organisation, Practice, Topic } from '../../shared/model';
import { canonicalJson, sha256Hex } from '../../core/base/canonical-json';
import { writeBundle } from '../../core/bundle/write-bundle';
import type { KnowledgeBase } from '../../core/knowledge-base';
import { AV, germanPractice, TS } from './knowledge-base';
import { memoryKnowledgeBase } from './memory-store';

export { AV, TS };

export const INSTALLATION = '0b6f2a52-1c3e-4b7a-9d3f-5e2c8a1b4c6d';
export const EXPORTED_AT = '2026-12-01T10:00:00.000Z';

/** UTF-8 bytes of a text, as a file would hold them. */
export const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The bundle as one line of JSON, as the app writes it; or indented when `space` is given. */
export const bundleText = (bundle: unknown, space?: number): string => JSON.stringify(bundle, null, space);

/** What the knowledge base exports, as the file's bytes. */
export const exportBytes = (kb: KnowledgeBase, selection?: BundleSelection): Uint8Array =>
  Buffer.concat([...kb.exchange.exportBundle(selection).pieces]);

/** What the knowledge base exports, as text. */
export const exportText = (kb: KnowledgeBase, selection?: BundleSelection): string =>
  new TextDecoder().decode(exportBytes(kb, selection));

/** The bundle with its checksum computed again over its (possibly changed) content. */
export function withChecksum<T extends { content: unknown; checksum: { algorithm: string; value: string } }>(
  bundle: T,
): T {
  return { ...bundle, checksum: { algorithm: 'sha256', value: sha256Hex(canonicalJson(bundle.content)) } };
}

/** A copy of the bundle changed by `change`, with a matching checksum (so only the change itself is wrong). */
export function changed(bundle: Bundle, change: (copy: Bundle) => void): Bundle {
  const copy = structuredClone(bundle);
  change(copy);
  return withChecksum(copy);
}

/** A copy of the bundle changed by `change`, keeping the old checksum. */
export function tampered(bundle: Bundle, change: (copy: Bundle) => void): Bundle {
  const copy = structuredClone(bundle);
  change(copy);
  return copy;
}

// --- A bundle exported by a knowledge base ------------------------------------

export interface ExportedBundle {
  bundle: Bundle;
  /** Ids of what was added on top of the starter content. */
  ids: { practice: string; annotation: string; trashedPractice: string; trashedAnnotation: string };
}

let exported: Promise<ExportedBundle> | undefined;

/**
 * Everything a knowledge base exports after some use: the starter content, a
 * German practice of Tempelhof-Schöneberg with a lesson learned, and a
 * practice and an annotation in the trash (so there are tombstones). Made
 * once per test file; each call returns a fresh copy.
 */
export async function exportedBundle(): Promise<ExportedBundle> {
  exported ??= (async () => {
    const kb = memoryKnowledgeBase(
      { name: 'Erika Muster', organisationId: TS },
      { now: Date.parse('2026-12-01T09:00:00Z') },
    );
    const { practice } = await kb.practices.save(undefined, germanPractice(kb));
    const annotation = await kb.annotations.save(undefined, {
      practiceId: practice.id,
      kind: 'lesson',
      text: 'Gut gelaufen.',
      language: 'de',
    });
    const trashedAnnotation = await kb.annotations.save(undefined, {
      practiceId: practice.id,
      kind: 'comment',
      text: 'Doch nicht.',
      language: 'de',
    });
    await kb.annotations.trash(trashedAnnotation.id);
    const trashed = (await kb.practices.save(undefined, germanPractice(kb, { tags: ['verworfen'] }))).practice;
    await kb.practices.trash(trashed.id);
    return {
      bundle: JSON.parse(exportText(kb)) as Bundle,
      ids: {
        practice: practice.id,
        annotation: annotation.id,
        trashedPractice: trashed.id,
        trashedAnnotation: trashedAnnotation.id,
      },
    };
  })();
  return structuredClone(await exported);
}

// --- A small bundle from hand-made records -------------------------------------

const at = (minute: number) => `2026-10-01T08:${String(minute).padStart(2, '0')}:00.000Z`;

export function organisationRecord(id: string, name: string, country: string): Organisation {
  return {
    id,
    version: { [INSTALLATION]: 1 },
    changedBy: INSTALLATION,
    name: { de: name, nl: name },
    country,
    kind: country === 'DE' ? 'berlin-district' : 'gemeente',
  };
}

export function topicRecord(id: string, de: string, nl: string): Topic {
  return { id, version: { [INSTALLATION]: 1 }, changedBy: INSTALLATION, name: { de, nl } };
}

/** A German practice with a Dutch translation, numbered so that ids sort in the order made. */
export function practiceRecord(n: number, overrides: Partial<Practice> = {}): Practice {
  return {
    id: `practice-${String(n).padStart(2, '0')}`,
    version: { [INSTALLATION]: 1 },
    changedBy: INSTALLATION,
    organisationId: TS,
    topicIds: ['topic-traffic'],
    tags: ['verkehr'],
    originalLanguage: 'de',
    texts: {
      de: { title: `Praxisbeispiel ${n}`, summary: 'Kurz gesagt.', body: '## Ziel\n\nMehr Sicherheit.' },
      nl: { title: `Praktijkvoorbeeld ${n}`, summary: 'Kort gezegd.', body: '## Doel\n\nMeer veiligheid.' },
    },
    sources: [],
    createdAt: at(n),
    updatedAt: at(n),
    ...overrides,
  };
}

export function annotationRecord(n: number, practiceId: string, overrides: Partial<Annotation> = {}): Annotation {
  return {
    id: `annotation-${String(n).padStart(2, '0')}`,
    version: { [INSTALLATION]: 1 },
    changedBy: INSTALLATION,
    practiceId,
    kind: 'lesson',
    text: 'Das hat gut funktioniert.',
    language: 'de',
    author: 'Erika Muster',
    organisationId: TS,
    installationId: INSTALLATION,
    createdAt: at(30 + n),
    updatedAt: at(30 + n),
    ...overrides,
  };
}

export interface SmallBundleOptions {
  /** How many practices (default 4), ids practice-01 … */
  practices?: number;
  /** How many annotations on practice-01 (default 1). */
  annotations?: number;
  /** Also a deleted practice (a tombstone) with this number. */
  trashedPractice?: number;
  conflicts?: CollectionRecord[];
}

/**
 * A small, valid bundle written by writeBundle: the two organisations, two
 * topics, German practices with Dutch translations, and lessons learned.
 */
export function smallBundle(options: SmallBundleOptions = {}): Bundle {
  const practices = Array.from({ length: options.practices ?? 4 }, (_, i) => practiceRecord(i + 1));
  if (options.trashedPractice !== undefined)
    practices.push(practiceRecord(options.trashedPractice, { deletedAt: at(59) }));
  const records: { [C in BundleCollection]: BundleRecord<C>[] } = {
    organisations: [organisationRecord(TS, 'Tempelhof-Schöneberg', 'DE'), organisationRecord(AV, 'Amstelveen', 'NL')],
    topics: [topicRecord('topic-traffic', 'Verkehr', 'Verkeer'), topicRecord('topic-green', 'Grün', 'Groen')],
    practices,
    visits: [],
    contacts: [],
    annotations: Array.from({ length: options.annotations ?? 1 }, (_, i) => annotationRecord(i + 1, 'practice-01')),
    glossary: [],
    comparison: [],
    tagLabels: [],
  };
  return writeBundle(
    { all: (collection) => records[collection] as never, conflicts: () => options.conflicts ?? [] },
    { exportedAt: EXPORTED_AT, exportedBy: { installationId: INSTALLATION, organisationId: TS, name: 'Erika Muster' } },
  ).bundle;
}

// --- The store on disk ---------------------------------------------------------

/** Every file under `dir` (recursively) with its bytes, to compare a store before and after. */
export async function snapshotFiles(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile())) {
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file), await readFile(file));
  }
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}

// --- Messages ------------------------------------------------------------------

const translators = new Map<Lang, TFunction>();

/** i18next's `t` for a language, set up as the app and the command line set it up. */
export async function translator(language: Lang): Promise<TFunction> {
  let t = translators.get(language);
  if (!t) {
    const i18n = i18next.createInstance();
    await i18n.init(i18nOptions(language));
    t = i18n.t.bind(i18n) as TFunction;
    translators.set(language, t);
  }
  return t;
}

/** The message for an error in German or Dutch, with its technical detail after it where it has one (as the CLI prints it). */
export async function renderError(language: Lang, code: string, params?: ErrorParams): Promise<string> {
  const t = await translator(language);
  const detail = errorDetail(t, code, params);
  return `${errorMessage(t, code, params)}${detail ? ` ${detail}` : ''}`;
}

// --- Hostile input -------------------------------------------------------------

/** A small, seeded generator of pseudo-random bytes (mulberry32): the same garbage on every run. */
export function garbageBytes(length: number, seed = 0x5eed): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    bytes[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return bytes;
}

const concatBytes = (...parts: Uint8Array[]): Uint8Array => {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.byteLength;
  }
  return all;
};

/** 1-based line and column of `index` in `text`, counting UTF-16 code units as the reader does. */
export function lineColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - (before.lastIndexOf('\n') + 1) + 1 };
}

/**
 * A bundle's text with the key `"zzMarker"` (put into the bundle by `mark`)
 * replaced by `key` as written in JSON, and where that key starts.
 */
function withKey(
  bundle: Bundle,
  mark: (copy: Bundle) => void,
  key: string,
  space?: number,
): { text: string; line: number; column: number } {
  const copy = structuredClone(bundle);
  mark(copy);
  const marked = bundleText(copy, space);
  const index = marked.indexOf('"zzMarker"');
  if (index < 0 || marked.indexOf('"zzMarker"', index + 1) >= 0)
    throw new Error('mark the bundle with exactly one zzMarker key');
  return {
    text: marked.slice(0, index) + key + marked.slice(index + '"zzMarker"'.length),
    ...lineColumn(marked, index),
  };
}

export interface HostileCase {
  /** What the file is, to complete "refuses …". */
  name: string;
  bytes: Uint8Array;
  code: ErrorCode;
  /** The params the error must carry (a subset of what it carries). */
  params?: ErrorParams;
}

/**
 * The hostile-input suite (all but the 100+ MB file, which is made on disk
 * where needed): each file with the error it must be refused with.
 */
export async function hostileCases(): Promise<HostileCase[]> {
  const { bundle, ids } = await exportedBundle();
  const text = bundleText(bundle);
  const pretty = bundleText(bundle, 2);
  const practiceAt = bundle.content.practices.findIndex((p) => p.id === ids.practice);
  const annotationAt = bundle.content.annotations.findIndex((a) => a.id === ids.annotation);
  const tombstoneAt = bundle.content.tombstones.findIndex((t) => t.record.id === ids.trashedPractice);
  const practice = () => (b: Bundle) => b.content.practices[practiceAt]!;
  const marker = { zzMarker: { polluted: 'yes' } };
  const half = Math.floor(text.length / 2);
  const prettyHalf = pretty.slice(0, Math.floor(pretty.length / 2)).trimEnd();
  const garbage = garbageBytes(64 * 1024);

  const cases: HostileCase[] = [
    { name: 'an empty file', bytes: new Uint8Array(0), code: 'bundleEmpty' },
    { name: 'a file of whitespace only', bytes: encode(' \n\t\r\n   '), code: 'bundleEmpty' },
    { name: 'a file holding null', bytes: encode('null'), code: 'notABundle' },
    { name: 'a bare array', bytes: encode('[1, 2, 3]'), code: 'notABundle' },
    { name: 'an empty array', bytes: encode('[]'), code: 'notABundle' },
    { name: 'a bare number', bytes: encode('42'), code: 'notABundle' },
    { name: 'a bare string', bytes: encode('"twinning-kb.bundle"'), code: 'notABundle' },
    { name: 'a bare true', bytes: encode('true'), code: 'notABundle' },
    { name: 'an empty object', bytes: encode('{}'), code: 'notABundle' },
    {
      name: 'a valid bundle cut in half',
      bytes: encode(text.slice(0, half)),
      code: 'bundleTruncated',
      params: { line: 1, column: half + 1 },
    },
    {
      name: 'an indented bundle cut in half',
      bytes: encode(prettyHalf),
      code: 'bundleTruncated',
      params: lineColumn(prettyHalf, prettyHalf.length),
    },
    { name: 'binary garbage (random bytes)', bytes: garbage, code: 'bundleNotUtf8' },
    {
      name: 'a PNG header',
      bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      code: 'bundleForeignFile',
    },
    {
      name: 'ASCII control characters',
      bytes: new Uint8Array([0, 1, 2, 3, 0x1b, 0x7f]),
      code: 'bundleSyntax',
      params: { line: 1, column: 1, found: 'U+0000' },
    },
    { name: 'the invalid UTF-8 sequence C3 28', bytes: new Uint8Array([0xc3, 0x28]), code: 'bundleNotUtf8' },
    {
      name: 'a valid bundle with invalid UTF-8 inside a title',
      bytes: (() => {
        const at = text.indexOf('Sichere Kreisverkehre');
        return concatBytes(encode(text.slice(0, at)), new Uint8Array([0xc3, 0x28]), encode(text.slice(at)));
      })(),
      code: 'bundleNotUtf8',
    },
    {
      name: 'an encoded lone surrogate (CESU-8)',
      bytes: concatBytes(encode('{"format":"'), new Uint8Array([0xed, 0xa0, 0x80]), encode('"}')),
      code: 'bundleNotUtf8',
    },
    {
      name: '200 000 opening brackets',
      bytes: encode('['.repeat(200_000)),
      code: 'bundleTooDeep',
      params: { line: 1, column: 65, maxDepth: 64 },
    },
    {
      name: '200 000 levels of balanced nesting',
      bytes: encode('['.repeat(200_000) + ']'.repeat(200_000)),
      code: 'bundleTooDeep',
      params: { line: 1, column: 65, maxDepth: 64 },
    },
    {
      name: '200 000 levels of nested objects',
      bytes: encode('{"a":'.repeat(200_000) + '1' + '}'.repeat(200_000)),
      code: 'bundleTooDeep',
      params: { line: 1, column: 321 },
    },
    {
      name: 'a bundle with another format',
      bytes: encode(bundleText({ ...bundle, format: 'obsidian.vault' })),
      code: 'notABundle',
    },
    {
      name: 'a bundle without a format',
      bytes: encode(bundleText({ ...bundle, format: undefined })),
      code: 'notABundle',
    },
    {
      name: 'a bundle of a future schema version (2)',
      bytes: encode(bundleText({ ...bundle, schemaVersion: 2 })),
      code: 'bundleTooNew',
      params: { version: 2, supported: 1 },
    },
    {
      name: 'a bundle of schema version 0',
      bytes: encode(bundleText({ ...bundle, schemaVersion: 0 })),
      code: 'bundleVersionUnknown',
      params: { version: '0' },
    },
    {
      name: 'a bundle of schema version "1" (a string)',
      bytes: encode(bundleText({ ...bundle, schemaVersion: '1' })),
      code: 'bundleVersionUnknown',
      params: { version: '1' },
    },
    {
      name: 'a bundle of schema version 1.5',
      bytes: encode(bundleText({ ...bundle, schemaVersion: 1.5 })),
      code: 'bundleVersionUnknown',
      params: { version: '1.5' },
    },
    {
      name: 'a bundle without a schema version',
      bytes: encode(bundleText({ ...bundle, schemaVersion: undefined })),
      code: 'bundleVersionUnknown',
    },
  ];

  // Keys that could reach an object's prototype, at the top and deep inside records, also written with escapes.
  const places: [string, (b: Bundle) => void][] = [
    ['at the top level', (b) => Object.assign(b, marker)],
    ['deep inside a practice text', (b) => Object.assign(practice()(b).texts.de!, marker)],
    ['inside an annotation', (b) => Object.assign(b.content.annotations[annotationAt]!, marker)],
    ['inside a tombstone', (b) => Object.assign(b.content.tombstones[tombstoneAt]!.record, marker)],
    ['inside a version vector', (b) => Object.assign(practice()(b).version, marker)],
  ];
  const keys: [written: string, key: string][] = [
    ['"__proto__"', '__proto__'],
    ['"constructor"', 'constructor'],
    ['"prototype"', 'prototype'],
    ['"\\u005f_proto__"', '__proto__'],
    ['"\\u005F\\u005Fproto\\u005F\\u005F"', '__proto__'],
    ['"constr\\u0075ctor"', 'constructor'],
  ];
  for (const [where, mark] of places) {
    for (const [written, key] of keys) {
      if (
        where !== 'at the top level' &&
        where !== 'deep inside a practice text' &&
        written !== '"__proto__"' &&
        written !== '"\\u005f_proto__"'
      )
        continue;
      const { text: hostile, line, column } = withKey(bundle, mark, written);
      cases.push({
        name: `a key ${written} ${where}`,
        bytes: encode(hostile),
        code: 'bundleForbiddenKey',
        params: { line, column, key },
      });
    }
  }
  {
    const {
      text: hostile,
      line,
      column,
    } = withKey(bundle, (b) => Object.assign(practice()(b).texts.de!, marker), '"__proto__"', 2);
    cases.push({
      name: 'a key "__proto__" deep inside an indented bundle',
      bytes: encode(hostile),
      code: 'bundleForbiddenKey',
      params: { line, column, key: '__proto__' },
    });
  }

  // Keys given twice in one object: JSON.parse would silently keep the last.
  {
    const { text: hostile, line, column } = withKey(bundle, (b) => Object.assign(b, { zzMarker: 'x' }), '"format"');
    cases.push({
      name: 'the key "format" twice at the top level',
      bytes: encode(hostile),
      code: 'bundleDuplicateKey',
      params: { line, column, key: 'format' },
    });
  }
  {
    const {
      text: hostile,
      line,
      column,
    } = withKey(bundle, (b) => Object.assign(practice()(b), { zzMarker: ['evil'] }), '"tags"', 2);
    cases.push({
      name: 'the key "tags" twice in a practice',
      bytes: encode(hostile),
      code: 'bundleDuplicateKey',
      params: { line, column, key: 'tags' },
    });
  }
  {
    const {
      text: hostile,
      line,
      column,
    } = withKey(bundle, (b) => Object.assign(practice()(b).texts.de!, { zzMarker: 'Anders' }), '"\\u0074itle"');
    cases.push({
      name: 'the key "title" twice, once written with an escape',
      bytes: encode(hostile),
      code: 'bundleDuplicateKey',
      params: { line, column, key: 'title' },
    });
  }

  const record = bundle.content.practices[practiceAt]!;
  cases.push(
    {
      name: 'a practice without a title',
      bytes: encode(
        bundleText(changed(bundle, (b) => void delete (practice()(b).texts.de as { title?: string }).title)),
      ),
      code: 'bundleInvalidRecord',
      params: {
        collection: 'practices',
        position: practiceAt + 1,
        id: record.id,
        field: 'texts.de.title',
        problem: 'missing',
      },
    },
    {
      name: 'a bundle with the same practice twice',
      bytes: encode(bundleText(changed(bundle, (b) => void b.content.practices.push(structuredClone(record))))),
      code: 'bundleDuplicateId',
      params: { collection: 'practices', id: record.id },
    },
    {
      name: 'a bundle with a practice both live and deleted',
      bytes: encode(
        bundleText(
          changed(
            bundle,
            (b) =>
              void b.content.tombstones.push({
                collection: 'practices',
                record: { ...structuredClone(record), deletedAt: '2026-12-01T12:00:00.000Z' },
              }),
          ),
        ),
      ),
      code: 'bundleDuplicateId',
      params: { collection: 'practices', id: record.id },
    },
    {
      name: 'an annotation pointing at a practice that is not in the bundle',
      bytes: encode(bundleText(changed(bundle, (b) => void b.content.practices.splice(practiceAt, 1)))),
      code: 'bundleDanglingReference',
      params: { collection: 'annotations', id: ids.annotation, field: 'practiceId', target: ids.practice },
    },
    {
      name: 'a practice pointing at a topic that is not in the bundle',
      bytes: encode(bundleText(changed(bundle, (b) => void (practice()(b).topicIds = ['topic-nowhere'])))),
      code: 'bundleDanglingReference',
      params: { collection: 'practices', id: record.id, field: 'topicIds', target: 'topic-nowhere' },
    },
    {
      name: 'a version in conflict pointing at a practice that is not in the bundle',
      bytes: encode(
        bundleText(
          changed(bundle, (b) => {
            const annotation = b.content.annotations[annotationAt]!;
            b.content.conflicts.push({
              collection: 'annotations',
              record: { ...annotation, practiceId: 'practice-gone', text: 'Andere Fassung.' },
            });
          }),
        ),
      ),
      code: 'bundleDanglingReference',
      params: { collection: 'annotations', id: ids.annotation, field: 'practiceId', target: 'practice-gone' },
    },
    {
      name: 'a bundle whose title was changed after export (checksum no longer matches)',
      bytes: encode(
        bundleText(tampered(bundle, (b) => void (practice()(b).texts.de!.title = 'Unsichere Kreisverkehre'))),
      ),
      code: 'bundleChecksum',
    },
    {
      name: 'a bundle with a practice added after export',
      bytes: encode(
        bundleText(
          tampered(
            bundle,
            (b) => void b.content.practices.push({ ...structuredClone(record), id: 'practice-smuggled' }),
          ),
        ),
      ),
      code: 'bundleChecksum',
    },
    {
      name: 'a deleted practice in the live list',
      bytes: encode(bundleText(changed(bundle, (b) => void (practice()(b).deletedAt = '2026-12-01T12:00:00.000Z')))),
      code: 'bundleMisplacedRecord',
      params: { collection: 'practices', position: practiceAt + 1, id: record.id, field: 'deletedAt' },
    },
    {
      name: 'a live practice among the tombstones',
      bytes: encode(
        bundleText(
          changed(bundle, (b) => {
            const { deletedAt: _deletedAt, ...live } = b.content.tombstones[tombstoneAt]!.record as Practice;
            b.content.tombstones[tombstoneAt] = { collection: 'practices', record: live };
          }),
        ),
      ),
      code: 'bundleMisplacedRecord',
      params: { collection: 'practices', position: tombstoneAt + 1, id: ids.trashedPractice, field: 'deletedAt' },
    },
  );
  return cases;
}
