/**
 * Merging one file of another installation from a shared folder: read with
 * the bundle reader (the same validation as any bundle from outside), checked
 * to come from the installation whose folder it is in, planned with the same
 * merge rules as an import, and applied as one batch through the store's
 * journaled write path. Unlike an import confirmed by a person there is no
 * backup and no undo entry per file: the change is atomic per file, and
 * merging it again changes nothing. A big file (a checkpoint) is read and
 * planned in slices between which the event loop turns, so requests from
 * the window are answered meanwhile.
 */
import { BUNDLE_COLLECTIONS, type Bundle, type BundleCollection } from '../../shared/bundle';
import { recordHash } from '../base/canonical-json';
import { KbError } from '../base/errors';
import { readBundleInSlices } from '../bundle/read-bundle';
import { planImport, planImportInSlices, type ImportPlan, type PlanContext } from '../exchange/plan-import';
import type { KbContext } from '../write/context';
import { recordKey } from '../store/exchange-records';
import { conflictKey, currentHash } from './outgoing';

/** Files larger than this are not ours: a checkpoint of 10 000 practices is about 65 MB. */
export const MAX_SYNC_FILE_BYTES = 512 * 1024 * 1024;

export interface Merged {
  bundle: Bundle;
  /** How many records the file changed here. */
  changed: number;
  /** The keys and hashes of what the store now holds as the folder holds it: published there already. */
  inFolder: [string, string][];
}

/**
 * Validates and merges one file. Throws a KbError naming the first problem;
 * the store is then unchanged.
 */
export async function mergeSyncFile(
  ctx: KbContext,
  bytes: Uint8Array,
  from: { installationId: string; fileName: string },
): Promise<Merged> {
  const bundle = await readBundleInSlices(bytes, { maxBytes: MAX_SYNC_FILE_BYTES });
  if (bundle.exportedBy.installationId.toLowerCase() !== from.installationId) {
    throw new KbError('syncForeignWriter', `${from.fileName} says it is from ${bundle.exportedBy.installationId}`, {
      params: { file: from.fileName },
    });
  }
  const importedAt = ctx.clock.now();
  const planContext: PlanContext = {
    store: ctx.store,
    history: ctx.history,
    now: importedAt,
    origin: {
      importId: `sync-${from.installationId.slice(0, 8)}`,
      importedAt,
      fileName: from.fileName,
      exportedBy: bundle.exportedBy,
    },
    undo: false,
  };
  const plan = await planBetweenWrites(ctx, bundle, planContext);
  if (plan.changes.length > 0) await ctx.writer.apply(plan.changes);
  const changed = Object.values(plan.counts).reduce((n, c) => n + c.added + c.updated + c.deleted + c.conflicts, 0);
  // In one go, right after the merge: a change made here meanwhile must not be mistaken for the folder's.
  return { bundle, changed, inFolder: heldAsInFolder(ctx, bundle, plan.hashes) };
}

/**
 * Plans in slices, so a big file does not hold up the event loop; a plan
 * that a write overtook (the store changed while it was made) is made again,
 * and in the end in one go, so no change made meanwhile is overwritten.
 */
async function planBetweenWrites(ctx: KbContext, bundle: Bundle, planContext: PlanContext): Promise<ImportPlan> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const generation = ctx.writer.generation;
    const plan = await planImportInSlices(bundle, planContext);
    if (ctx.writer.generation === generation) return plan;
  }
  return planImport(bundle, planContext);
}

/**
 * The records of the bundle whose version the store now holds unchanged,
 * current or in conflict. `hashes` are those the plan computed: a record is
 * hashed once per file, not once more here.
 */
function heldAsInFolder(ctx: KbContext, bundle: Bundle, hashes: ReadonlyMap<object, string>): [string, string][] {
  const held: [string, string][] = [];
  const versions: { collection: BundleCollection; record: { id: string } }[] = [
    ...BUNDLE_COLLECTIONS.flatMap((collection) =>
      (bundle.content[collection] ?? []).map((record) => ({ collection, record })),
    ),
    ...bundle.content.tombstones,
    ...bundle.content.conflicts,
  ];
  for (const { collection, record } of versions) {
    const key = recordKey(collection, record.id);
    const hash = hashes.get(record) ?? recordHash(record);
    // A record the plan put or looked at is hashed already.
    const stored = ctx.store.get(collection, record.id);
    const storedHash = stored && (hashes.get(stored) ?? currentHash(ctx.store, key));
    if (storedHash === hash) held.push([key, hash]);
    const asConflict = conflictKey(`${key}:${hash.slice(0, 16)}`);
    if (ctx.store.get('conflicts', asConflict.slice('conflicts:'.length))) held.push([asConflict, hash]);
  }
  return held;
}
