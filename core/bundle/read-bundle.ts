/**
 * Reads an exchange bundle from untrusted bytes, checking everything before
 * anything is changed, in an order that names the first real problem: size,
 * encoding, JSON syntax (with line and column), nesting and dangerous keys,
 * format and schema version, schema (which record, which field), checksum,
 * placement, duplicate ids and comparison cells, and references. The app and the command line both use it;
 * sync reads big files in slices between which the event loop turns (readBundleInSlices).
 */
import { isUtf8 } from 'node:buffer';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { z } from 'zod';
import {
  Bundle,
  BundleContent,
  MAX_RECORDS,
  BUNDLE_COLLECTIONS,
  BUNDLE_FORMAT,
  BUNDLE_SCHEMA_VERSION,
  type BundleCollection,
  type BundleRecord,
} from '../../shared/bundle';
import { KbError } from '../base/errors';
import { dimensionTopicId } from '../../shared/model';
import { canonicalJson, sha256Hex } from '../base/canonical-json';
import { foreignFileKind } from './foreign-file';
import { scanJson, type TopLevelSpans } from './scan-json';

export const DEFAULT_MAX_BUNDLE_BYTES = 100 * 1024 * 1024;
/** A bundle nests about eight levels; anything far deeper is not one. */
const MAX_DEPTH = 64;

/**
 * Upgrades a bundle of an older schema version by one version. Version 1 is
 * the first, so the list is empty; version n+1 adds `n: (bundle) => …`.
 */
const MIGRATIONS: Record<number, (bundle: Record<string, unknown>) => Record<string, unknown>> = {};
const OLDEST_SCHEMA_VERSION = 1;

export interface ReadOptions {
  maxBytes?: number;
}

export function readBundle(bytes: Uint8Array, options: ReadOptions = {}): Bundle {
  return readBundleReporting(bytes, options).bundle;
}

/** A bundle read, and what a reader that parsed the same bytes needs to know to use its own parse instead. */
export interface BundleRead {
  bundle: Bundle;
  /** Whether the bundle equals the file's plain JSON.parse (nothing normalised, upgraded or filled in). */
  asParsed: boolean;
  /** Whether its content is written as canonical JSON, as this app writes it (it hashes to the checksum as written). */
  canonical: boolean;
}

