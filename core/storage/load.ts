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
 * Damaged files are moved, all together, into a `damaged-<time>` folder,
 * the recovered state is written as a new snapshot, and the user gets a
 * notice saying so; a crash half-way through is completed by the next start
 * (recovery.ts). A snapshot whose layout is not recognised, and a complete
 * journal line whose checksum fails, are damage: never read as something
 * older or as a write cut short.
 */
import path from 'node:path';
import { canonicalize } from '../base/canonical-json';
import { removeTempFiles } from '../base/durable-write';
import type { Backups } from './backups';
import { DamageError } from './damage';
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
import { newestDamagedFolder, recover, resumeRecovery, type NoticeWithoutFolder } from './recovery';
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
  await removeTempFiles(dir, fs); // of writes a crash interrupted
  await backups.removeLeftovers();
  const resumed = await resumeRecovery(dir, format.name, fs);
  const loaded = await load(dir, format, backups, fs, now);
  if (resumed) loaded.notices.unshift(resumed);
  return loaded;
}

async function load(dir: string, format: StoreFormat, backups: Backups, fs: FileSystem, now: Date): Promise<Loaded> {
  const snapshotFile = path.join(dir, `${format.name}.json`);
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
    const notice = { kind: 'storePartlyRestored', restoredUntil: replayed.lastAt ?? base.savedAt } as const;
    const damaged = { files: [snapshotFile, ...journal.files] };
    return recovered(dir, format, damaged, base.state, replayed.seq, notice, fs, now);
  }

  const segmentFiles = (await listSegments(dir, format.name, fs)).map((segment) => segment.file);
  if (!snapshotDamaged && segmentFiles.length === 0) {
    // No store at all: a first start, unless a recovery from before this version was cut short after it set the files aside.
    const folder = await newestDamagedFolder(dir, fs);
    if (folder) return recoverFromFolder(dir, folder, format, backups, fs, now);
    const state = seeded(format);
    await new SnapshotFile(snapshotFile, fs).write(state.snapshot(0, now.toISOString()));
    return fresh(state, 0, snapshotFile, fs, []);
  }

  // The snapshot is damaged, or missing while journal segments exist.
  const damaged = { files: [...(snapshotDamaged ? [snapshotFile] : []), ...segmentFiles] };
  const restored = await fromBackups(backups, dir, format, fs);
  if (restored) return recovered(dir, format, damaged, restored.state, restored.seq, restored.notice, fs, now);
  return recovered(dir, format, damaged, seeded(format), 0, { kind: 'storeRecovered' }, fs, now);
}

/**
 * The store's files are already in `folder` (set aside by a recovery an
 * older version did not finish): the best state they and the backups hold.
 */
async function recoverFromFolder(
  dir: string,
  folder: string,
  format: StoreFormat,
  backups: Backups,
  fs: FileSystem,
  now: Date,
): Promise<Loaded> {
  const damaged = { files: [], folder: path.basename(folder) };
  const base = await readBase(path.join(folder, `${format.name}.json`), format, fs).catch((error: unknown) => {
    if (error instanceof DamageError) return null;
    throw error;
  });
  if (base) {
    const replayed = replay(base, await readJournal(folder, format.name, fs, base.seq), format);
    const notice = { kind: 'storePartlyRestored', restoredUntil: replayed.lastAt ?? base.savedAt } as const;
    return recovered(dir, format, damaged, base.state, replayed.seq, notice, fs, now);
  }
  const restored = await fromBackups(backups, folder, format, fs);
  if (restored) return recovered(dir, format, damaged, restored.state, restored.seq, restored.notice, fs, now);
  return recovered(dir, format, damaged, seeded(format), 0, { kind: 'storeRecovered' }, fs, now);
}

/** The newest good backup, plus the batches of the journal in `journalDir` that continue it without a gap. */
async function fromBackups(backups: Backups, journalDir: string, format: StoreFormat, fs: FileSystem) {
  for (const backup of await backups.list()) {
    const restored = await readBase(backup.file, format, fs).catch(() => null); // an unreadable backup is skipped, whatever the reason
    if (!restored) continue;
    const replayed = replay(restored, await readJournal(journalDir, format.name, fs, restored.seq), format);
    const notice = {
      kind: 'storeRestoredFromBackup',
      backupTakenAt: backup.takenAt.toISOString(),
      complete: replayed.intact && replayed.replayed > 0,
    } as const;
    return { state: restored.state, seq: replayed.seq, notice };
  }
  return null;
}

async function recovered(
  dir: string,
  format: StoreFormat,
  damaged: { files: readonly string[]; folder?: string },
  state: MemoryState,
  seq: number,
  notice: NoticeWithoutFolder,
  fs: FileSystem,
  now: Date,
): Promise<Loaded> {
  const told = await recover(dir, format.name, damaged, state, seq, notice, fs, now);
  return fresh(state, seq, path.join(dir, `${format.name}.json`), fs, [told]);
}

/** A store just written as one snapshot, with no journal. */
async function fresh(
  state: MemoryState,
  seq: number,
  snapshotFile: string,
  fs: FileSystem,
  notices: StorageNotice[],
): Promise<Loaded> {
  return {
    state,
    seq,
    segments: [],
    snapshotBytes: (await fs.stat(snapshotFile)).size,
    outdatedLayout: false,
    notices,
  };
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
