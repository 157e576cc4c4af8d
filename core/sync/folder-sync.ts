/**
 * One connection of the knowledge base to one shared folder, and one round
 * of syncing with it: merge the files of the other installations not merged
 * yet, then write what changed here since the last round as one new file of
 * our own (a change file, or now and then a checkpoint, after which our
 * older files are removed). Rounds of one connection never overlap.
 *
 * Our own files are the only ones ever written or removed. A file of another
 * installation that cannot be read is recorded as a problem and does not
 * stop the others: an incomplete one (still being copied by a sync client)
 * is retried every round and reported only when it stays incomplete; a broken
 * or forged one is set aside until it changes. Merging is idempotent, so a
 * crash at any point at worst merges or writes a change once more.
 */
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Dirent } from 'node:fs';
import type { ErrorParams } from '../../shared/errors';
import { KbError } from '../base/errors';
import { isTempFileName, writeFileDurably } from '../base/durable-write';
import { isNotFound, nodeFileSystem, syncDirectory, type FileSystem } from '../base/file-system';
import type { BlobStore } from '../attachments/blob-store';
import type { KbContext } from '../write/context';
import { sourceWorkerScript, type WorkerScript } from '../bundle/check-in-worker';
import { FolderBlobs } from './blobs';
import { MAX_SYNC_FILE_BYTES, mergeSyncFile, type MergeOptions } from './incoming';
import {
  allTravellingKeys,
  changeFile,
  checkpointFile,
  currentHash,
  publishedEntries,
  type OutgoingOptions,
} from './outgoing';
import {
  BLOBS_DIR,
  installationFolder,
  isInstallationFolder,
  parseSyncFileName,
  syncFileName,
  syncRoot,
  type SyncFileName,
} from './layout';
import {
  emptyFolderState,
  FolderState,
  PublishedLog,
  readState,
  writeState,
  type Connection,
  type FileProblem,
  type PeerProgress,
} from './sync-state';

/** Problems that usually mean a file is still arriving: retried every round, reported only after this long. */
const INCOMPLETE_CODES = new Set([
  'bundleEmpty',
  'bundleTruncated',
  'bundleNotUtf8',
  'bundleSyntax',
  'fileReadFailed',
  'syncAttachmentIncomplete',
]);
const INCOMPLETE_GRACE_MS = 5 * 60_000;
/** Own change files are folded into a checkpoint once they weigh more than it (and at least this much). */
const MIN_CHECKPOINT_BYTES = 1024 * 1024;
/** Keys compared with what was published per slice, between which the event loop turns. */
const DIFF_SLICE = 2000;

export interface FolderSyncOptions {
  /** The file-system seam for the shared folder (tests inject a full or read-only disk). */
  fs?: FileSystem;
  /** Milliseconds since the epoch; tests pass their own. */
  now?: () => number;
  incompleteGraceMs?: number;
  /** Own change files are folded into a checkpoint once they weigh more than it and at least this much (tests make it small). */
  checkpointBytes?: number;
  /** The local attachment store: attachments travel with their records (none for a knowledge base in memory). */
  blobs?: BlobStore;
  /** The bundle check's worker script for big files (default: the one beside the TypeScript sources, if run from them). */
  worker?: WorkerScript;
  /** Files at least this large are checked on the worker thread (tests make it small). */
  workerMinBytes?: number;
}

export interface RoundResult {
  /** Files of other installations merged in this round. */
  merged: number;
  /** Records those files changed here. */
  changed: number;
  /** Our own file written in this round, if any. */
  wrote?: SyncFileName;
  /** Attachments' bytes fetched from the folder in this round. */
  fetched?: number;
}

export interface ReportedProblem {
  file: string;
  code: string;
  params?: ErrorParams;
}

export class FolderSync {
  readonly connection: Connection;
  readonly #ctx: KbContext;
  readonly #stateFile: string;
  readonly #fs: FileSystem;
  readonly #now: () => number;
  readonly #grace: number;
  readonly #checkpointBytes: number;
  readonly #merging: MergeOptions;
  #state: FolderState;
  readonly #published: PublishedLog;
  /** Keys that may differ from what was published; `undefined` until the first full comparison. */
  #dirty: Set<string> | undefined;
  /** The state as last saved (or read), so that a round that changed nothing writes nothing. */
  #savedState: string;
  /** Whether our folder's name is known to be on disk (its parents fsync'd once since opening). */
  #ownFolderDurable = false;
  /** The sizes of our own files in the folder, by name. */
  readonly #ownSizes = new Map<string, number>();
  /** Foreign files and folders seen in the last round (ignored). */
  foreignFiles = 0;
  /** Attachments' bytes in the folder; made sure of once after a start. */
  readonly #blobs: FolderBlobs | undefined;
  #blobsHealed = false;

