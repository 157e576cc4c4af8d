/**
 * The one path every change takes: a batch is written durably, then the
 * listeners (the search index) hear of it. A failed write becomes a typed
 * error and changes nothing. Whatever a batch saves, the version shown of a
 * record is the one a merge would show of it and its versions in conflict,
 * so that every installation holding the same versions shows the same one.
 * Batches are written one at a time, each worked out against the store as
 * the one before left it; a batch its caller made before another write
 * landed (a big merge from a shared folder, written while a save waited)
 * keeps what that write stored and the batch does not include, as a conflict.
 */
import { BUNDLE_COLLECTIONS, type BundleCollection, type BundleRecord } from '../../shared/bundle';
import type { VersionVector } from '../../shared/model';
import { KbError } from '../base/errors';
import { recordHash } from '../base/canonical-json';
import { hashed, mergeVersions } from '../base/merge';
import { compareVersions } from '../base/versioning';
import { groupConflicts, recordKey, type StoredConflict } from '../store/exchange-records';
import { del, put, type ApplyOptions, type Change, type Store } from '../store/store';

export class Writer {
  readonly #store: Store;
  readonly #appliedListeners: ((changes: readonly Change[]) => void)[] = [];
  /** Counts successful writes, so a plan made earlier can tell the store changed since. */
  #generation = 0;
  /** The batches being written, one after the other. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(store: Store) {
    this.#store = store;
  }

  get generation(): number {
    return this.#generation;
  }

  /** Resolves whether the batch was committed: always, unless `options.commitIf` resolved false (see ApplyOptions). */
  apply(requested: readonly Change[], options?: ApplyOptions): Promise<boolean> {
    const madeAt = this.#generation;
    const run = this.#queue.then(() => this.#write(requested, options, madeAt));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #write(requested: readonly Change[], options: ApplyOptions | undefined, madeAt: number): Promise<boolean> {
    const settling = [...requested, ...this.#settledConflicts(requested)];
    const changes = this.#shownAsMerged(madeAt === this.#generation ? settling : this.#keepingOverwritten(settling));
    try {
      if ((await this.#store.apply(changes, options)) === false) return false;
      this.#generation += 1;
    } catch (error) {
      throw new KbError('storeWriteFailed', (error as Error).message, { cause: error });
    }
    for (const listener of this.#appliedListeners) listener(changes);
    return true;
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

  /**
   * The versions stored now that a batch made before the last write would
   * replace without including them (by version vector), kept as conflicts:
   * the caller did not know of them, as a merge would not have.
   */
  #keepingOverwritten(changes: Change[]): Change[] {
    const kept: Change[] = [];
    const putConflicts = new Set(
      changes.flatMap((c) => (c.op === 'put' && c.collection === 'conflicts' ? [c.record.id] : [])),
    );
    for (const change of changes) {
      if (change.op !== 'put' || !isBundleCollection(change.collection)) continue;
      const stored = this.#store.get(change.collection, change.record.id) as BundleRecord | undefined;
      const saved = change.record as BundleRecord;
      if (!stored || compareVersions(stored.version, saved.version) !== 'concurrent') continue;
      const conflict = conflictOf(change.collection, stored);
      if (!putConflicts.has(conflict.id) && !this.#store.get('conflicts', conflict.id))
        kept.push(put('conflicts', conflict));
    }
    return [...changes, ...kept];
  }

  /**
   * A version saved here beside versions still in conflict with it is shown
   * only if a merge would show it: a deletion saved here while an edit it
   * did not include waits (or an edit dated before a waiting one, by
   * another installation's clock) waits in its turn, and the merge's choice
   * is shown, as on every installation that merges the same versions.
   */
  #shownAsMerged(changes: Change[]): Change[] {
    const stored = this.#store.all('conflicts');
    if (stored.length === 0 && !changes.some((c) => c.op === 'put' && c.collection === 'conflicts')) return changes;
    const waiting = new Map<string, StoredConflict>();
    for (const c of stored) waiting.set(c.id, c);
    for (const change of changes) {
      if (change.op === 'delete' && change.collection === 'conflicts') waiting.delete(change.id);
      if (change.op === 'put' && change.collection === 'conflicts') waiting.set(change.record.id, change.record);
    }
    if (waiting.size === 0) return changes;
    const byKey = groupConflicts(waiting.values());
    const extra: Change[] = [];
    const result = changes.map((change) => {
      if (change.op !== 'put' || !isBundleCollection(change.collection)) return change;
      const key = recordKey(change.collection, change.record.id);
      const conflicts = byKey.get(key);
      if (!conflicts) return change;
      const saved = hashed(change.record as BundleRecord);
      const merged = mergeVersions([saved, ...conflicts.map((c) => ({ record: c.record, hash: c.hash }))]);
      if (merged.winner.hash === saved.hash) return change;
      const kept = new Set(merged.others.map((o) => o.hash));
      for (const c of conflicts) if (!kept.has(c.hash)) extra.push(del('conflicts', c.id));
      const held = new Set(conflicts.map((c) => c.hash));
      for (const other of merged.others.filter((o) => !held.has(o.hash)))
        extra.push(put('conflicts', conflictOf(change.collection, other.record, other.hash)));
      return put(change.collection, merged.winner.record as never);
    });
    return [...result, ...extra];
  }

  /** Hears every batch once it is durable, e.g. to keep the search index current. Listeners must not throw. */
  onApplied(listener: (changes: readonly Change[]) => void): void {
    this.#appliedListeners.push(listener);
  }
}

/** A version kept in conflict, under the id every installation gives it. */
export function conflictOf(
  collection: BundleCollection,
  record: BundleRecord,
  hash = recordHash(record),
): StoredConflict {
  return {
    id: `${recordKey(collection, record.id)}:${hash.slice(0, 16)}`,
    collection,
    recordId: record.id,
    hash,
    record,
  } as StoredConflict;
}

const isBundleCollection = (collection: string): collection is BundleCollection =>
  (BUNDLE_COLLECTIONS as readonly string[]).includes(collection);
