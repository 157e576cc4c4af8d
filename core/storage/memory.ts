/**
 * The store's records in memory: one Map per collection, so `get` costs the
 * same at 100 000 records as at ten, plus a cached array per collection for
 * `all`, rebuilt only after that collection changed. Records are replaced
 * whole, never mutated, so arrays handed out stay valid snapshots. A
 * collection's Map is built the first time it is needed: opening the store
 * only has to parse the records.
 */
import { canonicalize } from '../base/canonical-json';
import type { Snapshot } from './snapshot';
import type { EngineChange, KnownJson, StoredRecord, StoreFields } from './types';

export class MemoryState {
  #fields: StoreFields;
  readonly #collections: readonly string[];
  /** By collection, the records by id; built on first use. */
  readonly #maps = new Map<string, Map<string, StoredRecord>>();
  /** By collection, the records in order; rebuilt from the map after a change, when asked for. */
  readonly #lists = new Map<string, readonly StoredRecord[]>();

  /** `records` must not hold the same id twice in a collection (see `withoutDuplicates`). */
  constructor(
    fields: StoreFields,
    collections: readonly string[],
    records: Partial<Record<string, readonly StoredRecord[]>>,
  ) {
    this.#fields = fields;
    this.#collections = collections;
    for (const collection of collections) this.#lists.set(collection, records[collection] ?? []);
  }

  get fields(): StoreFields {
    return this.#fields;
  }

  get settings(): object {
    return this.#fields.settings;
  }

  all(collection: string): readonly StoredRecord[] {
    let list = this.#lists.get(collection);
    if (!list) {
      list = Array.from(this.#map(collection).values());
      this.#lists.set(collection, list);
    }
    return list;
  }

  get(collection: string, id: string): StoredRecord | undefined {
    return this.#map(collection).get(id);
  }

  /** Applies checked changes; cannot fail half-way. */
  apply(changes: readonly EngineChange[]): void {
    for (const change of changes) {
      if (change.op === 'settings') {
        this.#fields = { ...this.#fields, settings: { ...this.#fields.settings, ...change.settings } };
        continue;
      }
      const map = this.#map(change.collection);
      if (change.op === 'put') map.set(change.record.id, change.record);
      else if (!map.delete(change.id)) continue;
      this.#lists.delete(change.collection);
    }
  }

  /**
   * The whole state as it will be once `changes` are applied, as a snapshot,
   * leaving the state itself as it is: a big batch is saved as a new snapshot
   * before memory changes. Collections the batch leaves alone are shared.
   * `commit` then makes the state that snapshot's, as `apply(changes)` would,
   * without applying the changes once more.
   */
  snapshotWith(
    changes: readonly EngineChange[],
    journalSeq: number,
    savedAt: string,
  ): { snapshot: Snapshot; commit: () => void } {
    let fields = this.#fields;
    const touched = new Map<string, Map<string, StoredRecord>>();
    for (const change of changes) {
      if (change.op === 'settings') {
        fields = { ...fields, settings: { ...fields.settings, ...change.settings } };
        continue;
      }
      let map = touched.get(change.collection);
      if (!map) touched.set(change.collection, (map = new Map(this.#map(change.collection))));
      if (change.op === 'put') map.set(change.record.id, change.record);
      else map.delete(change.id);
    }
    const collections: Record<string, readonly StoredRecord[]> = {};
    for (const collection of this.#collections) {
      const map = touched.get(collection);
      collections[collection] = map ? Array.from(map.values()) : this.all(collection);
    }
    const commit = () => {
      this.#fields = fields;
      for (const [collection, map] of touched) {
        this.#maps.set(collection, map);
        this.#lists.set(collection, collections[collection]!);
      }
    };
    return { snapshot: { journalSeq, savedAt, fields: { ...fields }, collections, canonical: true }, commit };
  }

  /** The whole state as a snapshot; the arrays are shared, not copied (they are never mutated). */
  snapshot(journalSeq: number, savedAt: string): Snapshot {
    const collections: Record<string, readonly StoredRecord[]> = {};
    for (const collection of this.#collections) collections[collection] = this.all(collection);
    return { journalSeq, savedAt, fields: { ...this.#fields }, collections, canonical: true };
  }

  #map(collection: string): Map<string, StoredRecord> {
    let map = this.#maps.get(collection);
    if (!map) {
      const list = this.#lists.get(collection);
      if (!list) throw new Error(`unknown collection: ${collection}`);
      map = new Map();
      for (const record of list) map.set(record.id, record);
      this.#maps.set(collection, map);
    }
    return map;
  }
}

/**
 * Checks the shape a change must have to be applied without failing half-way,
 * and returns it with its record canonicalized (the store keeps records that
 * way: see canonical-json.ts). Record content is the callers' business (they
 * validate with the model's schemas); here only what the store itself relies on.
 */
export function checkChange(change: unknown, collections: ReadonlySet<string>, json?: KnownJson): EngineChange {
  const c = change as Partial<Record<string, unknown>> | null;
  const ok =
    typeof c === 'object' &&
    c !== null &&
    (c.op === 'settings'
      ? isObject(c.settings)
      : typeof c.collection === 'string' &&
        collections.has(c.collection) &&
        (c.op === 'put' ? isRecord(c.record) : c.op === 'delete' && typeof c.id === 'string'));
  if (!ok) throw new TypeError(`not a valid change (op ${String(c?.op)}, collection ${String(c?.collection)})`);
  const checked = change as EngineChange;
  // A record whose JSON is known is canonical already: that JSON is its canonical JSON.
  if (checked.op !== 'put' || json?.has(checked.record)) return checked;
  const record = canonicalize(checked.record);
  return record === checked.record ? checked : { ...checked, record };
}

/** The records with each id once (the last one wins, as replaying puts would have it); the same list when there are no duplicates. */
export function withoutDuplicates(records: readonly StoredRecord[]): readonly StoredRecord[] {
  const byId = new Map<string, StoredRecord>();
  for (const record of records) byId.set(record.id, record);
  return byId.size === records.length ? records : [...byId.values()];
}

export function isRecord(value: unknown): value is StoredRecord {
  return isObject(value) && typeof (value as { id?: unknown }).id === 'string';
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
