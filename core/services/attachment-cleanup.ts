/**
 * Removing attachment bytes nothing names any more: after practices are
 * purged from the trash, document drafts are discarded, or a container
 * import fails half-way, their bytes would otherwise stay in the store
 * folder for ever. A mark and sweep: the mark is every attachment any record
 * names — current, in the trash, removed but restorable, in a revision, in a
 * version waiting in conflict, in what undoing the last import would bring
 * back — and, for what is left, every backup of the store (a recovery may
 * bring its records back). The sweep removes only bytes outside the mark,
 * not held by a write about to name them, and older than a grace period.
 * It runs in the background after start and a little after records were
 * deleted; it never removes anything a record could still show.
 */
import { open, readdir } from 'node:fs/promises';
import path from 'node:path';
import { ATTACHMENT_OWNERS } from '../../shared/attachments';
import type { BlobStore } from '../attachments/blob-store';
import type { Change, Store } from '../store/store';
import type { KbContext } from '../write/context';

/** Bytes written more recently than this are left alone (a write may be about to name them). */
export const CLEANUP_GRACE_MS = 10 * 60_000;
/** How long after records were deleted the cleanup runs, so a burst of deletions costs one sweep. */
const DEBOUNCE_MS = 5_000;
const HASH = /[0-9a-f]{64}/g;
const CHUNK = 1 << 20;

export interface CleanupOptions {
  /** The folder of the store's backups; without one, no backup is consulted (a store in memory). */
  backupsDir?: string;
  graceMs?: number;
  /** Milliseconds since the epoch; tests pass their own. */
  now?: () => number;
  /** Whether sweeps start by themselves (after start and deletions); tests call sweep(). */
  background?: boolean;
  /** How long after records were deleted the sweep starts (tests make it short). */
  debounceMs?: number;
}

export interface SweepResult {
  /** The hashes whose bytes were removed. */
  removed: string[];
  /** Unnamed by any record, but kept: held, too young, or named by a backup. */
  kept: number;
}

type Attached = { attachments?: readonly { sha256: string }[] } | undefined;
const OWNERS: readonly string[] = ATTACHMENT_OWNERS;
/** Collections whose deletions may leave bytes unnamed. */
const FREEING = new Set([...ATTACHMENT_OWNERS, 'revisions', 'conflicts', 'imports']);

/** Every attachment hash a record of the store names, wherever the record is kept. */
export function referencedAttachments(store: Store): Set<string> {
  const found = new Set<string>();
  const add = (record: Attached) => {
    for (const attachment of record?.attachments ?? []) found.add(attachment.sha256);
  };
  for (const kind of ATTACHMENT_OWNERS) for (const record of store.all(kind)) add(record);
  for (const revision of store.all('revisions'))
    if (OWNERS.includes(revision.collection)) add(revision.record as Attached);
  for (const conflict of store.all('conflicts'))
    if (OWNERS.includes(conflict.collection)) add(conflict.record as Attached);
  // What undoing an import would bring back: records, revisions and conflicts as they were.
  for (const entry of store.all('imports')) {
    for (const step of entry.undo) {
      const before = step.before as (Attached & { record?: Attached }) | undefined;
      add(before);
      add(before?.record);
    }
  }
  return found;
}

export class AttachmentCleanup {
  readonly #store: Store;
  readonly #blobs: BlobStore;
  readonly #options: CleanupOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<SweepResult> | undefined;
  #closed = false;

  constructor(ctx: KbContext, blobs: BlobStore, options: CleanupOptions = {}) {
    this.#store = ctx.store;
    this.#blobs = blobs;
    this.#options = options;
    ctx.writer.onApplied((changes) => {
      if (changes.some(frees)) this.schedule(options.debounceMs ?? DEBOUNCE_MS);
    });
  }

  /** Starts a sweep in the background after `delayMs`, unless background sweeps are off. */
  schedule(delayMs = 0): void {
    if (!this.#options.background || this.#closed || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.sweep().catch(() => undefined); // tried again after the next deletion or start
    }, delayMs);
    this.#timer.unref();
  }

  /** One sweep; a sweep asked for while one runs joins it. */
  sweep(): Promise<SweepResult> {
    this.#running ??= this.#sweep().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Stops scheduled sweeps and waits for a running one. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => undefined);
  }

  async #sweep(): Promise<SweepResult> {
    const now = (this.#options.now ?? Date.now)();
    const grace = this.#options.graceMs ?? CLEANUP_GRACE_MS;
    const stored = await this.#blobs.list();
    let named = referencedAttachments(this.#store);
    const candidates = new Set(
      stored
        .filter((b) => !named.has(b.sha256) && !this.#blobs.isHeld(b.sha256) && now - b.mtimeMs >= grace)
        .map((b) => b.sha256),
    );
    const unnamed = stored.filter((b) => !named.has(b.sha256)).length;
    if (candidates.size > 0) for (const hash of await this.#namedByBackups(candidates)) candidates.delete(hash);
    const removed: string[] = [];
    if (candidates.size > 0) {
      // The store may have changed while the backups were read: the mark is taken again, just before removing.
      named = referencedAttachments(this.#store);
      for (const hash of candidates) {
        if (this.#closed) break;
        if (!named.has(hash) && (await this.#blobs.remove(hash))) removed.push(hash);
      }
    }
    return { removed, kept: unnamed - removed.length };
  }

  /** Which of `candidates` some backup of the store names (read in pieces, never whole). */
  async #namedByBackups(candidates: ReadonlySet<string>): Promise<Set<string>> {
    const found = new Set<string>();
    const dir = this.#options.backupsDir;
    if (!dir) return found;
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return found; // no backups yet
    }
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const handle = await open(path.join(dir, name), 'r');
      try {
        const buffer = Buffer.alloc(CHUNK);
        let carry = '';
        for (;;) {
          const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
          if (bytesRead === 0) break;
          // Hashes are ASCII: latin1 keeps one character per byte, and the carry joins a hash cut between pieces.
          const text = carry + buffer.toString('latin1', 0, bytesRead);
          for (const match of text.matchAll(HASH)) if (candidates.has(match[0])) found.add(match[0]);
          carry = text.slice(-63);
        }
      } finally {
        await handle.close();
      }
      if (found.size === candidates.size) break;
    }
    return found;
  }
}

const frees = (change: Change): boolean =>
  (change.op === 'delete' && FREEING.has(change.collection)) ||
  (change.op === 'put' && change.collection === 'imports');
