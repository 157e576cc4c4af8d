/**
 * Works out what importing a bundle would change, without changing anything:
 * per record, the local versions (current and in conflict) and the bundle's
 * are merged; what differs from the store becomes a change. The same plan
 * serves the preview (its counts) and the import (its changes); sync plans
 * big files in slices between which the event loop turns (planImportInSlices).
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { BUNDLE_COLLECTIONS, type Bundle, type BundleCollection, type BundleRecord } from '../../shared/bundle';
import { canonicalize, canonicalWithHash, recordHash, sha256Hex } from '../base/canonical-json';
import { hashed, mergeVersions, type Hashed } from '../base/merge';
import { del, put, type Change, type KnownJson, type Store } from '../store/store';
import type { History } from '../write/history';
import { conflictOf } from '../write/writer';
import { compareVersions } from '../base/versioning';
import type { ImportCounts, ImportItem, ImportOutcome } from '../../shared/responses';
import { comparisonCellKey, isStarterVersion } from '../../shared/model';
import { groupConflicts, isImportedInto, recordKey, type Origin, type UndoStep } from '../store/exchange-records';

export interface ImportPlan {
  changes: Change[];
  /** How to take each change back, in the same order. */
  undo: UndoStep[];
  /** Per kind of record, how many records each outcome has: every record counted once. */
  counts: Record<BundleCollection, ImportCounts>;
  /** Every record the import would change, with its outcome and the version the user should see for it. */
  items: ImportItem[];
  /**
   * The hash of every record version the plan looked at, by the object: the
   * bundle's versions, the store's, and the records it puts (as put, so a
   * caller finding one in the store afterwards knows its hash without
   * hashing it again).
   */
  hashes: ReadonlyMap<object, string>;
  /** The JSON of the records it puts where it is known (`PlanContext.json`, the origins): a big merge's snapshot copies it. */
  json: KnownJson;
}

export interface PlanContext {
  store: Store;
  history: History;
  now: string;
  origin: Omit<Origin, 'id'>;
  /** Whether to work out how to take the import back (default true); sync, which has no undo, says false. */
  undo?: boolean;
  /**
   * The canonical JSON of bundle records as the file has it, by the record
   * (see KnownJson): hashed as it is, with no walk and no serialising; the
   * record's keys are in canonical order already.
   */
  json?: KnownJson;
}

/** Records merged between two turns of the event loop in planImportInSlices. */
const SLICE = 2_000;

export function planImport(bundle: Bundle, ctx: PlanContext): ImportPlan {
  const steps = planSteps(bundle, ctx);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The same plan, made in slices of a few thousand records with a turn of the event loop after each; `signal` stops it. */
export async function planImportInSlices(bundle: Bundle, ctx: PlanContext, signal?: AbortSignal): Promise<ImportPlan> {
  const steps = planSteps(bundle, ctx);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await yieldToEventLoop();
    signal?.throwIfAborted();
  }
}