/** readBundle, saying how the bundle relates to the file's plain parse. */
export function readBundleReporting(bytes: Uint8Array, options: ReadOptions = {}): BundleRead {
  const steps = readSteps(bytes, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same reading and the same checks, with a turn of the event loop
 * between the steps and between slices of records while they are checked
 * against the schema, so that a big file (a sync checkpoint) does not hold
 * up everything else for seconds. Parsing the JSON is still one step.
 */
export async function readBundleInSlices(bytes: Uint8Array, options: ReadOptions = {}): Promise<BundleRead> {
  const steps = readSteps(bytes, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await yieldToEventLoop();
  }
}

/**
 * The file's text parsed as JSON with no check at all, for a reader that has
 * the same bytes checked elsewhere before it uses the value (checkInWorker).
 * Throws what decoding or JSON.parse throws.
 */
export async function parseUnchecked(bytes: Uint8Array): Promise<unknown> {
  const text = decodeUtf8(bytes);
  await yieldToEventLoop();
  return JSON.parse(text) as unknown;
}

function* readSteps(bytes: Uint8Array, options: ReadOptions): Generator<void, BundleRead> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BUNDLE_BYTES;
  if (bytes.byteLength > maxBytes) throw tooLarge(bytes.byteLength, maxBytes);
  const kind = foreignFileKind(bytes);
  if (kind) throw new KbError('bundleForeignFile', `a file of kind ${kind}`, { params: { fileKind: kind } });
  const text = decodeUtf8(bytes);
  yield;
  const spans: TopLevelSpans = new Map();
  const problem = scanBundleJson(text, spans);
  yield;
  const raw = problem ?? (JSON.parse(text) as unknown);
  yield;
  // The content as written, in bytes: its start counted from the front (after any byte order mark) and its
  // end from the back, so only the short header and trailer are measured, never the content itself.
  const content = spans.get('content');
  const contentBytes =
    content &&
    bytes.subarray(
      byteOrderMarkLength(bytes) + utf8Length(text.slice(0, content.start)),
      bytes.byteLength - utf8Length(text.slice(content.end)),
    );
  const { bundle, canonical } = yield* checkSteps(raw, contentBytes);
  // Cheap: records the schema left as they were are the parsed objects themselves.
  return { bundle, canonical, asParsed: sameJson(raw, bundle) };
}

const utf8Length = (text: string) => Buffer.byteLength(text, 'utf8');
const byteOrderMarkLength = (bytes: Uint8Array) =>
  bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;

/** The limit and the file's size, in MiB (1 MiB = 1 048 576 bytes) and, so that no rounding hides the excess, in bytes. */
export function tooLarge(size: number, maxBytes: number): KbError {
  return new KbError('bundleTooLarge', `${size} bytes`, {
    params: { size, limit: maxBytes, sizeMiB: mebibytes(size), limitMiB: mebibytes(maxBytes) },
  });
}

function decodeUtf8(bytes: Uint8Array): string {
  if (!isUtf8(bytes)) throw new KbError('bundleNotUtf8');
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  // A leading byte order mark, which some editors write, is not part of the JSON.
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** Parses the text after scanning it; `spans` receives where each top-level member is written. */
export function parseBundleJson(text: string, spans?: TopLevelSpans): unknown {
  scanBundleJson(text, spans);
  return JSON.parse(text) as unknown;
}

/** Throws the first problem the scan finds; returns nothing (undefined) when the text is well-formed. */
function scanBundleJson(text: string, spans?: TopLevelSpans): undefined {
  if (text.trim() === '') throw new KbError('bundleEmpty');
  const problem = scanJson(text, MAX_DEPTH, spans);
  if (problem) {
    const { kind, ...params } = problem;
    const code = (
      {
        syntax: 'bundleSyntax',
        truncated: 'bundleTruncated',
        tooDeep: 'bundleTooDeep',
        forbiddenKey: 'bundleForbiddenKey',
        duplicateKey: 'bundleDuplicateKey',
        loneSurrogate: 'bundleLoneSurrogate',
      } as const
    )[kind];
    throw new KbError(code, `${kind} at ${params.line}:${params.column}`, { params });
  }
  return undefined;
}

/**
 * Checks an already parsed value; exported for callers that hold a value
 * rather than bytes. `contentBytes` is the content as written in the file:
 * when it hashes to the checksum (this app writes it canonical), the content
 * need not be serialised again.
 */
export function checkBundle(raw: unknown, contentBytes?: Uint8Array): Bundle {
  const steps = checkSteps(raw, contentBytes);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value.bundle;
  }
}

function* checkSteps(raw: unknown, contentBytes?: Uint8Array): Generator<void, { bundle: Bundle; canonical: boolean }> {
  const upgraded = upgrade(raw);
  const bundle = yield* parseSchema(upgraded);
  yield;

  // The checksum covers the content as sent, before defaults were filled in.
  const expected = bundle.checksum.value;
  const asWritten = contentBytes !== undefined && sha256Hex(contentBytes) === expected;
  const actual = asWritten ? expected : sha256Hex(canonicalJson((upgraded as { content: unknown }).content));
  if (actual !== expected) throw new KbError('bundleChecksum', `expected ${expected}, got ${actual}`);

  checkPlacement(bundle.content);
  checkUniqueIds(bundle.content);
  checkUniqueCells(bundle.content);
  checkReferences(bundle.content);
  return { bundle, canonical: asWritten };
}

/** Records checked against their schema between two turns of the event loop. */
const SLICE = 2_000;

type ArraySchema = z.ZodArray<z.ZodType>;
const SECTIONS = Object.entries(BundleContent.shape).map(([name, schema]) => ({
  name,
  optional: schema instanceof z.ZodOptional,
  element: (schema instanceof z.ZodOptional ? (schema.unwrap() as ArraySchema) : (schema as ArraySchema)).element,
}));
/** The bundle with its sections' records left unchecked: checked one by one after it. */
const Envelope = Bundle.extend({
  content: z
    .object(
      Object.fromEntries(
        SECTIONS.map(({ name, optional }) => {
          const records = z.array(z.unknown()).max(MAX_RECORDS);
          return [name, optional ? records.optional() : records];
        }),
      ),
    )
    .strict(),
});

/**
 * The bundle checked against its schema: the envelope, then the records of
 * each section, a slice at a time. Every check is the schema's own; should
 * anything fail, the whole bundle is checked again in one go, so that the
 * problem named is the first one exactly as the schema orders them.
 */
function* parseSchema(upgraded: Record<string, unknown>): Generator<void, Bundle> {
  // reportInput lets an issue say whether the field was missing or had the wrong type.
  const whole = () => {
    const parsed = Bundle.safeParse(upgraded, { reportInput: true });
    if (!parsed.success) throw schemaError(parsed.error, upgraded);
    return parsed.data;
  };
  const envelope = Envelope.safeParse(upgraded);
  if (!envelope.success) return whole();
  const content = envelope.data.content as Record<string, unknown[] | undefined>;
  for (const { name, element } of SECTIONS) {
    const records = content[name];
    if (!records) continue;
    const checked: unknown[] = new Array(records.length);
    for (let i = 0; i < records.length; i++) {
      const parsed = element.safeParse(records[i]);
      if (!parsed.success) return whole();
      // The record as parsed from the file when the schema's output equals it (nothing normalised, no
      // default filled in, as with what this app writes): its own, already canonically ordered, objects
      // are kept and the schema's copy is dropped at once, which spares the garbage collector a copy of
      // every record and the planner a reordering one.
      checked[i] = sameJson(records[i], parsed.data) ? records[i] : parsed.data;
      if ((i + 1) % SLICE === 0) yield;
    }
    content[name] = checked;
  }
  return envelope.data as Bundle;
}

/**
 * Whether two JSON values are equal: the same members (in any order) with
 * equal values, the same items in the same order. Both come from JSON.parse
 * or a schema's output, so there are no cycles, no NaN and no other types.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(b, key)) return false;
    if (!sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function upgrade(raw: unknown): Record<string, unknown> {
  if (
    raw === null ||
    typeof raw !== 'object' ||
    Array.isArray(raw) ||
    (raw as { format?: unknown }).format !== BUNDLE_FORMAT
  ) {
    throw new KbError('notABundle', describeValue(raw));
  }
  let bundle = raw as Record<string, unknown>;
  const version = bundle.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < OLDEST_SCHEMA_VERSION) {
    // The context picks the message: no version at all, a version that is not a whole number, or an unknown one.
    const context =
      version === undefined
        ? 'missing'
        : typeof version !== 'number' || !Number.isInteger(version)
          ? 'notInteger'
          : undefined;
    throw new KbError('bundleVersionUnknown', String(version), {
      params: { version: String(version), ...(context ? { context } : {}) },
    });
  }
  if (version > BUNDLE_SCHEMA_VERSION) {
    throw new KbError('bundleTooNew', `schema version ${version}`, {
      params: { version, supported: BUNDLE_SCHEMA_VERSION },
    });
  }
  for (let v = version; v < BUNDLE_SCHEMA_VERSION; v++) bundle = MIGRATIONS[v]!(bundle);
  return bundle;
}

/** Names the first problem: which record (collection, position, id) and which field, and what is wrong. */
function schemaError(error: z.ZodError, raw: Record<string, unknown>): KbError {
  const issue = error.issues[0]!;
  // An unknown field is reported on its parent; name the field itself.
  const path = [...issue.path.map(String), ...(issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [])];
  const problem = issueKind(issue);
  const detail = `${path.join('.')}: ${issue.message}`;
  const located = locateRecord(path, raw);
  if (!located) return new KbError('bundleInvalid', detail, { params: { field: path.join('.') || '–', problem } });
  return new KbError('bundleInvalidRecord', detail, { params: { ...located, problem } });
}

function locateRecord(path: string[], raw: Record<string, unknown>) {
  const [content, section, index, ...rest] = path;
  if (content !== 'content' || index === undefined || !/^\d+$/.test(index)) return undefined;
  const entry = ((raw.content as Record<string, unknown[]>)[section!] ?? [])[Number(index)] as
    Record<string, unknown> | undefined;
  // Tombstones and conflicts wrap the record: { collection, record }.
  const wrapped = section === 'tombstones' || section === 'conflicts';
  const record = (wrapped ? entry?.record : entry) as Record<string, unknown> | undefined;
  // The collection comes from the bundle only if it is one we know; anything else is the section's name.
  const named = entry?.collection;
  const collection =
    wrapped && (BUNDLE_COLLECTIONS as readonly unknown[]).includes(named) ? (named as string) : section!;
  const field = (wrapped && rest[0] === 'record' ? rest.slice(1) : rest).join('.') || '–';
  const id = typeof record?.id === 'string' ? record.id.slice(0, 100) : '–';
  // The position counts within the section: "tombstone no. 1", not "practice no. 1".
  return {
    section: section!,
    collection,
    position: Number(index) + 1,
    id,
    field,
    ...(wrapped ? { context: section! } : {}),
  };
}

/** The kind of a zod issue, as a key of `errors:issue.*`. */
function issueKind(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'missing' : 'wrongType';
    case 'too_big':
      return 'tooLong';
    case 'too_small':
      return 'tooShort';
    case 'invalid_format':
      return 'badFormat';
    case 'unrecognized_keys':
      return 'unknownField';
    case 'invalid_value':
    case 'invalid_union':
      return 'notAllowed';
    case 'custom':
      // Rules beyond the field's type name themselves (see the model and the bundle schema).
      return typeof issue.params?.kind === 'string' ? issue.params.kind : 'invalid';
    default:
      return 'invalid';
  }
}