  private constructor(
    ctx: KbContext,
    connection: Connection,
    stateDir: string,
    state: FolderState,
    published: PublishedLog,
    options: FolderSyncOptions,
  ) {
    this.#ctx = ctx;
    this.connection = connection;
    this.#stateFile = path.join(stateDir, 'state.json');
    this.#state = state;
    this.#savedState = JSON.stringify(state);
    this.#published = published;
    this.#fs = options.fs ?? nodeFileSystem;
    this.#now = options.now ?? Date.now;
    this.#grace = options.incompleteGraceMs ?? INCOMPLETE_GRACE_MS;
    this.#checkpointBytes = options.checkpointBytes ?? MIN_CHECKPOINT_BYTES;
    this.#merging = {
      worker: options.worker ?? sourceWorkerScript(),
      ...(options.workerMinBytes !== undefined ? { workerMinBytes: options.workerMinBytes } : {}),
    };
    this.#blobs =
      options.blobs &&
      new FolderBlobs(options.blobs, ctx.store, this.#fs, connection.folder, this.#installationId, {
        known: (id) => this.#state.problems[id],
        report: (id, stat, error) => this.#problem(id, stat, error),
        clear: (id) => delete this.#state.problems[id],
        clearBytes: (sha256) => {
          for (const id of Object.keys(this.#state.problems))
            if (id.endsWith(`/${BLOBS_DIR}/${sha256}`) && this.#state.problems[id]!.transient)
              delete this.#state.problems[id];
        },
      });
  }

  /** Loads what this installation remembers of the folder from `stateDir` (its own disk). */
  static async open(
    ctx: KbContext,
    connection: Connection,
    stateDir: string,
    options: FolderSyncOptions = {},
  ): Promise<FolderSync> {
    const fs = options.fs ?? nodeFileSystem;
    const state = await readState(path.join(stateDir, 'state.json'), FolderState, emptyFolderState(), fs);
    const published = await PublishedLog.open(path.join(stateDir, 'published.log'), fs);
    return new FolderSync(ctx, connection, stateDir, state, published, options);
  }

  get #installationId(): string {
    return this.#ctx.store.installationId.toLowerCase();
  }

