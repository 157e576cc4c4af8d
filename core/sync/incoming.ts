/**
 * Merging one file of another installation from a shared folder: read with
 * the bundle reader (the same validation as any bundle from outside), checked
 * to come from the installation whose folder it is in, planned with the same
 * merge rules as an import, and applied as one batch through the store's
 * journaled write path. Unlike an import confirmed by a person there is no
 * backup and no undo entry per file: the change is atomic per file, and
 * merging it again changes nothing. A big file (a checkpoint) is read and
 * planned in slices between which the event loop turns, so requests from
 * the window are answered meanwhile; and it is checked on a thread of its
 * own while this one parses and plans it (check-in-worker.ts): the plan is
 * applied only once the file is found sound, and made again should the
 * check's result differ from the plain parse.
 */
import { BUNDLE_COLLECTIONS, type Bundle, type BundleCollection } from '../../shared/bundle';
import { recordHash } from '../base/canonical-json';
import { KbError } from '../base/errors';
import { checkInWorker, type WorkerScript } from '../bundle/check-in-worker';
import { parseUnchecked, readBundleInSlices, type BundleRead } from '../bundle/read-bundle';
import { recordsJson } from '../bundle/record-spans';
import { planImport, planImportInSlices, type ImportPlan, type PlanContext } from '../exchange/plan-import';
import type { KbContext } from '../write/context';
import { recordKey } from '../store/exchange-records';
import { conflictKey, currentHash } from './outgoing';

/** Files larger than this are not ours: a checkpoint of 10 000 practices is about 75 MB. */
export const MAX_SYNC_FILE_BYTES = 512 * 1024 * 1024;
/** Files at least this large are checked on a thread of their own; below, starting one costs more than it saves. */
const WORKER_MIN_BYTES = 4 * 1024 * 1024;
/** …and at most this large: both threads parse the file, and memory must hold both (a larger one is read here only). */
const WORKER_MAX_BYTES = 256 * 1024 * 1024;

export interface Merged {
  bundle: Bundle;
  /** How many records the file changed here. */
  changed: number;
  /** The keys and hashes of what the store now holds as the folder holds it: published there already. */
  inFolder: [string, string][];
}

export interface MergeOptions {
  /** The bundle check's worker script, for big files; without one, everything is done on this thread. */
  worker?: WorkerScript | undefined;
  /** Files at least this large are checked by the worker (tests make it small). */
  workerMinBytes?: number;
}

/** Which installation's folder a file is in, and its name there. */
interface FileFrom {
  installationId: string;
  fileName: string;
}

/**
 * Validates and merges one file. Throws a KbError naming the first problem;
 * the store is then unchanged.
 */
export async function mergeSyncFile(
  ctx: KbContext,
  bytes: Uint8Array,
  from: FileFrom,
  options: MergeOptions = {},
): Promise<Merged> {
  const workerMinBytes = options.workerMinBytes ?? WORKER_MIN_BYTES;
  if (options.worker && bytes.byteLength >= workerMinBytes && bytes.byteLength <= WORKER_MAX_BYTES) {
    const merged = await mergeAlongsideWorker(ctx, bytes, from, options.worker);
    if (merged) return merged;
  }
  return mergeRead(ctx, await readBundleInSlices(bytes, { maxBytes: MAX_SYNC_FILE_BYTES }), from, bytes);
}

/**
 * A big file: the worker checks it while this thread parses and plans it on
 * the assumption that it is sound, unchanged by the schema and canonical (as
 * this app writes files), and writes the result; the batch is committed only
 * once the verdict says the assumption holds. Otherwise the verdict decides:
 * a refusal is thrown, a sound file is planned again as it really is.
 * Undefined when the worker could not give a verdict: the caller reads the
 * file on this thread.
 */
async function mergeAlongsideWorker(
  ctx: KbContext,
  bytes: Uint8Array,
  from: FileFrom,
  worker: WorkerScript,
): Promise<Merged | undefined> {
  const checking = checkInWorker(bytes, MAX_SYNC_FILE_BYTES, worker);
  const guessHolds = checking.then(
    (verdict) => verdict.kind === 'asParsed' && verdict.canonical,
    () => false,
  );
  // A guess the verdict makes useless is given up at once.
  const giveUp = new AbortController();
  void guessHolds.then((holds) => holds || giveUp.abort());
  const guess = await planGuess(ctx, bytes, from, giveUp.signal);
  if (guess && guess.generation === ctx.writer.generation && (await applyPlan(ctx, guess.plan, guessHolds)))
    return merged(ctx, guess.bundle, guess.plan);
  let verdict;
  try {
    verdict = await checking;
  } catch (error) {
    if (error instanceof KbError) throw error;
    return undefined;
  }
  if (verdict.kind === 'checked') return mergeRead(ctx, { ...verdict, asParsed: false }, from);
  return guess && mergeRead(ctx, { bundle: guess.bundle, asParsed: true, canonical: verdict.canonical }, from, bytes);
}