const DELETED_ONLY_IN_TOMBSTONES = ['practices', 'visits', 'annotations'] as const;

/** Deleted records travel as tombstones, live ones in their collection: never the other way round. */
function checkPlacement(content: BundleContent): void {
  for (const collection of DELETED_ONLY_IN_TOMBSTONES) {
    const index = content[collection].findIndex((record) => record.deletedAt !== undefined);
    if (index >= 0) {
      throw new KbError('bundleMisplacedRecord', `${collection}[${index}] is deleted`, {
        params: { collection, position: index + 1, id: content[collection][index]!.id, field: 'deletedAt' },
      });
    }
  }
  const index = content.tombstones.findIndex((t) => t.record.deletedAt === undefined);
  if (index >= 0) {
    const { collection, record } = content.tombstones[index]!;
    throw new KbError('bundleMisplacedRecord', `tombstones[${index}] is not deleted`, {
      params: { collection, position: index + 1, id: record.id, field: 'deletedAt', context: 'tombstones' },
    });
  }
}

/** Every record of the bundle with its collection: live records and tombstones (not conflicts). */
export function currentRecords(content: BundleContent): { collection: BundleCollection; record: BundleRecord }[] {
  return [
    ...BUNDLE_COLLECTIONS.flatMap((collection) =>
      (content[collection] ?? []).map((record) => ({ collection, record: record as BundleRecord })),
    ),
    ...content.tombstones,
  ];
}

