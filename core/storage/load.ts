/**
 * Opening a store: read the snapshot, replay the journal on top, and when
 * something is damaged, recover the newest consistent state without ever
 * overwriting what was found:
 *
 * - snapshot fine, journal damaged in the middle: keep the snapshot plus the
 *   batches before the damage (a state the store really had);
 * - snapshot damaged, missing or of the wrong schema: the newest good backup,
 *   plus the journal's batches when they continue it without a gap;
 *   no good backup: start afresh from the seed.
 *
 * Damaged files are moved, all together, into a `damaged-<time>` folder and
 * the user gets a notice saying so; then the recovered state is written as a
 * new snapshot.
 */
import path from 'node:path';
import { canonicalize } from '../base/canonical-json';
import { isTempFileName } from '../base/durable-write';
import type { Backups } from './backups';
import { DamageError, setAside } from './damage';
import type { FileSystem } from '../base/file-system';
import {
  listSegments,
  readJournal,
  truncateDurably,
  type JournalBatch,
  type JournalRead,
  type SegmentRead,
} from './journal';
import { checkChange, isRecord, MemoryState, withoutDuplicates } from './memory';
import { readSnapshot, SnapshotFile } from './snapshot';
import type { StorageNotice, StoredRecord, StoreFields } from './types';

/** What the engine needs to know about the knowledge base's data. */
export interface StoreFormat {
  /** Base name of the store's files: `<name>.json`, `<name>-<seq>.journal`, `backups/<name>-…`. */
  name: string;
  collections: readonly string[];
  /** Checks the fields beside the collections (schema version, installation id, settings); throws when they do not fit. */
  parseFields(raw: unknown): StoreFields;
  /** Fully checks a whole document this engine did not write itself (a store file from before the snapshot layout). */
  parseDocument(raw: unknown): StoreContent;
  /** The content of a new store. */
  seed(): StoreContent;
}

export interface StoreContent {
  fields: StoreFields;
  collections: Partial<Record<string, readonly StoredRecord[]>>;
}

export interface Loaded {
  state: MemoryState;
  /** The last journal batch in `state`. */
  seq: number;
  /** Journal segments with batches newer than the snapshot on disk; appends continue in the last. */
  segments: SegmentRead[];
  /** Size of the snapshot file. */
  snapshotBytes: number;
  /** The snapshot on disk is in an older layout: it should be rewritten soon. */
  outdatedLayout: boolean;
  notices: StorageNotice[];
}

interface Base {
  state: MemoryState;
  seq: number;
  savedAt: string;
  /** Not a snapshot in the current layout: to be rewritten soon. */
  outdated: boolean;
}

interface Replayed {
  seq: number;
  /** When the newest batch applied was saved; undefined when none was. */
  lastAt?: string;
  replayed: number;
  /** Every batch newer than the base was applied: no gap, no damage. */
  intact: boolean;
}

export async function loadStore(
  dir: string,
  format: StoreFormat,
  backups: Backups,
  fs: FileSystem,
  now: Date,
): Promise<Loaded> {
  const snapshotFile = path.join(dir, `${format.name}.json`);
  await removeLeftovers(dir, fs);
  await backups.removeLeftovers();

  let base: Base | null = null;
  let snapshotDamaged = false;
  try {
    base = await readBase(snapshotFile, format, fs);
  } catch (error) {
    if (!(error instanceof DamageError)) throw error; // I/O errors are not damage: never move files for them
    snapshotDamaged = true;
  }
  if (base) {
    const journal = await readJournal(dir, format.name, fs, base.seq);
    const replayed = replay(base, journal, format);
    if (replayed.intact) {
      if (journal.interrupted) await truncateDurably(journal.interrupted.file, journal.interrupted.length, fs);
      const current = journal.segments.filter((segment) => (segment.lastSeq ?? 0) > base.seq);
      const redundant = journal.files.filter((file) => !current.some((segment) => segment.file === file));
      for (const file of redundant) await fs.rm(file, { force: true });
      return {
        state: base.state,
        seq: replayed.seq,
        segments: current,
        snapshotBytes: (await fs.stat(snapshotFile)).size,
        outdatedLayout: base.outdated,
        notices: [],
      };
    }
    const movedTo = await setAside(dir, [snapshotFile, ...journal.files], now, fs);
    const notice: StorageNotice = {
      kind: 'storePartlyRestored',
      movedTo,
      restoredUntil: replayed.lastAt ?? base.savedAt,
    };
    return rewrite(snapshotFile, base.state, replayed.seq, notice, fs, now);
  }

  const segmentFiles = (await listSegments(dir, format.name, fs)).map((segment) => segment.file);
  if (!snapshotDamaged && segmentFiles.length === 0) return rewrite(snapshotFile, seeded(format), 0, null, fs, now);

  // The snapshot is damaged, or missing while journal segments exist.
  const damagedFiles = [...(snapshotDamaged ? [snapshotFile] : []), ...segmentFiles];
  for (const backup of await backups.list()) {
    const restored = await readBase(backup.file, format, fs).catch(() => null); // an unreadable backup is skipped, whatever the reason
    if (!restored) continue;
    const replayed = replay(restored, await readJournal(dir, format.name, fs, restored.seq), format);
    const movedTo = await setAside(dir, damagedFiles, now, fs);
    const notice: StorageNotice = {
      kind: 'storeRestoredFromBackup',
      movedTo,
      backupTakenAt: backup.takenAt.toISOString(),
      complete: replayed.intact && replayed.replayed > 0,
    };
    return rewrite(snapshotFile, restored.state, replayed.seq, notice, fs, now);
  }
  const movedTo = await setAside(dir, damagedFiles, now, fs);
  return rewrite(snapshotFile, seeded(format), 0, { kind: 'storeRecovered', movedTo }, fs, now);
}