/**
 * A plan made from the file's plain parse, on the assumption that it is
 * sound, unchanged by the schema and canonical; undefined when the file
 * cannot even be parsed or planned so (the verdict says why), or `signal`
 * gave it up.
 */
async function planGuess(
  ctx: KbContext,
  bytes: Uint8Array,
  from: FileFrom,
  signal: AbortSignal,
): Promise<{ bundle: Bundle; plan: ImportPlan; generation: number } | undefined> {
  try {
    const bundle = (await parseUnchecked(bytes)) as Bundle;
    signal.throwIfAborted();
    const generation = ctx.writer.generation;
    const plan = await planFile(ctx, { bundle, asParsed: true, canonical: true }, from, bytes, signal);
    return { bundle, plan, generation };
  } catch {
    return undefined;
  }
}

/** Merges a file read from `bytes` and checked. */
async function mergeRead(ctx: KbContext, read: BundleRead, from: FileFrom, bytes?: Uint8Array): Promise<Merged> {
  const plan = await planFile(ctx, read, from, bytes);
  await applyPlan(ctx, plan);
  return merged(ctx, read.bundle, plan);
}

function applyPlan(ctx: KbContext, plan: ImportPlan, commitIf?: Promise<boolean>): Promise<boolean> {
  if (plan.changes.length === 0) return commitIf ?? Promise.resolve(true);
  return ctx.writer.apply(plan.changes, { json: plan.json, ...(commitIf ? { commitIf } : {}) });
}

/** What a merged file did, worked out right after it was applied (see heldAsInFolder). */
function merged(ctx: KbContext, bundle: Bundle, plan: ImportPlan): Merged {
  const changed = Object.values(plan.counts).reduce((n, c) => n + c.added + c.updated + c.deleted + c.conflicts, 0);
  // In one go, right after the merge: a change made here meanwhile must not be mistaken for the folder's.
  return { bundle, changed, inFolder: heldAsInFolder(ctx, bundle, plan.hashes) };
}

/**
 * Plans a file (read from `bytes`) against the store as it is now, once it is
 * known to come from the installation whose folder it is in.
 */
function planFile(
  ctx: KbContext,
  read: BundleRead,
  from: FileFrom,
  bytes: Uint8Array | undefined,
  signal?: AbortSignal,
): Promise<ImportPlan> {
  const { bundle } = read;
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
    // Written as canonical JSON and parsed as it is: each record's bytes are its canonical JSON.
    ...(bytes && read.asParsed && read.canonical ? { json: recordsJson(bundle.content, bytes) } : {}),
  };
  return planBetweenWrites(ctx, bundle, planContext, signal);
}

/**
 * Plans in slices, so a big file does not hold up the event loop; a plan
 * that a write overtook (the store changed while it was made) is made again,
 * and in the end in one go, so no change made meanwhile is overwritten.
 */
async function planBetweenWrites(
  ctx: KbContext,
  bundle: Bundle,
  planContext: PlanContext,
  signal?: AbortSignal,
): Promise<ImportPlan> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const generation = ctx.writer.generation;
    const plan = await planImportInSlices(bundle, planContext, signal);
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
  const anyConflicts = ctx.store.all('conflicts').length > 0;
  const check = (collection: BundleCollection, record: { id: string }) => {
    const key = recordKey(collection, record.id);
    // A record the plan put or looked at is hashed already.
    const hash = hashes.get(record) ?? recordHash(record);
    const stored = ctx.store.get(collection, record.id);
    if (stored === record || (stored && (hashes.get(stored) ?? currentHash(ctx.store, key)) === hash))
      held.push([key, hash]);
    if (!anyConflicts) return;
    const asConflict = conflictKey(`${key}:${hash.slice(0, 16)}`);
    if (ctx.store.get('conflicts', asConflict.slice('conflicts:'.length))) held.push([asConflict, hash]);
  };
  for (const collection of BUNDLE_COLLECTIONS)
    for (const record of bundle.content[collection] ?? []) check(collection, record);
  for (const { collection, record } of [...bundle.content.tombstones, ...bundle.content.conflicts])
    check(collection, record);
  return held;
}
