/**
 * What a record carries beyond itself: where its current version came from
 * (a partner's bundle), and the versions of it waiting in conflict.
 */
import type { BundleCollection, BundleRecord } from '../../shared/bundle';
import type { RecordOrigin } from '../../shared/responses';
import { groupConflicts, recordKey, type StoredConflict } from '../store/exchange-records';
import { del, type Change, type Store } from '../store/store';

/** A record in conflict: its current version and the versions waiting. */
export interface ConflictGroup {
  collection: BundleCollection;
  recordId: string;
  current: BundleRecord;
  waiting: StoredConflict[];
}

/** The waiting versions per record that still exists, with its current version. */
export function conflictGroups(store: Store): ConflictGroup[] {
  return [...groupConflicts(store.all('conflicts')).values()].flatMap((waiting) => {
    const { collection, recordId } = waiting[0]!;
    const current = store.get(collection, recordId);
    return current ? [{ collection, recordId, current, waiting }] : [];
  });
}

/** The waiting versions of a record. */
function waiting(store: Store, collection: BundleCollection, recordId: string) {
  return store.all('conflicts').filter((c) => c.collection === collection && c.recordId === recordId);
}

/** The versions waiting in conflict for a record: a save that resolves the conflict includes them all. */
export function conflictingVersions(store: Store, collection: BundleCollection, recordId: string) {
  return waiting(store, collection, recordId).map((c) => c.record.version);
}

/** The changes that clear a record's waiting versions. */
export function settleConflicts(store: Store, collection: BundleCollection, recordId: string): Change[] {
  return waiting(store, collection, recordId).map((c) => del('conflicts', c.id));
}

/** Where a record came from, if it was imported, and how many versions of it wait in conflict: shown with the record. */
export function provenance(
  store: Store,
  collection: BundleCollection,
  id: string,
): { origin?: RecordOrigin; conflictCount: number } {
  const origin = store.get('origins', recordKey(collection, id));
  return {
    ...(origin
      ? { origin: { importedAt: origin.importedAt, fileName: origin.fileName, exportedBy: origin.exportedBy } }
      : {}),
    conflictCount: waiting(store, collection, id).length,
  };
}
