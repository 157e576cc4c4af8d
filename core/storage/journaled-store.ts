/**
 * The storage engine behind the `Store` interface.
 *
 * Why this shape: rewriting one big JSON file per change (plain lowdb) costs
 * a second per keystroke-save at 100 000 records. Here a change costs what
 * the change costs:
 *
 * - memory holds the records (a Map per collection: `get` is O(1)), each
 *   with its keys in canonical order, so that an export can write them with
 *   plain JSON.stringify;
 * - `apply` appends the batch as one checksummed line to the journal and
 *   fsyncs it; only then does memory change and the promise resolve. A
 *   batch as big as a share of the store (sync catching up from a
 *   checkpoint) is instead written straight into a new snapshot, durably,
 *   with no append meanwhile: one big write instead of a giant journal line
 *   followed by a compaction that writes it all again (and keeps the disk
 *   busy under later small writes);
 * - in the background, once the journal has grown past a share of the
 *   snapshot, the whole state is written as a new snapshot (temp file,
 *   fsync, rename, folder fsync; a lowdb adapter) and the journal segments
 *   it covers are deleted. Appends go on meanwhile, into a new segment;
 * - rolling backups are durable copies of snapshots (at most one an hour,
 *   the newest few kept), and `backup(reason)` takes one on demand;
 * - opening locks the folder (one process per store, folder-lock.ts), reads
 *   the snapshot, replays the journal, and recovers from damage without
 *   overwriting anything (see load.ts and recovery.ts).
 *
 * A crash at any moment leaves a snapshot plus a journal that together hold
 * every batch whose `apply` resolved.
 */
import path from 'node:path';
import { Low } from 'lowdb';
import { AUTO_BACKUP, Backups } from './backups';
import { nodeFileSystem, type FileSystem } from '../base/file-system';
import { FolderLock } from './folder-lock';
import { Journal } from './journal';
import { loadStore, type StoreFormat } from './load';
import { checkChange, type MemoryState } from './memory';
import { SnapshotFile } from './snapshot';
import type { ApplyOptions, EngineChange, StorageNotice, StoredRecord } from './types';

export interface StorageOptions {
  /** The file system; tests inject failures through it. */
  fs?: FileSystem;
  /** The clock, for journal and backup times. */
  now?: () => Date;
  /** The journal is compacted once it is larger than this many bytes (default 1 MiB)… */
  compactionBytes?: number;
  /** …and than this share of the snapshot (default 1/4: compaction costs stay in proportion to the writes). */
  compactionShare?: number;
  /** Automatic backups are taken at most this often (ms). Default one hour. */
  backupInterval?: number;
  /** How many backups of each reason are kept. Default 5. */
  backupsKept?: number;
  /** A batch of at least this many changes is saved as a new snapshot rather than a journal line (default 10 000). */
  snapshotBatchChanges?: number;
}

const MiB = 1 << 20;
/** After a failed background compaction, wait this long before trying again (ms). */
const RETRY_AFTER = 60_000;

export class JournaledStore {
  readonly notices: readonly StorageNotice[];
  readonly #collections: ReadonlySet<string>;
  readonly #state: MemoryState;
  readonly #journal: Journal;
  readonly #snapshotFile: SnapshotFile;
  readonly #backups: Backups;
  readonly #lock: FolderLock;
  readonly #fs: FileSystem;
  readonly #now: () => Date;
  readonly #compactionBytes: number;
  readonly #compactionShare: number;
  readonly #backupInterval: number;
  readonly #snapshotBatchChanges: number;
  #snapshotBytes: number;
  /** Compactions and backups, one at a time. */
  #maintenance: Promise<unknown> = Promise.resolve();
  #compactionQueued = false;
  #retryCompactionAt = 0;
  #backgroundError: unknown = null;
  #closing: Promise<void> | null = null;

