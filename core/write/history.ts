/**
 * Revision history of the records that keep one (HISTORY_COLLECTIONS): every
 * save keeps the replaced version, and an older version can be brought back
 * as a new save. The one place revision records are built.
 */
import { HISTORY_COLLECTIONS, type Author, type HistoryCollection, type Revision } from '../../shared/model';
import { KbError } from '../base/errors';
import { put, type Change, type CollectionName, type RecordOf, type Store } from '../store/store';
import type { Clock } from './clock';
import type { Identity } from './identity';
import type { Writer } from './writer';

type RevisionOf<C extends HistoryCollection> = Extract<Revision, { collection: C }>;

const isHistoryCollection = (collection: string): collection is HistoryCollection =>
  (HISTORY_COLLECTIONS as readonly string[]).includes(collection);

export class History {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #writer: Writer;
  readonly #identity: Identity;

  constructor(store: Store, clock: Clock, writer: Writer, identity: Identity) {
    this.#store = store;
    this.#clock = clock;
    this.#writer = writer;
    this.#identity = identity;
  }

  /** The change that keeps `record` as it was until `savedAt`. */
  keep<C extends HistoryCollection>(collection: C, record: RecordOf<C>, savedAt: string): Change {
    const revision = {
      id: this.#clock.newId('revision'),
      collection,
      recordId: record.id,
      record,
      savedAt,
    } as RevisionOf<C>;
    return put('revisions', revision);
  }

  /** For a record of any collection being replaced: keeps it if its collection has a history. */
  keepReplaced(collection: CollectionName, record: RecordOf<CollectionName>, savedAt: string): Change[] {
    return isHistoryCollection(collection)
      ? [this.keep(collection, record as RecordOf<typeof collection>, savedAt)]
      : [];
  }

  /** The saved versions of a record, newest first (its current version is the record itself). */
  list<C extends HistoryCollection>(collection: C, recordId: string): RevisionOf<C>[] {
    return this.#store
      .all('revisions')
      .filter((r): r is RevisionOf<C> => r.collection === collection && r.recordId === recordId)
      .sort((a, b) => b.savedAt.localeCompare(a.savedAt) || b.id.localeCompare(a.id));
  }

  /** One saved version of a record, or notFound. */
  saved<C extends HistoryCollection>(collection: C, recordId: string, revisionId: string): RevisionOf<C> {
    const revision = this.#store.get('revisions', revisionId);
    if (!revision || revision.collection !== collection || revision.recordId !== recordId) {
      throw new KbError('notFound', `revision ${revisionId} of ${collection} ${recordId}`);
    }
    return revision as RevisionOf<C>;
  }

  /** The changes that delete every saved version of a record. */
  forget(collection: string, recordId: string): Change[] {
    return this.#store
      .all('revisions')
      .filter((r) => r.collection === collection && r.recordId === recordId)
      .map((r) => ({ op: 'delete', collection: 'revisions', id: r.id }));
  }

  /**
   * Writes `saved` (a record's older content) back as a new save on top of
   * `current`, keeping `current` in the history, so the restore itself can be
   * undone. It is stamped as a change made here now; who created the record,
   * and when, stay as they are.
   */
  async restore<C extends HistoryCollection>(
    collection: C,
    saved: Partial<RecordOf<C>>,
    current: RecordOf<C>,
    author: Author,
  ): Promise<RecordOf<C>> {
    const now = this.#clock.now();
    const restored = {
      ...saved,
      ...this.#identity.stamp(current),
      createdAt: current.createdAt,
      // Annotations name their author, not who last changed them.
      ...(collection === 'annotations'
        ? {}
        : { createdBy: (current as { createdBy?: Author }).createdBy, updatedBy: author }),
      updatedAt: now,
    } as RecordOf<C>;
    await this.#writer.apply([this.keep(collection, current, now), put(collection, restored)]);
    return restored;
  }
}
