/**
 * The local store. The knowledge base sees it through the narrow `Store`
 * interface: read records by collection, and `apply` a batch of changes that
 * is durable before the promise resolves, or fails leaving nothing changed.
 *
 * This module says what is stored (the collections and their schemas); the
 * storage engine in core/storage says how: records in memory with an index per
 * collection, each batch appended to a journal and fsync'd, the journal
 * folded into a lowdb snapshot in the background, rolling backups, and
 * recovery from a damaged store without overwriting it
 * (see core/storage/journaled-store.ts).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Attachment } from '../../shared/attachments';
import type { Notice } from '../../shared/responses';
import { isUtcTimestamp } from '../../shared/time';
import {
  Annotation,
  Author,
  ComparisonEntry,
  GlossaryTerm,
  Lang,
  Organisation,
  ParticipantContact,
  Practice,
  Revision,
  TagLabel,
  Topic,
  Visit,
} from '../../shared/model';
import { ImportEntry, Origin, PurgeMarker, StoredConflict } from './exchange-records';
import type { StarterContent } from './starter-content';
import { canonicalize } from '../base/canonical-json';
import { JournaledStore, type StorageOptions } from '../storage/journaled-store';
import type { StoreContent, StoreFormat } from '../storage/load';
import type { ApplyOptions, EngineChange, StoredRecord } from '../storage/types';

export type { StorageOptions } from '../storage/journaled-store';
export type { ApplyOptions, KnownJson } from '../storage/types';
export { BACKUPS_FOLDER } from '../storage/backups';

/** What opening the store itself has to tell (damage set aside, a restore). */
export type StoreNotice = Exclude<Notice, { kind: 'attachmentsUnavailable' }>;

/** Base name of the store's files: the snapshot `twinning-kb.json`, journal segments, backups. */
export const STORE_NAME = 'twinning-kb';
export const STORE_FILE = `${STORE_NAME}.json`;
export const STORE_SCHEMA_VERSION = 1;

/**
 * The single list of collections, one line each: name → array schema. A
 * collection added later needs `.default([])`, so that stores written before
 * it read it as empty.
 */
const collections = {
  organisations: z.array(Organisation),
  topics: z.array(Topic),
  practices: z.array(Practice),
  annotations: z.array(Annotation),
  visits: z.array(Visit),
  contacts: z.array(ParticipantContact).default([]),
  glossary: z.array(GlossaryTerm),
  comparison: z.array(ComparisonEntry),
  tagLabels: z.array(TagLabel).default([]),
  revisions: z.array(Revision).default([]),
  // Exchanging with the partner (exchange-records.ts).
  conflicts: z.array(StoredConflict).default([]),
  origins: z.array(Origin).default([]),
  imports: z.array(ImportEntry).default([]),
  purged: z.array(PurgeMarker).default([]),
};
export type CollectionName = keyof typeof collections;
export const COLLECTIONS = Object.keys(collections) as CollectionName[];
export type RecordOf<C extends CollectionName> = z.infer<(typeof collections)[C]>[number];

export const StoreSettings = z.object({
  /** null until the first start picks one from the operating system. */
  language: Lang.nullable(),
  /** Who writes here: asked on first start, stamped on everything written. */
  user: Author.nullable().default(null),
  /** Set once the user removed the starter content: a later starter release then adds nothing new. */
  starterRemoved: z.boolean().optional(),
});
export type StoreSettings = z.infer<typeof StoreSettings>;

/** What is stored besides the collections. */
const StoreFields = z.object({
  schemaVersion: z.literal(STORE_SCHEMA_VERSION),
  installationId: z.uuid(),
  settings: StoreSettings,
});

export const StoreData = z.object({ ...StoreFields.shape, ...collections });
export type StoreData = z.infer<typeof StoreData>;

/** One change in a batch. Records are replaced whole, never mutated in place. */
export type Change =
  | { [C in CollectionName]: { op: 'put'; collection: C; record: RecordOf<C> } }[CollectionName]
  | { op: 'delete'; collection: CollectionName; id: string }
  | { op: 'settings'; settings: Partial<StoreSettings> };

export interface Store {
  readonly installationId: string;
  readonly settings: StoreSettings;
  /** What the user must be told about opening the store (e.g. a damaged file set aside). */
  readonly notices: readonly StoreNotice[];
  all<C extends CollectionName>(collection: C): readonly RecordOf<C>[];
  get<C extends CollectionName>(collection: C, id: string): RecordOf<C> | undefined;
  /** Applies the changes and makes them durable; on failure nothing is changed, in memory or on disk. */
  apply(changes: readonly Change[], options?: ApplyOptions): Promise<boolean>;
  /**
   * Writes a copy of everything saved so far into the backups folder and
   * returns its path. The newest few backups of each reason are kept.
   */
  backup(reason: string): Promise<string>;
  /** Waits until pending writes and background work (compaction, backups) are done; rejects if background work failed. */
  flush(): Promise<void>;
  /** Finishes pending work and compacts the journal; later `apply` calls fail. */
  close(): Promise<void>;
}

