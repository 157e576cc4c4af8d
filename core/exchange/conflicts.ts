/**
 * Conflicts: a record edited on both sides since they last met keeps both
 * versions. One is shown; the others wait until a person keeps one of them
 * (or saves a merged text). Resolving makes a version that includes all of
 * them, so the conflict does not come back with the next bundle.
 */
import type { BundleCollection } from '../../shared/bundle';
import type { ConflictView } from '../../shared/responses';
import { recordHash } from '../base/canonical-json';
import { KbError } from '../base/errors';
import { put } from '../store/store';
import type { KbContext } from '../write/context';
import { conflictGroups, settleConflicts } from '../write/provenance';

export class Conflicts {
  readonly #ctx: KbContext;

  constructor(ctx: KbContext) {
    this.#ctx = ctx;
  }

  list(): ConflictView[] {
    return conflictGroups(this.#ctx.store).map(({ collection, recordId, current, waiting }) => ({
      collection,
      recordId,
      current: { hash: recordHash(current), record: current },
      others: waiting.map((c) => ({ hash: c.hash, record: c.record })),
    }));
  }

  /** Keeps the version with `hash` (the current one or a conflicting one) as the new current version. */
  async keep(collection: BundleCollection, recordId: string, hash: string): Promise<void> {
    const { current, others } = this.#find(collection, recordId);
    const chosen = [current, ...others].find((v) => v.hash === hash);
    if (!chosen) throw new KbError('notFound', `version ${hash} of ${collection} ${recordId}`);
    const now = this.#ctx.clock.now();
    const record = {
      ...chosen.record,
      ...this.#ctx.identity.stamp(current.record, ...others.map((o) => o.record.version)),
      ...('updatedAt' in chosen.record ? { updatedAt: now } : {}),
    };
    await this.#ctx.writer.apply([
      ...settleConflicts(this.#ctx.store, collection, recordId),
      ...(hash !== current.hash ? this.#ctx.history.keepReplaced(collection, current.record, now) : []),
      put(collection, record),
    ]);
  }

  #find(collection: BundleCollection, recordId: string) {
    const view = this.list().find((c) => c.collection === collection && c.recordId === recordId);
    if (!view) throw new KbError('notFound', `no conflict for ${collection} ${recordId}`);
    return view;
  }
}
