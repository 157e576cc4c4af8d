/**
 * The local store. The knowledge base sees it through the narrow `Store`
 * interface: read records by collection, and `apply` a batch of changes that
 * is durable before the promise resolves, or fails leaving nothing changed.
 *
 * This implementation keeps one lowdb database (one JSON file) in the
 * user-data folder, written durably by DurableJsonFile. A damaged store is
 * never overwritten: it is moved aside and the user is told where it went.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import type { Notice } from '../../shared/contract';
import {
  Annotation,
  Author,
  ComparisonEntry,
  GlossaryTerm,
  Lang,
  Organisation,
  Practice,
  Revision,
  Topic,
  Visit,
} from '../../shared/model';
import { DurableJsonFile } from './durable-json-file';
import type { StarterContent } from './starter';

export const STORE_FILE = 'twinning-kb.json';
export const STORE_SCHEMA_VERSION = 1;

const collections = {
  organisations: z.array(Organisation),
  topics: z.array(Topic),
  practices: z.array(Practice),
  annotations: z.array(Annotation),
  visits: z.array(Visit),
  glossary: z.array(GlossaryTerm),
  comparison: z.array(ComparisonEntry),
  revisions: z.array(Revision).default([]),
};
export type CollectionName = keyof typeof collections;
export type RecordOf<C extends CollectionName> = z.infer<(typeof collections)[C]>[number];

export const StoreSettings = z.object({
  /** null until the first start picks one from the operating system. */
  language: Lang.nullable(),
  /** Who writes here: asked on first start, stamped on everything written. */
  user: Author.nullable().default(null),
});
export type StoreSettings = z.infer<typeof StoreSettings>;

export const StoreData = z.object({
  schemaVersion: z.literal(STORE_SCHEMA_VERSION),
  installationId: z.uuid(),
  settings: StoreSettings,
  ...collections,
});
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
  readonly notices: readonly Notice[];
  all<C extends CollectionName>(collection: C): readonly RecordOf<C>[];
  get<C extends CollectionName>(collection: C, id: string): RecordOf<C> | undefined;
  /** Applies the changes and makes them durable; on failure nothing is changed, in memory or on disk. */
  apply(changes: readonly Change[]): Promise<void>;
}

export function seedData(starter: StarterContent): StoreData {
  return {
    schemaVersion: STORE_SCHEMA_VERSION,
    installationId: randomUUID(),
    settings: { language: null, user: null },
    annotations: [],
    revisions: [],
    ...structuredClone(starter),
  };
}

export async function openStore(dir: string, starter: () => StarterContent): Promise<Store> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, STORE_FILE);
  const adapter = new DurableJsonFile<StoreData>(file);
  const notices: Notice[] = [];

  let raw: unknown = null;
  let damaged = false;
  try {
    raw = await adapter.read();
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error; // I/O errors are not damage: never move the file for them
    damaged = true;
  }
  const parsed = raw === null ? null : StoreData.safeParse(raw);
  if (damaged || (parsed && !parsed.success)) {
    notices.push({ kind: 'storeRecovered', movedTo: await moveAside(file) });
  }
  if (parsed?.success) return new LowStore(new Low(adapter, parsed.data), notices);

  const db = new Low(adapter, seedData(starter()));
  await db.write();
  return new LowStore(db, notices);
}

class LowStore implements Store {
  readonly #db: Low<StoreData>;
  readonly notices: readonly Notice[];

  constructor(db: Low<StoreData>, notices: readonly Notice[]) {
    this.#db = db;
    this.notices = notices;
  }

  get installationId(): string {
    return this.#db.data.installationId;
  }

  get settings(): StoreSettings {
    return this.#db.data.settings;
  }

  all<C extends CollectionName>(collection: C): readonly RecordOf<C>[] {
    return this.#db.data[collection] as RecordOf<C>[];
  }

  get<C extends CollectionName>(collection: C, id: string): RecordOf<C> | undefined {
    return this.all(collection).find((record) => record.id === id);
  }

  async apply(changes: readonly Change[]): Promise<void> {
    const before = this.#db.data;
    this.#db.data = applyChanges(before, changes);
    try {
      await this.#db.write();
    } catch (error) {
      this.#db.data = before; // the file still holds `before`: writes replace it atomically
      throw error;
    }
  }
}

/** A new StoreData with the changes applied; `data` itself is left untouched. */
export function applyChanges(data: StoreData, changes: readonly Change[]): StoreData {
  const next = { ...data };
  for (const change of changes) {
    if (change.op === 'settings') {
      next.settings = { ...next.settings, ...change.settings };
      continue;
    }
    const records = next[change.collection] as { id: string }[];
    const id = change.op === 'put' ? change.record.id : change.id;
    const index = records.findIndex((record) => record.id === id);
    const updated = [...records];
    if (change.op === 'delete') {
      if (index >= 0) updated.splice(index, 1);
    } else if (index >= 0) {
      updated[index] = change.record;
    } else {
      updated.push(change.record);
    }
    (next as Record<CollectionName, unknown>)[change.collection] = updated;
  }
  return next;
}

async function moveAside(file: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = file.replace(/\.json$/, `.damaged-${stamp}.json`);
  await rename(file, target);
  return target;
}
