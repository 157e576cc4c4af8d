/**
 * What an installation writes to a shared folder: the records changed here
 * since it last wrote there, as a change file in the bundle format, or from
 * time to time a checkpoint of everything the folder's selection holds. Both
 * are made by the bundle writer, so they carry their checksum and every
 * record they point at, and readers check them like any bundle.
 */
import type {
  BundleCollection,
  BundleRecord,
  BundleSelection,
  CollectionRecord,
  ExportedBy,
} from '../../shared/bundle';
import { BUNDLE_COLLECTIONS } from '../../shared/bundle';
import { recordHash, sha256Hex } from '../base/canonical-json';
import { prepareBundle, type BundleSource, type PreparedBundle } from '../bundle/write-bundle';
import { referencesOf } from '../bundle/read-bundle';
import { recordKey } from '../store/exchange-records';
import type { Store } from '../store/store';

/** The key a record is published under: `practices:<id>`, or `conflicts:<conflict id>` for a version waiting in conflict. */
export const conflictKey = (conflictId: string): string => `conflicts:${conflictId}`;

const isBundleCollection = (c: string): c is BundleCollection => (BUNDLE_COLLECTIONS as readonly string[]).includes(c);

/** The published key of a changed store record, when it is one that travels. */
export function travellingKey(collection: string, id: string): string | undefined {
  if (isBundleCollection(collection)) return recordKey(collection, id);
  if (collection === 'conflicts') return conflictKey(id);
  return undefined;
}

/** Every key that travels, for a full comparison with what was published (after a start or a crash). */
export function* allTravellingKeys(store: Store): Generator<string> {
  for (const collection of BUNDLE_COLLECTIONS) for (const r of store.all(collection)) yield recordKey(collection, r.id);
  for (const c of store.all('conflicts')) yield conflictKey(c.id);
}

/**
 * The record's current hash, or undefined if it is gone (a purge, a resolved
 * conflict: nothing to send). The store keeps its records canonicalized, so
 * their plain JSON is their canonical JSON: the same hash as recordHash, at
 * less cost (every record is hashed once after a start).
 */
export function currentHash(store: Store, key: string): string | undefined {
  const record = lookUp(store, key);
  return record && sha256Hex(JSON.stringify(record.record));
}

function lookUp(store: Store, key: string): CollectionRecord | undefined {
  const colon = key.indexOf(':');
  const collection = key.slice(0, colon);
  const id = key.slice(colon + 1);
  if (collection === 'conflicts') {
    const conflict = store.get('conflicts', id);
    return conflict && ({ collection: conflict.collection, record: conflict.record } as CollectionRecord);
  }
  if (!isBundleCollection(collection)) return undefined;
  const record = store.get(collection, id);
  return record && ({ collection, record } as CollectionRecord);
}

export interface OutgoingOptions {
  selection?: BundleSelection;
  exportedBy: ExportedBy;
  exportedAt: string;
}

/**
 * A change file holding the records of `keys` (what the selection lets
 * through) and every record they point at, so it can be read alone.
 */
export function changeFile(store: Store, keys: Iterable<string>, options: OutgoingOptions): PreparedBundle {
  const records = new Map<BundleCollection, Map<string, BundleRecord>>(BUNDLE_COLLECTIONS.map((c) => [c, new Map()]));
  const conflicts: CollectionRecord[] = [];
  const parentsOf = (collection: BundleCollection, record: BundleRecord) => {
    for (const [, target, id] of referencesOf(collection, record)) add(target, id);
  };
  const add = (collection: BundleCollection, id: string) => {
    const held = records.get(collection)!;
    if (held.has(id)) return;
    const record = store.get(collection, id) as BundleRecord | undefined;
    if (!record) return;
    held.set(id, record);
    parentsOf(collection, record);
  };
  for (const key of keys) {
    const colon = key.indexOf(':');
    const collection = key.slice(0, colon);
    if (collection === 'conflicts') {
      const conflict = store.get('conflicts', key.slice(colon + 1));
      if (!conflict) continue;
      conflicts.push({ collection: conflict.collection, record: conflict.record } as CollectionRecord);
      parentsOf(conflict.collection, conflict.record);
    } else if (isBundleCollection(collection)) {
      add(collection, key.slice(colon + 1));
    }
  }
  const source: BundleSource = {
    all: <C extends BundleCollection>(collection: C) => [...records.get(collection)!.values()] as BundleRecord<C>[],
    conflicts: () => conflicts,
    serialize: JSON.stringify,
  };
  return prepareBundle(source, options);
}

/** A checkpoint: everything the folder's selection holds, as an export would write it. */
export function checkpointFile(store: Store, options: OutgoingOptions): PreparedBundle {
  return prepareBundle(
    {
      all: <C extends BundleCollection>(collection: C) => store.all(collection) as readonly BundleRecord<C>[],
      conflicts: () => store.all('conflicts'),
      serialize: JSON.stringify,
    },
    options,
  );
}

/** The published keys and hashes of what a bundle holds: its records, and each version in conflict. */
export function publishedEntries(prepared: Pick<PreparedBundle, 'content'>): [string, string][] {
  const entries: [string, string][] = [];
  const { content } = prepared;
  for (const collection of BUNDLE_COLLECTIONS) {
    for (const record of content[collection] ?? [])
      entries.push([recordKey(collection, record.id), recordHash(record)]);
  }
  for (const { collection, record } of content.tombstones)
    entries.push([recordKey(collection, record.id), recordHash(record)]);
  for (const { collection, record } of content.conflicts) {
    const hash = recordHash(record);
    entries.push([conflictKey(`${recordKey(collection, record.id)}:${hash.slice(0, 16)}`), hash]);
  }
  return entries;
}
