/**
 * Deleting a record for good. A purge marker remembers the versions it
 * included, so a partner's bundle still holding them does not bring it back;
 * a version the partner changed later still arrives. Its history and the
 * versions waiting in conflict go with it.
 */
import type { BundleCollection } from '../../shared/bundle';
import type { VersionVector } from '../../shared/model';
import { recordKey } from '../store/exchange-records';
import { del, put, type Change, type Store } from '../store/store';
import type { History } from './history';
import { settleConflicts } from './provenance';

export function purgeChanges(
  store: Store,
  history: History,
  collection: BundleCollection,
  record: { id: string; version: VersionVector },
): Change[] {
  return [
    del(collection, record.id),
    put('purged', { id: recordKey(collection, record.id), collection, recordId: record.id, version: record.version }),
    ...settleConflicts(store, collection, record.id),
    ...history.forget(collection, record.id),
  ];
}