  /** Hears every batch written to the store. */
  noteChanged(keys: Iterable<string>): void {
    if (!this.#dirty) return; // the first round compares everything anyway
    for (const key of keys) this.#dirty.add(key);
  }

  /** How many records changed here wait to be written to the folder; undefined before the first comparison. */
  pendingCount(): number | undefined {
    if (!this.#dirty) return undefined;
    let count = 0;
    for (const key of this.#dirty) if (this.#isPending(key)) count += 1;
    return count;
  }

  /** Whether an attachment's bytes are still to arrive from this folder (shown as not yet available). */
  awaits(sha256: string): boolean {
    return this.#blobs?.awaits(sha256) ?? false;
  }

  /** Problems with files of other installations that the user should hear of. */
  problems(): ReportedProblem[] {
    const now = this.#now();
    return Object.entries(this.#state.problems)
      .filter(([, p]) => !p.transient || now - p.firstSeenAt >= this.#grace)
      .map(([file, p]) => ({ file, code: p.code, ...(p.params ? { params: p.params } : {}) }));
  }

  /**
   * One round: merge what is new from the others, then write what changed
   * here. Throws a KbError when the folder cannot be reached
   * (syncFolderUnreachable) or written (syncWriteFailed); what was merged
   * before stays merged, what was not written stays pending.
   */
  async round(): Promise<RoundResult> {
    const folder = this.connection.folder;
    try {
      const info = await this.#fs.stat(folder);
      if (!info.isDirectory()) throw new Error('not a folder');
    } catch (error) {
      throw new KbError('syncFolderUnreachable', (error as Error).message, { params: { folder } });
    }
    if (!this.#dirty) await this.#compareAll();
    this.#blobs?.startRound();
    const result: RoundResult = { merged: 0, changed: 0 };
    const root = syncRoot(folder);
    let entries: Dirent[] = [];
    try {
      entries = await this.#fs.readdir(root, { withFileTypes: true });
    } catch (error) {
      if (!isNotFound(error))
        throw new KbError('syncFolderUnreachable', (error as Error).message, { params: { folder } });
    }
    this.foreignFiles = 0;
    for (const entry of entries) {
      if (entry.name === this.#installationId) continue;
      if (!entry.isDirectory() || !isInstallationFolder(entry.name)) {
        this.foreignFiles += 1;
        continue;
      }
      await this.#readPeer(entry.name, result);
    }
    this.#forgetVanishedProblems(new Set(entries.map((e) => e.name)));
    try {
      if (this.#blobs) result.fetched = await this.#exchangeBlobs(this.#blobs);
      const wrote = await this.#write();
      if (wrote) result.wrote = wrote;
    } finally {
      // Once per round, and only when something changed: each save costs two fsyncs.
      await this.#saveState();
    }
    return result;
  }

  // --- Reading the others' files.

  async #readPeer(peer: string, result: RoundResult): Promise<void> {
    const dir = path.join(syncRoot(this.connection.folder), peer);
    let names: string[];
    try {
      names = await this.#fs.readdir(dir);
    } catch {
      return; // vanished or unreadable for now: next round
    }
    const files = new Map<number, SyncFileName>();
    for (const name of names) {
      const parsed = parseSyncFileName(name);
      if (parsed) files.set(parsed.seq, parsed);
      else if (!isTempFileName(name) && name !== BLOBS_DIR) this.foreignFiles += 1;
    }
    const progress: PeerProgress = this.#state.peers[peer] ?? { through: 0, extra: [] };
    const extra = new Set(progress.extra);
    const covered = (seq: number) => seq <= progress.through || extra.has(seq);
    const settle = () => {
      // A checkpoint holds nothing its installation had not written before it: once everything before it is merged, so is it.
      while (covered(progress.through + 1) || files.get(progress.through + 1)?.kind === 'checkpoint') {
        progress.through += 1;
        extra.delete(progress.through);
      }
    };
    settle();
    const usable = (seq: number) => {
      const file = files.get(seq);
      if (!file) return false;
      const problem = this.#state.problems[`${peer}/${file.name}`];
      return !problem || problem.transient;
    };
    const checkpoints = [...files.values()].filter((f) => f.kind === 'checkpoint' && !covered(f.seq));
    const latest = checkpoints.sort((a, b) => b.seq - a.seq)[0];
    if (latest) {
      let gap = false;
      for (let seq = progress.through + 1; seq < latest.seq && !gap; seq++) gap = !covered(seq) && !usable(seq);
      if (gap && (await this.#readFile(peer, dir, latest, result))) {
        progress.through = Math.max(progress.through, latest.seq);
        for (const seq of extra) if (seq <= progress.through) extra.delete(seq);
      }
    }
    const changes = [...files.values()]
      .filter((f) => f.kind === 'change' && !covered(f.seq))
      .sort((a, b) => a.seq - b.seq);
    for (const file of changes) {
      if (await this.#readFile(peer, dir, file, result)) extra.add(file.seq);
    }
    settle();
    this.#state.peers[peer] = { through: progress.through, extra: [...extra].sort((a, b) => a - b) };
  }

  /** Merges one file; false if it could not be (recorded as a problem, or gone). */
  async #readFile(peer: string, dir: string, file: SyncFileName, result: RoundResult): Promise<boolean> {
    const id = `${peer}/${file.name}`;
    const full = path.join(dir, file.name);
    let size: number;
    let mtimeMs: number;
    try {
      ({ size, mtimeMs } = await this.#fs.stat(full));
    } catch (error) {
      if (!isNotFound(error)) this.#problem(id, { size: -1, mtimeMs: -1 }, readFailure(error));
      return false;
    }
    const known = this.#state.problems[id];
    // A broken file is set aside until it changes; an incomplete one is tried again.
    if (known && !known.transient && known.size === size && known.mtimeMs === mtimeMs) return false;
    let bytes: Uint8Array;
    try {
      if (size > MAX_SYNC_FILE_BYTES) throw new KbError('bundleTooLarge', `${size} bytes`);
      bytes = await this.#fs.readFile(full);
    } catch (error) {
      if (isNotFound(error)) return false; // removed by its writer after a checkpoint
      this.#problem(id, { size, mtimeMs }, error instanceof KbError ? error : readFailure(error));
      return false;
    }
    try {
      const merged = await mergeSyncFile(this.#ctx, bytes, { installationId: peer, fileName: id }, this.#merging);
      this.#blobs?.want(merged.bundle.content);
      // What the store now holds as the folder does is not ours to send there.
      if (this.#dirty) for (const entry of merged.inFolder) this.#dirty.delete(entry[0]);
      await this.#published.add(merged.inFolder);
      result.merged += 1;
      result.changed += merged.changed;
      delete this.#state.problems[id];
      return true;
    } catch (error) {
      // The local store failing to write is not the file's fault: the round stops, the file is tried again.
      if (!(error instanceof KbError) || error.code === 'storeWriteFailed') throw error;
      this.#problem(id, { size, mtimeMs }, error);
      return false;
    }
  }

  #problem(id: string, stat: { size: number; mtimeMs: number }, error: KbError): void {
    const previous = this.#state.problems[id];
    const transient = INCOMPLETE_CODES.has(error.code);
    const problem: FileProblem = {
      ...stat,
      code: error.code,
      ...(error.params ? { params: error.params } : {}),
      firstSeenAt: previous?.transient === transient ? previous.firstSeenAt : this.#now(),
      transient,
    };
    this.#state.problems[id] = problem;
  }

  /** Problems of files that are gone (a peer's folder removed) are no longer reported. */
  #forgetVanishedProblems(peers: Set<string>): void {
    for (const id of Object.keys(this.#state.problems)) {
      if (!peers.has(id.split('/')[0]!)) delete this.#state.problems[id];
    }
  }

  // --- Writing our own files.

  #isPending(key: string): boolean {
    const hash = currentHash(this.#ctx.store, key);
    return hash !== undefined && hash !== this.#published.hashes.get(key);
  }

  /**
   * After a start (or a crash) nothing is known of what changed: every
   * record is compared with what was published, in slices between which the
   * event loop turns. Changes made meanwhile are noted as they come.
   */
  async #compareAll(): Promise<void> {
    const dirty = new Set<string>();
    this.#dirty = dirty;
    let n = 0;
    for (const key of [...allTravellingKeys(this.#ctx.store)]) {
      if (this.#isPending(key)) dirty.add(key);
      if (++n % DIFF_SLICE === 0) await yieldToEventLoop();
    }
  }

  async #pendingKeys(): Promise<string[]> {
    const candidates = this.#dirty ?? new Set<string>();
    this.#dirty = new Set();
    const pending: string[] = [];
    let n = 0;
    for (const key of candidates) {
      if (this.#isPending(key)) pending.push(key);
      if (++n % DIFF_SLICE === 0) await yieldToEventLoop();
    }
    return pending;
  }

  async #write(): Promise<SyncFileName | undefined> {
    const pending = await this.#pendingKeys();
    if (pending.length === 0) return undefined;
    if (!this.#ctx.store.settings.user) {
      // Nothing is written before the user has said who they are: the files name who wrote them.
      for (const key of pending) this.#dirty!.add(key);
      return undefined;
    }
    try {
      return await this.#writePending(pending);
    } catch (error) {
      for (const key of pending) this.#dirty!.add(key); // stays pending for the next round
      if (error instanceof KbError) throw error;
      throw new KbError('syncWriteFailed', (error as Error).message, {
        params: { folder: this.connection.folder, reason: (error as NodeJS.ErrnoException).code ?? 'EIO' },
      });
    }
  }

  async #writePending(pending: string[]): Promise<SyncFileName> {
    const fs = this.#fs;
    const own = installationFolder(this.connection.folder, this.#installationId);
    await fs.mkdir(own, { recursive: true });
    if (!this.#ownFolderDurable) {
      // Our folder (and the app's folder above it) may be new: its name must survive a power cut before any
      // file in it counts as published, or the files would vanish with it while the log says they were sent.
      await syncDirectory(syncRoot(this.connection.folder), fs);
      await syncDirectory(this.connection.folder, fs);
      this.#ownFolderDurable = true;
    }
    const ownFiles: (SyncFileName & { size: number })[] = [];
    const listed = new Set(await fs.readdir(own));
    for (const name of this.#ownSizes.keys()) if (!listed.has(name)) this.#ownSizes.delete(name);
    for (const name of listed) {
      const parsed = parseSyncFileName(name);
      // Our complete files never change: each is measured once.
      if (parsed) ownFiles.push({ ...parsed, size: await this.#ownSize(own, name) });
      // A temp file of ours is left only by a crash mid-write: rounds never overlap, so none is being written now.
      else if (isTempFileName(name)) await fs.rm(path.join(own, name), { force: true });
    }
    const options = this.#outgoingOptions();

    // Every change made here travels in a change file; a checkpoint only ever follows one.
    const seq = Math.max(this.#state.seq, ...ownFiles.map((f) => f.seq)) + 1;
    const change: SyncFileName = { kind: 'change', seq, name: syncFileName('change', seq) };
    const prepared = changeFile(this.#ctx.store, pending, options);
    await this.#blobs?.publish(prepared.content); // the bytes before the file that names them
    // Hashes of what goes out, taken now: the records are the store's own and are never changed in place.
    const sent = publishedEntries(prepared);
    const sentKeys = new Set(sent.map(([key]) => key));
    // Records the selection keeps from this folder count as published as they are: they are not sent later unless they change.
    const held = pending
      .filter((key) => !sentKeys.has(key))
      .map((key): [string, string] => [key, currentHash(this.#ctx.store, key)!]);
    await writeFileDurably(path.join(own, change.name), prepared.pieces, fs);
    // Saved with the state at the end of the round; until then the file itself, durable in our folder, says it is taken.
    this.#state.seq = seq;
    await this.#published.add([...sent, ...held]);
    ownFiles.push({ ...change, size: await this.#ownSize(own, change.name) });

    const lastCheckpoint = ownFiles.filter((f) => f.kind === 'checkpoint').sort((a, b) => b.seq - a.seq)[0];
    const changeBytes = ownFiles
      .filter((f) => f.kind === 'change' && f.seq > (lastCheckpoint?.seq ?? 0))
      .reduce((sum, f) => sum + f.size, 0);
    if (changeBytes <= Math.max(lastCheckpoint?.size ?? 0, this.#checkpointBytes)) return change;
    await this.#checkpoint(own, seq + 1, options, ownFiles);
    return { kind: 'checkpoint', seq: seq + 1, name: syncFileName('checkpoint', seq + 1) };
  }

  /**
   * Everything the folder's selection holds, in one file, after which our
   * older files go. A reader that has merged all our files before it may
   * skip it: what it holds of ours is in those files, or (a change made
   * while it was written) still pending here for the next change file, which
   * is why its records are not counted as published.
   */
  async #checkpoint(own: string, seq: number, options: OutgoingOptions, older: readonly SyncFileName[]): Promise<void> {
    const prepared = checkpointFile(this.#ctx.store, options);
    await this.#blobs?.publish(prepared.content);
    await writeFileDurably(path.join(own, syncFileName('checkpoint', seq)), prepared.pieces, this.#fs);
    this.#state.seq = seq;
    await this.#saveState();
    await this.#published.compact();
    for (const file of older) await this.#fs.rm(path.join(own, file.name), { force: true }).catch(() => undefined);
    await this.#blobs?.prune(prepared.content).catch(() => undefined); // tried again after the next checkpoint
  }

  #outgoingOptions(): OutgoingOptions {
    const user = this.#ctx.identity.author();
    return {
      exportedAt: this.#ctx.clock.now(),
      exportedBy: { installationId: this.#installationId, organisationId: user.organisationId, name: user.name },
      ...(this.connection.selection ? { selection: this.connection.selection } : {}),
    };
  }

  /**
   * Fetches the attachments merged records name, publishes what is owed,
   * and once after a start makes sure what we publish here has its bytes in
   * the folder. A folder that cannot be written fails the round like a change file.
   */
  async #exchangeBlobs(blobs: FolderBlobs): Promise<number> {
    try {
      const fetched = await blobs.exchange();
      if (!this.#blobsHealed && this.#ctx.store.settings.user) {
        await blobs.heal(checkpointFile(this.#ctx.store, this.#outgoingOptions()).content);
        this.#blobsHealed = true;
      }
      return fetched;
    } catch (error) {
      if (error instanceof KbError) throw error;
      throw new KbError('syncWriteFailed', (error as Error).message, {
        params: { folder: this.connection.folder, reason: (error as NodeJS.ErrnoException).code ?? 'EIO' },
      });
    }
  }

  async #ownSize(own: string, name: string): Promise<number> {
    let size = this.#ownSizes.get(name);
    if (size === undefined) {
      size = (await this.#fs.stat(path.join(own, name))).size;
      this.#ownSizes.set(name, size);
    }
    return size;
  }

  async #saveState(): Promise<void> {
    const text = JSON.stringify(this.#state);
    if (text === this.#savedState) return;
    await writeState(this.#stateFile, this.#state, this.#fs);
    this.#savedState = text;
  }
}

function readFailure(error: unknown): KbError {
  return new KbError('fileReadFailed', (error as Error).message, {
    params: { reason: (error as NodeJS.ErrnoException).code ?? 'EIO' },
  });
}