/** A new store's content: the starter content, every other collection empty. */
export function seedData(starter: StarterContent): StoreData {
  const empty = Object.fromEntries(COLLECTIONS.map((name) => [name, []])) as unknown as Pick<StoreData, CollectionName>;
  const { release: _release, ...records } = structuredClone(starter);
  return {
    schemaVersion: STORE_SCHEMA_VERSION,
    installationId: randomUUID(),
    settings: { language: null, user: null },
    ...empty,
    ...records,
  };
}

/** Opens the store in `dir`, creating it from the starter content on first start. */
export async function openStore(dir: string, starter: () => StarterContent, options?: StorageOptions): Promise<Store> {
  const format: StoreFormat = {
    name: STORE_NAME,
    collections: COLLECTIONS,
    parseFields: (raw) => StoreFields.parse(raw),
    parseDocument: (raw) => splitData(StoreData.parse(raw)),
    seed: () => splitData(seedData(starter())),
  };
  const engine = await JournaledStore.open(dir, format, options);
  await normaliseAttachmentTimes(engine);
  return typedStore(engine);
}

/** The collections whose records carry attachments. */
const ATTACHMENT_COLLECTIONS = ['practices', 'visits', 'annotations'] as const;

/**
 * Attachments imported before their times were read as UTC may carry a time
 * with an offset (`…+02:00`). They are rewritten once, at opening, in the one
 * form every other time of a record has (the same instant in UTC), so that
 * the record reads and exports as any bundle reading it would store it.
 */
async function normaliseAttachmentTimes(engine: JournaledStore): Promise<void> {
  const changes: EngineChange[] = [];
  for (const collection of ATTACHMENT_COLLECTIONS) {
    for (const record of engine.all(collection) as readonly (StoredRecord & { attachments?: Attachment[] })[]) {
      const list = record.attachments;
      if (!list?.some((a) => !isUtcTimestamp(a.addedAt) || (a.deletedAt && !isUtcTimestamp(a.deletedAt)))) continue;
      const attachments = list.map((a) => ({
        ...a,
        addedAt: utc(a.addedAt),
        ...(a.deletedAt ? { deletedAt: utc(a.deletedAt) } : {}),
      }));
      changes.push({ op: 'put', collection, record: canonicalize({ ...record, attachments }) });
    }
  }
  if (changes.length > 0) await engine.apply(changes);
}

const utc = (time: string) => new Date(time).toISOString();

/**
 * The engine stores records without knowing their types; this is where they
 * are bound. Every record it holds was checked against these schemas on its
 * way in (by the services, the bundle reader, or parseFields/parseDocument).
 */
function typedStore(engine: JournaledStore): Store {
  const notices: readonly StoreNotice[] = engine.notices;
  return {
    get installationId() {
      return engine.installationId;
    },
    get settings() {
      return engine.settings as StoreSettings;
    },
    notices,
    all: <C extends CollectionName>(collection: C) => {
      const records = engine.all(collection) as readonly RecordOf<C>[];
      return collection === 'visits'
        ? ((records as readonly Visit[]).map(currentVisit) as readonly RecordOf<C>[])
        : records;
    },
    get: <C extends CollectionName>(collection: C, id: string) => {
      const record = engine.get(collection, id) as RecordOf<C> | undefined;
      return collection === 'visits' && record ? (currentVisit(record as Visit) as RecordOf<C>) : record;
    },
    apply: (changes, options) => engine.apply(changes, options),
    backup: (reason) => engine.backup(reason),
    flush: () => engine.flush(),
    close: () => engine.close(),
  };
}

/**
 * Visits written before participants were structured and programmes existed,
 * as the schema reads them now (participants' names as `{ name }`, an empty
 * programme). A loaded snapshot's records are not parsed again, so this
 * happens on reading; each stored record is upgraded once.
 */
const upgradedVisits = new WeakMap<object, Visit>();
function currentVisit(visit: Visit): Visit {
  if (Array.isArray(visit.programme) && visit.participants.every((p) => typeof p === 'object')) return visit;
  let upgraded = upgradedVisits.get(visit);
  if (!upgraded) {
    upgraded = canonicalize(Visit.parse(visit)) as Visit;
    upgradedVisits.set(visit, upgraded);
  }
  return upgraded;
}

function splitData(data: StoreData): StoreContent {
  const { schemaVersion, installationId, settings } = data;
  const records: Partial<Record<CollectionName, readonly StoredRecord[]>> = {};
  for (const name of COLLECTIONS) records[name] = data[name];
  return { fields: { schemaVersion, installationId, settings }, collections: records };
}

// --- Typed changes: the one way to build a change, so no caller needs a cast.

export const put = <C extends CollectionName>(collection: C, record: RecordOf<C>): Change =>
  ({ op: 'put', collection, record }) as Change;
export const del = (collection: CollectionName, id: string): Change => ({ op: 'delete', collection, id });
export const changeSettings = (settings: Partial<StoreSettings>): Change => ({ op: 'settings', settings });
