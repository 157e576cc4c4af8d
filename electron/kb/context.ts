/** What every part of the knowledge base needs to read and write: the store, the clock, the author. */
import { randomUUID } from 'node:crypto';
import type { Author, Revision, VersionVector } from '../../shared/model';
import { KbError } from './errors';
import type { Change, CollectionName, RecordOf, Store } from './store';
import { nextVersion } from './versioning';

export class KbContext {
  readonly store: Store;
  readonly #now: () => Date;
  /** Counts successful writes, so a plan made earlier can tell the store changed since. */
  generation = 0;
  readonly #appliedListeners: ((changes: readonly Change[]) => void)[] = [];

  constructor(store: Store, now: () => Date = () => new Date()) {
    this.store = store;
    this.#now = now;
  }

  /** The current time as stored: ISO 8601 in UTC. */
  now(): string {
    return this.#now().toISOString();
  }

  newId(prefix: string): string {
    return `${prefix}-${randomUUID()}`;
  }

  /** Keeps `record` as it was until `savedAt`, for the history of the records that have one. */
  revision<R extends Revision>(collection: R['collection'], record: R['record'], savedAt: string): Change {
    const revision = { id: this.newId('revision'), collection, recordId: record.id, record, savedAt } as R;
    return { op: 'put', collection: 'revisions', record: revision };
  }

  /** The saved versions of a record, newest first (its current version is the record itself). */
  revisions<C extends Revision['collection']>(collection: C, recordId: string): Extract<Revision, { collection: C }>[] {
    return this.store
      .all('revisions')
      .filter((r): r is Extract<Revision, { collection: C }> => r.collection === collection && r.recordId === recordId)
      .sort((a, b) => b.savedAt.localeCompare(a.savedAt) || b.id.localeCompare(a.id));
  }

  /** One saved version of a record, or notFound. */
  savedRevision<C extends Revision['collection']>(collection: C, recordId: string, revisionId: string): Extract<Revision, { collection: C }> {
    const revision = this.store.get('revisions', revisionId);
    if (!revision || revision.collection !== collection || revision.recordId !== recordId) {
      throw new KbError('notFound', `revision ${revisionId} of ${collection} ${recordId}`);
    }
    return revision as Extract<Revision, { collection: C }>;
  }

  /**
   * Writes `saved` (a record's older content) back as a new save on top of
   * `current`, keeping `current` in the history, so the restore itself can be
   * undone. It is stamped as a change made here now; who created the record,
   * and when, stay as they are.
   */
  async restore<C extends Revision['collection']>(collection: C, saved: Partial<RecordOf<C>>, current: RecordOf<C>, author: Author): Promise<RecordOf<C>> {
    const now = this.now();
    const restored = {
      ...saved,
      ...this.stamp(current),
      createdAt: current.createdAt,
      createdBy: current.createdBy,
      updatedAt: now,
      updatedBy: author,
    } as RecordOf<C>;
    await this.apply([this.revision(collection, current, now), { op: 'put', collection, record: restored } as Change]);
    return restored;
  }

  /**
   * The version stamp of a change made here on top of `previous` (nothing,
   * for a new record) and of any other versions it includes (those of a
   * conflict it resolves).
   */
  stamp(previous?: { version: VersionVector }, ...included: VersionVector[]): { version: VersionVector; changedBy: string } {
    const installationId = this.store.installationId;
    return { version: nextVersion(installationId, previous?.version ?? {}, ...included), changedBy: installationId };
  }

  /** Who is writing; writing is refused until the user has said who they are. */
  author(): Author {
    const user = this.store.settings.user;
    if (!user) throw new KbError('identityRequired');
    return user;
  }

  /** Writes a batch of changes durably; a failed write becomes a typed error and changes nothing. */
  async apply(changes: readonly Change[]): Promise<void> {
    try {
      await this.store.apply(changes);
      this.generation += 1;
    } catch (error) {
      throw new KbError('storeWriteFailed', (error as Error).message, { cause: error });
    }
    for (const listener of this.#appliedListeners) listener(changes);
  }

  /** Hears every batch once it is durable, e.g. to keep the search index current. Listeners must not throw. */
  onApplied(listener: (changes: readonly Change[]) => void): void {
    this.#appliedListeners.push(listener);
  }

  /** The record, or notFound. Records in the trash count as found: callers decide what that means. */
  require<C extends CollectionName>(collection: C, id: string): RecordOf<C> {
    const record = this.store.get(collection, id);
    if (!record) throw new KbError('notFound', `${collection} ${id}`);
    return record;
  }
}