/** Plans, yielding after every SLICE records; the store must not change until it returns. */
function* planSteps(bundle: Bundle, ctx: PlanContext): Generator<void, ImportPlan> {
  const { store } = ctx;
  const incoming = new Map<string, { collection: BundleCollection; id: string; versions: Hashed<BundleRecord>[] }>();
  /** Hashes computed while merging, by record (as sent, and as canonicalized): an undo step, and the caller, need them again. */
  const hashes = new Map<object, string>();
  const toCell = cellHolders(store);
  const add = (collection: BundleCollection, sent: BundleRecord) => {
    const record = collection === 'comparison' ? toCell(sent as BundleRecord<'comparison'>) : sent;
    const key = recordKey(collection, record.id);
    let entry = incoming.get(key);
    if (!entry) incoming.set(key, (entry = { collection, id: record.id, versions: [] }));
    // Canonicalized as the store keeps records, and hashed, in one pass (or hashed as the file has it).
    const known = record === sent ? ctx.json?.get(sent) : undefined;
    const { value, hash } = known ? { value: record, hash: sha256Hex(known) } : canonicalWithHash(record);
    entry.versions.push({ record: value, hash });
    hashes.set(sent, hash);
    if (value !== sent) hashes.set(value, hash);
  };
  let seen = 0;
  for (const collection of BUNDLE_COLLECTIONS) {
    for (const record of bundle.content[collection] ?? []) {
      add(collection, record as BundleRecord);
      if (++seen % SLICE === 0) yield;
    }
  }
  for (const { collection, record } of [...bundle.content.tombstones, ...bundle.content.conflicts])
    add(collection, record);
  const localConflicts = groupConflicts(store.all('conflicts'));

  const changes: Change[] = [];
  const items: ImportItem[] = [];
  // Keys in canonical order, as the store keeps records: nothing to reorder on the way in. Their JSON differs
  // only in the id, so it is known without serialising each.
  const { exportedBy, fileName, importId, importedAt } = ctx.origin;
  const exporter = canonicalize(exportedBy);
  const [jsonBefore, jsonAfter] = JSON.stringify({ exportedBy: exporter, fileName, id: 0, importId, importedAt }).split(
    '"id":0',
  );
  const origins = new WeakSet<object>();
  const originOf = (id: string): Origin => {
    const origin = { exportedBy: exporter, fileName, id, importId, importedAt };
    origins.add(origin);
    return origin;
  };
  const counts = Object.fromEntries(
    BUNDLE_COLLECTIONS.map((c) => [c, { added: 0, updated: 0, unchanged: 0, deleted: 0, conflicts: 0 }]),
  ) as Record<BundleCollection, ImportCounts>;

  // Parents first, so a practice is never added after an annotation pointing at it.
  const entries = [...incoming.entries()];
  const ordered = BUNDLE_COLLECTIONS.flatMap((collection) => entries.filter(([, e]) => e.collection === collection));
  let done = 0;
  for (const [key, { collection, id, versions }] of ordered) {
    if (++done % SLICE === 0) yield;
    const count = counts[collection];
    const purged = store.get('purged', key);
    // Versions a purge here already included stay deleted; so does any release of starter content
    // removed untouched here (core/exchange/starter-upgrade.ts): a partner's newer release brings nobody's edit.
    const wanted = purged
      ? versions.filter(
          (v) =>
            !['before', 'equal'].includes(compareVersions(v.record.version, purged.version)) &&
            !(isStarterVersion(v.record.version) && isStarterVersion(purged.version)),
        )
      : versions;
    const local = store.get(collection, id) as BundleRecord | undefined;
    const localHashed = local ? hashed(local) : undefined;
    if (localHashed) hashes.set(localHashed.record, localHashed.hash);
    const conflicts = localConflicts.get(key) ?? [];
    if (wanted.length === 0) {
      count.unchanged += 1;
      continue;
    }
    const merged = mergeVersions([
      ...(localHashed ? [localHashed] : []),
      ...conflicts.map((c) => ({ record: c.record, hash: c.hash })),
      ...wanted,
    ]);

    const winnerChanged = merged.winner.hash !== localHashed?.hash;
    const newConflicts = merged.others.filter((o) => !conflicts.some((c) => c.hash === o.hash));
    const resolved = conflicts.filter((c) => !merged.others.some((o) => o.hash === c.hash));
    if (!winnerChanged && newConflicts.length === 0 && resolved.length === 0) {
      count.unchanged += 1;
      continue;
    }

    // One outcome per record: a record that comes into conflict is a conflict, even when its shown version changes too.
    const outcome: ImportOutcome =
      newConflicts.length > 0
        ? 'conflicts'
        : !winnerChanged
          ? 'updated' // a conflict held here that the bundle's versions settle
          : !local
            ? isDeleted(merged.winner.record)
              ? 'deleted'
              : 'added'
            : isDeleted(merged.winner.record) && !isDeleted(local)
              ? 'deleted'
              : 'updated';
    count[outcome] += 1;
    // For a conflict, the bundle's version: it is what the user is asked about.
    const shown =
      outcome === 'conflicts'
        ? (wanted.find((v) => v.hash !== localHashed?.hash) ?? merged.winner).record
        : merged.winner.record;
    items.push({ collection, id, outcome, record: shown });

    if (winnerChanged) {
      // Every version merged is canonical (the bundle's were made so above, the store's are kept so): the store
      // holds afterwards this very object, whose hash the caller can look up.
      const winner = merged.winner.record;
      if (local) changes.push(...ctx.history.keepReplaced(collection, local, ctx.now));
      changes.push(put(collection, winner));
      hashes.set(winner, merged.winner.hash);
    }
    for (const c of resolved) changes.push(del('conflicts', c.id));
    for (const c of newConflicts) changes.push(put('conflicts', conflictOf(collection, c.record, c.hash)));
    changes.push(put('origins', originOf(key)));
  }
  const undo = ctx.undo === false ? [] : changes.map((change) => undoStep(store, change, hashes));
  const originJson = (record: object) =>
    origins.has(record) ? `${jsonBefore}"id":${JSON.stringify((record as Origin).id)}${jsonAfter}` : undefined;
  const json: KnownJson = {
    get: (record) => originJson(record) ?? ctx.json?.get(record),
    has: (record) => origins.has(record) || ctx.json?.has(record) === true,
  };
  return { changes, undo, counts, items, hashes, json };
}

/**
 * One comparison cell (dimension × organisation) is one record. A record for
 * a cell held here under another id (both sides filled it with their own
 * tools) becomes a version of the record held here, so the two meet as a
 * conflict instead of one silently hiding the other.
 */
function cellHolders(store: Store): (record: BundleRecord<'comparison'>) => BundleRecord<'comparison'> {
  let holders: Map<string, BundleRecord<'comparison'>> | undefined;
  return (record) => {
    if (store.get('comparison', record.id)) return record;
    if (!holders) {
      holders = new Map();
      // The one shown, should the store hold two from before this rule: the latest, as the comparison view picks it.
      for (const entry of store.all('comparison')) {
        const key = comparisonCellKey(entry.dimension, entry.organisationId);
        const seen = holders.get(key);
        if (!seen || entry.updatedAt > seen.updatedAt || (entry.updatedAt === seen.updatedAt && entry.id > seen.id))
          holders.set(key, entry);
      }
    }
    const holder = holders.get(comparisonCellKey(record.dimension, record.organisationId));
    return holder ? { ...record, id: holder.id } : record;
  };
}

/** The record before a change, and a hash of what the change leaves, to take it back later if nothing else touched it. */
function undoStep(store: Store, change: Change, hashes: ReadonlyMap<unknown, string>): UndoStep {
  if (change.op === 'settings' || !isImportedInto(change.collection))
    throw new Error('an import changed what it does not write to');
  const id = change.op === 'put' ? change.record.id : change.id;
  const before = store.get(change.collection, id);
  return {
    collection: change.collection,
    id,
    ...(before ? { before } : {}),
    afterHash: change.op === 'put' ? (hashes.get(change.record) ?? recordHash(change.record)) : null,
  };
}

const isDeleted = (record: BundleRecord) => 'deletedAt' in record && record.deletedAt !== undefined;
