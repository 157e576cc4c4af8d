/**
 * Conflicts: a record edited on both sides since they last met keeps both
 * versions. One is shown; the others wait here until a person keeps one of
 * them (or saves a merged text). Resolving makes a version that includes all
 * of them, so the conflict does not come back with the next bundle.
 */
import type { ConflictView, RecordOrigin } from '../../../shared/contract';
import type { BundleCollection, BundleRecord } from '../../../shared/bundle';
import { recordHash } from '../canonical-json';
import type { KbContext } from '../context';
import { KbError } from '../errors';
import type { Change, Store } from '../store';
import { nextVersion } from '../versioning';
import { recordKey, type StoredConflict } from './records';

export class Conflicts {
  readonly #ctx: KbContext;

  constructor(ctx: KbContext) {
    this.#ctx = ctx;
  }

  list(): ConflictView[] {
    return this.#groups().map(({ collection, recordId, current, waiting }) => ({
      collection,
      recordId,
      current: { hash: recordHash(current), record: current },
      others: waiting.map((c) => ({ hash: c.hash, record: c.record })),
    }) as ConflictView);
  }

  /** Shown with every overview: counts the records in conflict without hashing their versions. */
  count(): number {
    return this.#groups().length;
  }

  /** The waiting versions per record that still exists, with its current version. */
  #groups(): { collection: BundleCollection; recordId: string; current: BundleRecord; waiting: StoredConflict[] }[] {
    const groups = new Map<string, StoredConflict[]>();
    for (const c of this.#ctx.store.all('conflicts')) {
      const key = recordKey(c.collection, c.recordId);
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    return [...groups.values()].flatMap((waiting) => {
      const { collection, recordId } = waiting[0]!;
      const current = this.#ctx.store.get(collection, recordId) as BundleRecord | undefined;
      return current ? [{ collection, recordId, current, waiting }] : [];
    });
  }

  /** Keeps the version with `hash` (the current one or a conflicting one) as the new current version. */
  async keep(collection: BundleCollection, recordId: string, hash: string): Promise<void> {
    const { current, others } = this.#find(collection, recordId);
    const chosen = [current, ...others].find((v) => v.hash === hash);
    if (!chosen) throw new KbError('notFound', `version ${hash} of ${collection} ${recordId}`);
    const now = this.#ctx.now();
    const record = {
      ...chosen.record,
      version: nextVersion(this.#ctx.store.installationId, current.record.version, ...others.map((o) => o.record.version)),
      changedBy: this.#ctx.store.installationId,
      ...('updatedAt' in chosen.record ? { updatedAt: now } : {}),
    };
    const changes: Change[] = [
      ...settleConflicts(this.#ctx.store, collection, recordId),
      ...(hash !== current.hash && (collection === 'practices' || collection === 'comparison')
        ? [{ op: 'put', collection: 'revisions', record: { id: this.#ctx.newId('revision'), collection, recordId, record: current.record, savedAt: now } } as Change]
        : []),
      { op: 'put', collection, record } as Change,
    ];
    await this.#ctx.apply(changes);
  }

  #find(collection: BundleCollection, recordId: string) {
    const view = this.list().find((c) => c.collection === collection && c.recordId === recordId);
    if (!view) throw new KbError('notFound', `no conflict for ${collection} ${recordId}`);
    return view;
  }
}

/** The versions waiting in conflict for a record: a save that resolves the conflict includes them all. */
export function conflictingVersions(store: Store, collection: BundleCollection, recordId: string) {
  return store.all('conflicts').filter((c) => c.collection === collection && c.recordId === recordId).map((c) => c.record.version);
}

/** The changes that clear a record's waiting versions. */
export function settleConflicts(store: Store, collection: BundleCollection, recordId: string): Change[] {
  return store
    .all('conflicts')
    .filter((c) => c.collection === collection && c.recordId === recordId)
    .map((c) => ({ op: 'delete', collection: 'conflicts', id: c.id }));
}

/** Where a record came from, if it was imported, and how many versions of it wait in conflict: shown with the record. */
export function provenance(store: Store, collection: BundleCollection, id: string): { origin?: RecordOrigin; conflictCount: number } {
  const origin = store.get('origins', recordKey(collection, id));
  return {
    ...(origin ? { origin: { importedAt: origin.importedAt, fileName: origin.fileName, exportedBy: origin.exportedBy } } : {}),
    conflictCount: conflictingVersions(store, collection, id).length,
  };
}