  static async open(dir: string, format: StoreFormat, options: StorageOptions = {}): Promise<JournaledStore> {
    const fs = options.fs ?? nodeFileSystem;
    const now = options.now ?? (() => new Date());
    await fs.mkdir(dir, { recursive: true });
    const lock = await FolderLock.acquire(dir, format.name); // before anything is read: another process may be writing
    const backups = new Backups(dir, format.name, options.backupsKept ?? 5, fs);
    let loaded;
    try {
      loaded = await loadStore(dir, format, backups, fs, now());
    } catch (error) {
      await lock.release();
      throw error;
    }
    const journal = new Journal(dir, format.name, loaded.seq, loaded.segments, fs);
    const store = new JournaledStore(
      dir,
      format,
      loaded.state,
      journal,
      backups,
      lock,
      loaded.snapshotBytes,
      loaded.notices,
      options,
    );
    if (loaded.outdatedLayout) store.#queueCompaction(true);
    else store.#maybeCompact();
    store.#background(() => store.#autoBackup());
    return store;
  }

  private constructor(
    dir: string,
    format: StoreFormat,
    state: MemoryState,
    journal: Journal,
    backups: Backups,
    lock: FolderLock,
    snapshotBytes: number,
    notices: readonly StorageNotice[],
    options: StorageOptions,
  ) {
    this.#collections = new Set(format.collections);
    this.#state = state;
    this.#journal = journal;
    this.#backups = backups;
    this.#lock = lock;
    this.#fs = options.fs ?? nodeFileSystem;
    this.#now = options.now ?? (() => new Date());
    this.#snapshotFile = new SnapshotFile(path.join(dir, `${format.name}.json`), this.#fs);
    this.#snapshotBytes = snapshotBytes;
    this.#compactionBytes = options.compactionBytes ?? MiB;
    this.#compactionShare = options.compactionShare ?? 0.25;
    this.#backupInterval = options.backupInterval ?? 60 * 60 * 1000;
    this.#snapshotBatchChanges = options.snapshotBatchChanges ?? 10_000;
    this.notices = notices;
  }

  get installationId(): string {
    return this.#state.fields.installationId;
  }

  get settings(): object {
    return this.#state.settings;
  }

  /** Where the snapshot lives; the journal segments and `backups/` are beside it. */
  get file(): string {
    return this.#snapshotFile.file;
  }

  all(collection: string): readonly StoredRecord[] {
    return this.#state.all(collection);
  }

  get(collection: string, id: string): StoredRecord | undefined {
    return this.#state.get(collection, id);
  }

