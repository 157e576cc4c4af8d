/**
 * Looking records up by id on behalf of a caller: `requireRecord` for the
 * record a request is about (notFound), `requireReference` for a record it
 * points at (invalidReference). Records in the trash count as found unless
 * `live` is asked for.
 */
import { KbError } from '../base/errors';
import type { CollectionName, RecordOf, Store } from '../store/store';

export function requireRecord<C extends CollectionName>(store: Store, collection: C, id: string): RecordOf<C> {
  const record = store.get(collection, id);
  if (!record) throw new KbError('notFound', `${collection} ${id}`);
  return record;
}

export function requireReference(
  store: Store,
  collection: CollectionName,
  id: string,
  options: { live?: boolean } = {},
): void {
  const record = store.get(collection, id);
  if (!record || (options.live && 'deletedAt' in record && record.deletedAt)) {
    throw new KbError('invalidReference', `${collection} ${id}`);
  }
}