function seeded(format: StoreFormat): MemoryState {
  const content = format.seed();
  return new MemoryState(content.fields, format.collections, canonicalized(content.collections));
}

/** The records canonicalized, as the store keeps them. */
function canonicalized(collections: Partial<Record<string, readonly StoredRecord[]>>) {
  const records: Partial<Record<string, readonly StoredRecord[]>> = {};
  for (const [name, list] of Object.entries(collections) as [string, readonly StoredRecord[]][])
    records[name] = list.map(canonicalize);
  return records;
}

/** A snapshot or backup, checked: null when missing, DamageError when unusable. */
async function readBase(file: string, format: StoreFormat, fs: FileSystem): Promise<Base | null> {
  const read = await readSnapshot(file, fs);
  if (!read) return null;
  try {
    if (read.layout === 'lines') {
      const { snapshot } = read;
      const known = new Set<string>(format.collections);
      // Checksummed and written from a map by this module: the records need no more than a look at their ids.
      for (const [name, records] of Object.entries(snapshot.collections)) {
        if (!known.has(name)) throw new Error(`unknown collection ${name}`);
        if (!records.every(isRecord)) throw new Error(`a record in ${name} has no id`);
      }
      const records = snapshot.collections as Partial<Record<string, StoredRecord[]>>;
      const state = new MemoryState(
        format.parseFields(snapshot.fields),
        format.collections,
        read.canonical ? records : canonicalized(records),
      );
      return { state, seq: snapshot.journalSeq, savedAt: snapshot.savedAt, outdated: !read.canonical };
    }
    const content = format.parseDocument(read.value);
    const records: Partial<Record<string, readonly StoredRecord[]>> = {};
    for (const name of format.collections) records[name] = withoutDuplicates(content.collections[name] ?? []);
    const state = new MemoryState(content.fields, format.collections, canonicalized(records));
    return { state, seq: 0, savedAt: (await fs.stat(file)).mtime.toISOString(), outdated: true };
  } catch (error) {
    if (error instanceof DamageError) throw error;
    throw new DamageError(file, 'does not fit the schema', { cause: error });
  }
}

/** Applies the journal's batches newer than `base` in order, stopping at a gap or at a batch that does not fit. */
function replay(base: Base, journal: JournalRead, format: StoreFormat): Replayed {
  const pending = journal.batches.filter((batch) => batch.seq > base.seq);
  const result: Replayed = { seq: base.seq, replayed: 0, intact: false };
  if (pending.length > 0 && pending[0]!.seq !== base.seq + 1) return result;
  for (const batch of pending) {
    const changes = checkBatch(batch, base.state.fields, format);
    if (!changes) return result;
    base.state.apply(changes);
    result.seq = batch.seq;
    result.lastAt = batch.at;
    result.replayed++;
  }
  result.intact = journal.damage === undefined;
  return result;
}

function checkBatch(batch: JournalBatch, fields: StoreFields, format: StoreFormat) {
  const collections = new Set<string>(format.collections);
  try {
    const changes = batch.changes.map((change) => checkChange(change, collections));
    let settings = fields.settings;
    for (const change of changes) {
      if (change.op === 'settings')
        settings = format.parseFields({ ...fields, settings: { ...settings, ...change.settings } }).settings;
    }
    return changes;
  } catch {
    return null;
  }
}

async function rewrite(
  file: string,
  state: MemoryState,
  seq: number,
  notice: StorageNotice | null,
  fs: FileSystem,
  now: Date,
): Promise<Loaded> {
  await new SnapshotFile(file, fs).write(state.snapshot(seq, now.toISOString()));
  return {
    state,
    seq,
    segments: [],
    snapshotBytes: (await fs.stat(file)).size,
    outdatedLayout: false,
    notices: notice ? [notice] : [],
  };
}

/** Temp files of writes a crash interrupted. */
async function removeLeftovers(dir: string, fs: FileSystem): Promise<void> {
  for (const name of (await fs.readdir(dir)).filter(isTempFileName)) await fs.rm(path.join(dir, name), { force: true });
}
