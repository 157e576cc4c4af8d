/**
 * The one path every change takes: a batch is written durably, then the
 * listeners (the search index) hear of it. A failed write becomes a typed
 * error and changes nothing.
 */
import { BUNDLE_COLLECTIONS, type BundleCollection, type BundleRecord } from '../../shared/bundle';
import type { VersionVector } from '../../shared/model';
import { KbError } from '../base/errors';
import { compareVersions } from '../base/versioning';
import { recordKey } from '../store/exchange-records';
import { del, type Change, type Store } from '../store/store';

export class Writer {
  readonly #store: Store;
  readonly #appliedListeners: ((changes: readonly Change[]) => void)[] = [];
  /** Counts successful writes, so a plan made earlier can tell the store changed since. */
  #generation = 0;

  constructor(store: Store) {
    this.#store = store;
  }

  get generation(): number {
    return this.#generation;
  }

  async apply(requested: readonly Change[]): Promise<void> {
    const changes = [...requested, ...this.#settledConflicts(requested)];
    try {
      await this.#store.apply(changes);
      this.#generation += 1;
    } catch (error) {
      throw new KbError('storeWriteFailed', (error as Error).message, { cause: error });
    }
    for (const listener of this.#appliedListeners) listener(changes);
  }

  /**
   * A backup of everything saved (e.g. before an import). It is written
   * outside the journal, but fails like any write: as storeWriteFailed.
   */
  async backup(reason: string): Promise<string> {
    try {
      return await this.#store.backup(reason);
    } catch (error) {
      throw new KbError('storeWriteFailed', (error as Error).message, { cause: error });
    }
  }

  /**
   * A version saved here that includes a version waiting in conflict (by its
   * version vector) settles it, as a merge would: otherwise this
   * installation would keep a conflict every other one has dropped on
   * receiving the new version, and they would never agree again. This
   * happens when an edit made here lost a merge and the next edit here
   * counts on from it.
   */
  #settledConflicts(changes: readonly Change[]): Change[] {
    const conflicts = this.#store.all('conflicts');
    if (conflicts.length === 0) return [];
    const saved = new Map<string, VersionVector>();
    const deleted = new Set<string>();
    for (const change of changes) {
      if (change.op === 'put' && isBundleCollection(change.collection))
        saved.set(recordKey(change.collection, change.record.id), (change.record as BundleRecord).version);
      if (change.op === 'delete' && change.collection === 'conflicts') deleted.add(change.id);
      if (change.op === 'put' && change.collection === 'conflicts') deleted.add(change.record.id);
    }
    if (saved.size === 0) return [];
    return conflicts
      .filter((c) => {
        const current = saved.get(recordKey(c.collection, c.recordId));
        if (!current || deleted.has(c.id)) return false;
        return ['before', 'equal'].includes(compareVersions(c.record.version, current));
      })
      .map((c) => del('conflicts', c.id));
  }

  /** Hears every batch once it is durable, e.g. to keep the search index current. Listeners must not throw. */
  onApplied(listener: (changes: readonly Change[]) => void): void {
    this.#appliedListeners.push(listener);
  }
}

const isBundleCollection = (collection: string): collection is BundleCollection =>
  (BUNDLE_COLLECTIONS as readonly string[]).includes(collection);