function checkUniqueIds(content: BundleContent): void {
  const seen = new Set<string>();
  for (const { collection, record } of currentRecords(content)) {
    const key = `${collection}\u0000${record.id}`;
    if (seen.has(key))
      throw new KbError('bundleDuplicateId', `${collection} ${record.id}`, { params: { collection, id: record.id } });
    seen.add(key);
  }
}

/** One record per comparison cell (dimension × organisation): a second one would be hidden behind the first. */
function checkUniqueCells(content: BundleContent): void {
  const seen = new Map<string, string>();
  for (const entry of content.comparison) {
    const key = `${entry.dimension}\u0000${entry.organisationId}`;
    const other = seen.get(key);
    if (other !== undefined) {
      throw new KbError('bundleDuplicateCell', `comparison ${other} and ${entry.id}: ${key}`, {
        params: { id: entry.id, other, dimension: entry.dimension, organisation: entry.organisationId },
      });
    }
    seen.set(key, entry.id);
  }
}

/** Each reference a record makes: the field, the collection it points into, and the id. */
export function referencesOf(
  collection: BundleCollection,
  record: BundleRecord,
): [field: string, target: BundleCollection, id: string][] {
  const topics = (ids: string[]) => ids.map((id): [string, BundleCollection, string] => ['topicIds', 'topics', id]);
  switch (collection) {
    case 'practices': {
      const p = record as BundleRecord<'practices'>;
      return [['organisationId', 'organisations', p.organisationId], ...topics(p.topicIds)];
    }
    case 'visits': {
      const v = record as BundleRecord<'visits'>;
      return [
        ['hostOrganisationId', 'organisations', v.hostOrganisationId],
        ['guestOrganisationId', 'organisations', v.guestOrganisationId],
        ...topics(v.topicIds),
      ];
    }
    case 'annotations': {
      const a = record as BundleRecord<'annotations'>;
      return [
        ['practiceId', 'practices', a.practiceId],
        ['organisationId', 'organisations', a.organisationId],
        ...(a.visitId ? [['visitId', 'visits', a.visitId] as [string, BundleCollection, string]] : []),
      ];
    }
    case 'contacts':
      return [['visitId', 'visits', (record as BundleRecord<'contacts'>).visitId]];
    case 'glossary':
      return topics((record as BundleRecord<'glossary'>).topicIds);
    case 'comparison': {
      const c = record as BundleRecord<'comparison'>;
      const topicId = dimensionTopicId(c.dimension);
      return [
        ['organisationId', 'organisations', c.organisationId],
        ...(topicId === undefined ? [] : [['dimension', 'topics', topicId] as [string, BundleCollection, string]]),
      ];
    }
    default:
      return [];
  }
}

/** A bundle is self-contained: everything a record points at travels with it. */
function checkReferences(content: BundleContent): void {
  const ids = new Map<BundleCollection, Set<string>>(BUNDLE_COLLECTIONS.map((c) => [c, new Set()]));
  for (const { collection, record } of currentRecords(content)) ids.get(collection)!.add(record.id);
  for (const { collection, record } of [...currentRecords(content), ...content.conflicts]) {
    for (const [field, target, id] of referencesOf(collection, record)) {
      if (!ids.get(target)!.has(id)) {
        throw new KbError('bundleDanglingReference', `${collection} ${record.id}.${field} -> ${target} ${id}`, {
          params: { collection, id: record.id, field, target: id },
        });
      }
    }
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value !== 'object') return `a ${typeof value}`;
  return `format ${JSON.stringify((value as { format?: unknown }).format)?.slice(0, 80)}`;
}

/** MiB to two decimals, rounded up: a file one byte over 100 MiB reads 100.01, never 100. */
const mebibytes = (bytes: number) => Math.ceil((bytes / (1024 * 1024)) * 100) / 100;