  /**
   * Durable before it resolves; on failure nothing changed, in memory or on
   * disk. Resolves whether the batch was committed: always, unless
   * `options.commitIf` resolved false.
   */
  async apply(changes: readonly EngineChange[], options: ApplyOptions = {}): Promise<boolean> {
    if (this.#closing) throw new Error('the store is closed');
    if (this.#lock.lost) throw new Error('another process took over the store folder', { cause: this.#lock.lost });
    const checked = changes.map((change) => checkChange(change, this.#collections, options.json));
    if (checked.length >= this.#snapshotBatchChanges) return this.#applyAsSnapshot(checked, options);
    if (options.commitIf && !(await options.commitIf)) return false;
    if (checked.length === 0) return true;
    const json = JSON.stringify(checked); // taken now: later edits to these objects cannot slip into the journal
    await this.#journal.append(json, this.#now().toISOString(), () => this.#state.apply(checked));
    this.#maybeCompact();
    return true;
  }

  /**
   * Saves a big batch as a new snapshot holding it and everything before it,
   * as a compaction would (temp file, fsync, rename, folder fsync), with no
   * compaction and no append meanwhile, so that the snapshot is exactly the
   * store's state after the batch; memory changes once it is durable. On
   * failure nothing changed, as for an append: the old snapshot and the
   * journal segments still hold everything, and the batch is not saved.
   */
  #applyAsSnapshot(checked: readonly EngineChange[], { json, commitIf }: ApplyOptions): Promise<boolean> {
    return this.#maintain(() =>
      this.#journal.exclusive(async () => {
        await this.#journal.rotate();
        const next = this.#state.snapshotWith(checked, this.#journal.seq, this.#now().toISOString());
        const snapshot = { ...next.snapshot, ...(json ? { json } : {}) };
        if (commitIf) {
          if (!(await this.#snapshotFile.writeIf(snapshot, commitIf))) return false;
        } else await new Low(this.#snapshotFile, snapshot).write();
        next.commit();
        // Saved: what follows only tidies up, and a later compaction does it should it fail.
        this.#snapshotBytes = await this.#fs.stat(this.file).then(
          (info) => info.size,
          () => this.#snapshotBytes,
        );
        await this.#journal.release(snapshot.journalSeq).catch(() => undefined);
        return true;
      }),
    );
  }

  /**
   * Writes a backup of everything saved so far and returns its path. Backups
   * are kept per reason (the newest few), e.g. `backup('before-import')`.
   */
  backup(reason: string): Promise<string> {
    return this.#maintain(async () => {
      if (this.#journal.bytes > 0) await this.#compact();
      return this.#backups.create(this.file, reason, this.#now());
    });
  }

  /** Waits for pending writes and background work; rejects with a background failure, if one happened since the last call. */
  async flush(): Promise<void> {
    let settled: Promise<unknown>;
    do {
      settled = this.#maintenance; // work finishing may queue more (a compaction queues a backup)
      await this.#journal.exclusive(() => undefined);
      await settled;
    } while (settled !== this.#maintenance);
    const error = this.#backgroundError;
    this.#backgroundError = null;
    if (error) throw error;
  }

  /** Finishes pending work and folds the journal into the snapshot, so the next start reads one file, and unlocks the folder. Later `apply` calls fail. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await this.#journal.exclusive(() => undefined);
      try {
        await this.#maintain(async () => {
          if (this.#journal.bytes > 0 && !this.#lock.lost) await this.#compact();
        });
        await this.flush();
      } finally {
        await this.#lock.release();
      }
    })();
    return this.#closing;
  }

  #maybeCompact(): void {
    const threshold = Math.max(this.#compactionBytes, this.#snapshotBytes * this.#compactionShare);
    // Counted since the last snapshot was started: a snapshot being written already holds the rest.
    if (this.#journal.bytesSinceRotation > threshold && Date.now() >= this.#retryCompactionAt)
      this.#queueCompaction(false);
  }

  #queueCompaction(force: boolean): void {
    if (this.#compactionQueued) return;
    this.#compactionQueued = true;
    this.#background(async () => {
      this.#compactionQueued = false;
      if (!force && this.#journal.bytes === 0) return;
      try {
        await this.#compact();
      } catch (error) {
        this.#retryCompactionAt = Date.now() + RETRY_AFTER;
        throw error;
      }
      await this.#autoBackup();
    });
  }

  /**
   * Writes the current state as the snapshot and drops the journal segments it
   * holds. The state is captured between two appends; appends continue into a
   * new segment while the snapshot is written. Run inside #maintain.
   */
  async #compact(): Promise<void> {
    const snapshot = await this.#journal.exclusive(async () => {
      await this.#journal.rotate();
      return this.#state.snapshot(this.#journal.seq, this.#now().toISOString());
    });
    await new Low(this.#snapshotFile, snapshot).write(); // a lowdb database whose adapter writes the snapshot durably
    this.#snapshotBytes = (await this.#fs.stat(this.file)).size;
    await this.#journal.release(snapshot.journalSeq);
  }

  /** A copy of the snapshot into the backups, unless the last automatic one is recent. */
  async #autoBackup(): Promise<void> {
    const newest = await this.#backups.newest(AUTO_BACKUP);
    const now = this.#now();
    if (newest && now.getTime() - newest.getTime() < this.#backupInterval) return;
    await this.#backups.create(this.file, AUTO_BACKUP, now);
  }

  #maintain<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#maintenance.then(task);
    this.#maintenance = run.catch(() => undefined);
    return run;
  }

  /** Background work never fails a caller; its error is kept for the next flush(). */
  #background(task: () => Promise<void>): void {
    this.#maintain(task).catch((error: unknown) => {
      this.#backgroundError = error;
    });
  }
}
