/**
 * Syncing the knowledge base through shared folders, in the background: the
 * connections the user made (each with its own selection), a round per
 * folder on start, a few seconds after local changes, when the folder
 * changes and on a timer, with backoff while a folder cannot be reached;
 * what the status line shows; and what others added since the user last
 * looked ("new since your last visit"). Rounds run on the event loop in
 * small awaited steps and never hold up a request.
 */
import { randomUUID } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BundleSelection } from '../../shared/bundle';
import type { NewSince, NewSinceItem, SyncConnectionStatus, SyncStatus } from '../../shared/responses';
import { KbError } from '../base/errors';
import type { BlobStore } from '../attachments/blob-store';
import type { WorkerScript } from '../bundle/check-in-worker';
import type { FileSystem } from '../base/file-system';
import type { KbContext } from '../write/context';
import { FolderSync } from './folder-sync';
import { syncRoot } from './layout';
import { travellingKey } from './outgoing';
import { Connections, readState, writeState, type Connection } from './sync-state';

export interface SyncOptions {
  /** Where this installation keeps what it knows about its folders (inside the store's folder). */
  stateDir: string;
  /** Seconds between rounds when nothing else starts one. */
  intervalMs?: number;
  /** How long after a local change the round starts: changes of a few seconds' work travel in one file. */
  debounceMs?: number;
  /** The longest wait between attempts while a folder cannot be reached. */
  maxBackoffMs?: number;
  /** Whether to start rounds by themselves (timers, folder watching); tests drive rounds with syncNow. */
  background?: boolean;
  fs?: FileSystem;
  incompleteGraceMs?: number;
  checkpointBytes?: number;
  /** The local attachment store: attachments travel through the folders with their records. */
  blobs?: BlobStore;
  /** Where the bundle check's worker script is (see check-in-worker.ts); the app's build says. */
  worker?: WorkerScript;
  /** Files at least this large are checked on the worker thread (tests make it small). */
  workerMinBytes?: number;
  /**
   * Taken at the start of a round and released at its end: work that should
   * not share the thread with a round (the search index's rebuild after a
   * big merge) waits for it.
   */
  hold?: () => () => void;
}

interface Running {
  folder: FolderSync;
  state: SyncConnectionStatus['state'];
  lastSyncedAt?: string;
  error?: KbError;
  failures: number;
  timer?: NodeJS.Timeout;
  dueAt?: number;
  round?: Promise<void>;
  again: boolean;
  watcher?: FSWatcher;
}

export class Sync {
  readonly #ctx: KbContext;
  readonly #options: Required<
    Omit<SyncOptions, 'fs' | 'incompleteGraceMs' | 'checkpointBytes' | 'blobs' | 'hold' | 'worker' | 'workerMinBytes'>
  > &
    Pick<SyncOptions, 'fs' | 'incompleteGraceMs' | 'checkpointBytes' | 'blobs' | 'hold' | 'worker' | 'workerMinBytes'>;
  #config: Connections = { connections: [] };
  readonly #running = new Map<string, Running>();
  #closed = false;

  constructor(ctx: KbContext, options: SyncOptions) {
    this.#ctx = ctx;
    this.#options = {
      intervalMs: 60_000,
      debounceMs: 2_000,
      maxBackoffMs: 5 * 60_000,
      background: true,
      ...options,
    };
    ctx.writer.onApplied((changes) => {
      const keys: string[] = [];
      for (const change of changes) {
        if (change.op === 'settings') continue;
        const key = travellingKey(change.collection, change.op === 'put' ? change.record.id : change.id);
        if (key) keys.push(key);
      }
      if (keys.length === 0) return;
      for (const running of this.#running.values()) {
        running.folder.noteChanged(keys);
        this.#schedule(running, this.#options.debounceMs);
      }
    });
  }

  get #configFile(): string {
    return path.join(this.#options.stateDir, 'connections.json');
  }

  /** Loads the connections and starts their first rounds in the background. */
  async start(): Promise<void> {
    this.#config = await readState(this.#configFile, Connections, { connections: [] }, this.#options.fs);
    for (const connection of this.#config.connections) await this.#open(connection);
  }

  /** Connects to a shared folder (which must exist) with an optional selection of what goes there. */
  async connect(folder: string, selection?: BundleSelection): Promise<SyncStatus> {
    if (!this.#options.stateDir)
      throw new KbError('internal', 'this knowledge base has no folder to keep sync state in');
    const resolved = path.resolve(folder);
    try {
      if (!(await stat(resolved)).isDirectory()) throw new Error('not a folder');
    } catch (error) {
      throw new KbError('syncFolderUnreachable', (error as Error).message, { params: { folder: resolved } });
    }
    const existing = this.#config.connections.find((c) => path.resolve(c.folder) === resolved);
    if (existing) await this.disconnect(existing.id);
    const wanted = selection && (selection.topicIds?.length || selection.organisationIds?.length);
    const connection: Connection = {
      id: randomUUID().slice(0, 8),
      folder: resolved,
      ...(wanted
        ? {
            selection: {
              ...(selection.topicIds?.length ? { topicIds: selection.topicIds } : {}),
              ...(selection.organisationIds?.length ? { organisationIds: selection.organisationIds } : {}),
            },
          }
        : {}),
      connectedAt: this.#ctx.clock.now(),
    };
    this.#config = { ...this.#config, connections: [...this.#config.connections, connection] };
    await writeState(this.#configFile, this.#config, this.#options.fs);
    await this.#open(connection);
    return this.status();
  }

  /** Stops syncing with a folder. Everything merged stays here; nothing in the shared folder is touched. */
  async disconnect(id: string): Promise<SyncStatus> {
    const running = this.#running.get(id);
    if (!this.#config.connections.some((c) => c.id === id)) throw new KbError('syncNotConnected', id);
    this.#config = { ...this.#config, connections: this.#config.connections.filter((c) => c.id !== id) };
    await writeState(this.#configFile, this.#config, this.#options.fs);
    if (running) {
      this.#running.delete(id);
      this.#stop(running);
      await running.round;
    }
    await rm(path.join(this.#options.stateDir, id), { recursive: true, force: true });
    return this.status();
  }

  /**
   * Runs a round with every folder now and waits for them; then once more
   * with those that received, from another folder, what they should pass on.
   */
  async syncNow(): Promise<SyncStatus> {
    const all = [...this.#running.values()];
    for (const running of all) await this.#run(running);
    for (const running of all)
      if (running.state === 'synced' && running.folder.pendingCount()) await this.#run(running);
    return this.status();
  }

  status(): SyncStatus {
    return {
      connections: this.#config.connections.flatMap((connection) => {
        const running = this.#running.get(connection.id);
        if (!running) return [];
        const pending = running.folder.pendingCount();
        return [
          {
            id: connection.id,
            folder: connection.folder,
            ...(connection.selection ? { selection: connection.selection } : {}),
            state: running.state,
            ...(running.lastSyncedAt ? { lastSyncedAt: running.lastSyncedAt } : {}),
            ...(pending !== undefined ? { pending } : {}),
            ...(running.error ? { error: running.error.info } : {}),
            problems: running.folder.problems().map((p) => ({
              file: p.file,
              error: { code: p.code as KbError['code'], ...(p.params ? { params: p.params } : {}) },
            })),
            foreignFiles: running.folder.foreignFiles,
          },
        ];
      }),
    };
  }

  /** Whether an attachment's bytes are still to arrive from a connected folder (not yet available, rather than lost). */
  awaits(sha256: string): boolean {
    for (const running of this.#running.values()) if (running.folder.awaits(sha256)) return true;
    return false;
  }

  /** What others changed that arrived through a shared folder since the user last looked, newest first. */
  newSince(limit = 200): NewSince {
    const { store } = this.#ctx;
    const seenUntil = this.#config.seenUntil;
    const items: NewSinceItem[] = [];
    for (const origin of store.all('origins')) {
      if (!origin.importId.startsWith('sync-') || (seenUntil && origin.importedAt <= seenUntil)) continue;
      const item = describeChange(this.#ctx, origin.id, origin.exportedBy);
      if (item) items.push(item);
    }
    items.sort((a, b) => (a.changedAt < b.changedAt ? 1 : a.changedAt > b.changedAt ? -1 : 0));
    return { ...(seenUntil ? { seenUntil } : {}), items: items.slice(0, limit) };
  }

  /** The user has seen what is new: the list starts afresh. */
  async markSeen(): Promise<NewSince> {
    this.#config = { ...this.#config, seenUntil: this.#ctx.clock.now() };
    await writeState(this.#configFile, this.#config, this.#options.fs);
    return this.newSince();
  }

  /** Stops the timers and waits for running rounds. */
  async close(): Promise<void> {
    this.#closed = true;
    const rounds = [...this.#running.values()].map((running) => {
      this.#stop(running);
      return running.round;
    });
    await Promise.allSettled(rounds);
  }

  async #open(connection: Connection): Promise<void> {
    const folder = await FolderSync.open(this.#ctx, connection, path.join(this.#options.stateDir, connection.id), {
      ...(this.#options.fs ? { fs: this.#options.fs } : {}),
      ...(this.#options.incompleteGraceMs !== undefined ? { incompleteGraceMs: this.#options.incompleteGraceMs } : {}),
      ...(this.#options.checkpointBytes !== undefined ? { checkpointBytes: this.#options.checkpointBytes } : {}),
      ...(this.#options.blobs ? { blobs: this.#options.blobs } : {}),
      ...(this.#options.worker ? { worker: this.#options.worker } : {}),
      ...(this.#options.workerMinBytes !== undefined ? { workerMinBytes: this.#options.workerMinBytes } : {}),
    });
    const running: Running = { folder, state: 'starting', failures: 0, again: false };
    this.#running.set(connection.id, running);
    if (this.#options.background) {
      this.#watch(running);
      this.#schedule(running, 0);
    }
  }

  /** Starts a round in `delayMs` unless one is due sooner. */
  #schedule(running: Running, delayMs: number): void {
    if (this.#closed || !this.#options.background) return;
    const dueAt = Date.now() + delayMs;
    if (running.timer && running.dueAt !== undefined && running.dueAt <= dueAt) return;
    clearTimeout(running.timer);
    running.dueAt = dueAt;
    running.timer = setTimeout(() => {
      running.timer = undefined;
      running.dueAt = undefined;
      void this.#run(running);
    }, delayMs);
    running.timer.unref();
  }

  /** Watches the shared folder where the system allows it; the timer covers the rest (network drives often send nothing). */
  #watch(running: Running): void {
    try {
      running.watcher = watch(syncRoot(running.folder.connection.folder), { recursive: true }, () =>
        this.#schedule(running, 1_000),
      );
      running.watcher.on('error', () => running.watcher?.close());
      running.watcher.unref();
    } catch {
      // No sync folder yet, or no watching on this file system.
    }
  }

  #stop(running: Running): void {
    clearTimeout(running.timer);
    running.timer = undefined;
    running.watcher?.close();
  }

  /** One round at a time per folder; a request during a round runs one more after it. */
  #run(running: Running): Promise<void> {
    if (running.round) {
      running.again = true;
      return running.round;
    }
    running.round = (async () => {
      const release = this.#options.hold?.();
      do {
        running.again = false;
        running.state = 'syncing';
        try {
          await running.folder.round();
          running.state = 'synced';
          running.error = undefined;
          running.failures = 0;
          running.lastSyncedAt = this.#ctx.clock.now();
        } catch (error) {
          const kbError =
            error instanceof KbError ? error : new KbError('internal', (error as Error).message, { cause: error });
          running.error = kbError;
          running.state = kbError.code === 'syncFolderUnreachable' ? 'unreachable' : 'failed';
          running.failures += 1;
        }
      } while (running.again && !this.#closed);
      release?.();
      running.round = undefined;
      if (!running.watcher && running.state === 'synced') this.#watch(running);
      const backoff = Math.min(this.#options.maxBackoffMs, 5_000 * 2 ** (running.failures - 1));
      this.#schedule(running, running.failures > 0 ? backoff : this.#options.intervalMs);
    })();
    return running.round;
  }
}

/** A received change as the "new since" list shows it: practices and annotations, with who and when. */
function describeChange(
  ctx: KbContext,
  key: string,
  by: { name?: string; organisationId: string; installationId: string },
): NewSinceItem | undefined {
  const { store } = ctx;
  const colon = key.indexOf(':');
  const collection = key.slice(0, colon);
  const id = key.slice(colon + 1);
  const who = { ...(by.name ? { name: by.name } : {}), organisationId: by.organisationId };
  if (collection === 'practices') {
    const practice = store.get('practices', id);
    if (!practice || practice.changedBy === store.installationId) return undefined;
    return {
      collection,
      id,
      practiceId: id,
      label: {
        ...(practice.texts.de ? { de: practice.texts.de.title } : {}),
        ...(practice.texts.nl ? { nl: practice.texts.nl.title } : {}),
      },
      kind: practice.deletedAt ? 'deleted' : practice.createdAt === practice.updatedAt ? 'added' : 'changed',
      changedAt: practice.deletedAt ?? practice.updatedAt,
      by: who,
    };
  }
  if (collection === 'annotations') {
    const annotation = store.get('annotations', id);
    if (!annotation || annotation.changedBy === store.installationId) return undefined;
    const text = annotation.text.length > 120 ? `${annotation.text.slice(0, 119)}…` : annotation.text;
    return {
      collection,
      id,
      practiceId: annotation.practiceId,
      label: { [annotation.language]: text },
      kind: annotation.deletedAt ? 'deleted' : annotation.createdAt === annotation.updatedAt ? 'added' : 'changed',
      changedAt: annotation.deletedAt ?? annotation.updatedAt,
      by: who,
    };
  }
  return undefined;
}
