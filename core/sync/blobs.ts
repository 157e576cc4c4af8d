/**
 * Attachments through a shared folder. Records travel in change files; the
 * bytes they name travel beside them as content-addressed files:
 *
 *   twinning-kb-sync/<installation id>/blobs/<sha256>
 *
 * Each installation writes only in its own folder, as with its change files
 * (temp name, flush, rename; never rewritten), and only bytes that no
 * installation's folder holds yet: the same photo is in the folder once,
 * whoever attached it. Before a change file goes out, the bytes of every
 * attachment its records name are published (so the folder's selection
 * decides which attachments go there, too).
 *
 * Reading is hostile ground like a bundle: bytes are fetched into the local
 * store only when they hash to their name and their content is of an accepted
 * type (the checks of a container import); anything else is set aside and
 * reported, never stored. A record whose bytes have not arrived yet is merged
 * anyway; its attachment waits ("not yet available") and is fetched in a
 * later round. Bytes shorter than the record says are still being copied and
 * retried quietly. After a checkpoint an installation removes its own bytes
 * that neither the checkpoint nor any record here names; an installation that
 * finds bytes its own files name gone from the folder publishes them again.
 */
import path from 'node:path';
import type { BundleContent } from '../../shared/bundle';
import { ATTACHMENT_OWNERS, MAX_ATTACHMENT_BYTES } from '../../shared/attachments';
import type { BlobStore } from '../attachments/blob-store';
import { megabytes } from '../attachments/blob-store';
import { copyFileDurably, removeTempFiles } from '../base/durable-write';
import { KbError } from '../base/errors';
import { isNotFound, namesIn, type FileSystem } from '../base/file-system';
import type { Store } from '../store/store';
import { BLOBS_DIR, blobsFolder, isBlobName, isInstallationFolder, syncRoot } from './layout';
import type { FileProblem } from './sync-state';

const CHUNK = 1 << 20;

/** How the folder's problem list is kept (by FolderSync, with the problems of change files). */
export interface BlobProblems {
  known(id: string): FileProblem | undefined;
  report(id: string, stat: { size: number; mtimeMs: number }, error: KbError): void;
  clear(id: string): void;
  /** Forgets the passing problems (still being copied) of every copy of these bytes: they are here now. */
  clearBytes(sha256: string): void;
}

type Attached = { attachments?: readonly { sha256: string; size: number; name: string }[] } | undefined;
/** What a record says of an attachment's bytes: their size, and a name for messages. */
type Named = { size: number; name: string };

/** Every attachment the records of a bundle name (in the trash and in conflict too), with the size they say it has. */
export function attachmentsNamedBy(content: BundleContent): Map<string, Named> {
  const named = new Map<string, Named>();
  const add = (record: Attached) => {
    for (const a of record?.attachments ?? []) named.set(a.sha256, { size: a.size, name: a.name });
  };
  for (const kind of ATTACHMENT_OWNERS) for (const record of content[kind]) add(record);
  for (const { record } of content.tombstones) add(record as Attached);
  for (const { record } of content.conflicts) add(record as Attached);
  return named;
}

/** Every attachment the records here name, wherever they are kept (for bytes to fetch, and bytes not to prune). */
function attachmentsNamedHere(store: Store): Map<string, Named> {
  const named = new Map<string, Named>();
  const add = (record: Attached) => {
    for (const a of record?.attachments ?? []) named.set(a.sha256, { size: a.size, name: a.name });
  };
  for (const kind of ATTACHMENT_OWNERS) for (const record of store.all(kind)) add(record);
  for (const { record } of store.all('conflicts')) add(record as Attached);
  for (const { record } of store.all('revisions')) add(record as Attached);
  return named;
}

export class FolderBlobs {
  readonly #local: BlobStore;
  readonly #store: Store;
  readonly #fs: FileSystem;
  readonly #folder: string;
  readonly #installationId: string;
  readonly #problems: BlobProblems;
  /** Which installations' folders hold which bytes, listed once per round when needed. */
  #listing: Map<string, string[]> | undefined;
  /** Bytes that records here name and that are not here, with the size the records say. */
  readonly #wanted = new Map<string, Named>();
  /** Bytes our files name that no folder holds and that are not here either (yet): published once they are. */
  readonly #owed = new Set<string>();

  constructor(
    local: BlobStore,
    store: Store,
    fs: FileSystem,
    sharedFolder: string,
    installationId: string,
    problems: BlobProblems,
  ) {
    this.#local = local;
    this.#store = store;
    this.#fs = fs;
    this.#folder = sharedFolder;
    this.#installationId = installationId;
    this.#problems = problems;
    // After a start nothing is known of what is missing: every attachment named here is looked at in the first round.
    for (const [hash, named] of attachmentsNamedHere(store)) this.#wanted.set(hash, named);
  }

  /** Whether these bytes are waiting to arrive from the folder (rather than lost). */
  awaits(sha256: string): boolean {
    return this.#wanted.has(sha256);
  }

  /** A new round: the folder may have changed since the last listing. */
  startRound(): void {
    this.#listing = undefined;
  }

  /** The attachments a merged file names: fetched in this round if they are not here. */
  want(content: BundleContent): void {
    for (const [hash, named] of attachmentsNamedBy(content)) this.#wanted.set(hash, named);
  }

  /**
   * Fetches the wanted bytes that some installation's folder holds, and
   * publishes owed bytes that have arrived here meanwhile. Throws only when
   * the local store cannot be written (storeWriteFailed) or the folder not
   * (a write error): the round then stops, as for a change file.
   */
  async exchange(): Promise<number> {
    let fetched = 0;
    for (const [hash, named] of [...this.#wanted]) {
      if (await this.#hereWhole(hash, named.size)) {
        this.#wanted.delete(hash);
        this.#problems.clearBytes(hash);
        continue;
      }
      for (const peer of (await this.#holders()).get(hash) ?? []) {
        if (await this.#fetch(peer, hash, named)) {
          this.#wanted.delete(hash);
          this.#problems.clearBytes(hash);
          fetched += 1;
          break;
        }
      }
    }
    for (const hash of [...this.#owed]) await this.#publishOne(hash);
    return fetched;
  }

  /**
   * Once after a start: our temp files left by a crash go, and every
   * attachment that what we publish to this folder names (`content`, the
   * selection's records) is made sure to be in the folder.
   */
  async heal(content: BundleContent): Promise<void> {
    await removeTempFiles(blobsFolder(this.#folder, this.#installationId), this.#fs);
    await this.publish(content);
  }

  /** Publishes the bytes of every attachment `content` names that no folder holds yet; before the file naming them. */
  async publish(content: BundleContent): Promise<void> {
    for (const hash of attachmentsNamedBy(content).keys()) await this.#publishOne(hash);
  }

  /**
   * After a checkpoint: removes our own bytes that neither the checkpoint nor
   * any record here names (another installation naming them will have merged
   * here, unless purged here; then it publishes them again itself).
   */
  async prune(checkpoint: BundleContent): Promise<void> {
    const keep = new Set([...attachmentsNamedBy(checkpoint).keys(), ...attachmentsNamedHere(this.#store).keys()]);
    const own = blobsFolder(this.#folder, this.#installationId);
    for (const name of await namesIn(own, this.#fs)) {
      if (!isBlobName(name) || keep.has(name)) continue;
      await this.#fs.rm(path.join(own, name), { force: true });
      this.#listing?.delete(name);
    }
  }

  async #publishOne(hash: string): Promise<void> {
    const holders = await this.#holders();
    if (holders.get(hash)?.length) {
      this.#owed.delete(hash);
      return;
    }
    // Never bytes that are not whole here: those are published once they have arrived.
    if ((await this.#local.health(hash)) !== 'ok') {
      this.#owed.add(hash);
      return;
    }
    const own = blobsFolder(this.#folder, this.#installationId);
    await this.#fs.mkdir(own, { recursive: true });
    await copyFileDurably(this.#local.pathOf(hash), path.join(own, hash), this.#fs);
    holders.set(hash, [this.#installationId]);
    this.#owed.delete(hash);
  }

  /** Fetches `hash` from `peer`'s folder; false if it is not there, not complete yet, or refused (then reported). */
  async #fetch(peer: string, hash: string, { size, name }: Named): Promise<boolean> {
    const id = `${peer}/${BLOBS_DIR}/${hash}`;
    const file = path.join(syncRoot(this.#folder), peer, BLOBS_DIR, hash);
    let stat: { size: number; mtimeMs: number };
    try {
      const found = await this.#fs.stat(file);
      stat = { size: found.size, mtimeMs: found.mtimeMs };
    } catch (error) {
      if (isNotFound(error))
        this.#problems.clear(id); // gone (pruned by its writer): nothing to report
      else this.#problems.report(id, { size: -1, mtimeMs: -1 }, readFailure(error));
      return false;
    }
    const known = this.#problems.known(id);
    // Refused bytes are set aside until they change.
    if (known && !known.transient && known.size === stat.size && known.mtimeMs === stat.mtimeMs) return false;
    const limitMB = megabytes(MAX_ATTACHMENT_BYTES);
    if (stat.size > MAX_ATTACHMENT_BYTES) {
      this.#problems.report(id, stat, refusal('syncAttachmentRefused', name, { limitMB }));
      return false;
    }
    if (stat.size < size) {
      this.#problems.report(id, stat, refusal('syncAttachmentIncomplete', name));
      return false;
    }
    try {
      await this.#local.addExpected(hash, this.#pieces(file), MAX_ATTACHMENT_BYTES, id);
    } catch (error) {
      if (!(error instanceof KbError) || error.code === 'storeWriteFailed') throw error;
      const code =
        error.code === 'fileReadFailed'
          ? error
          : error.code === 'attachmentDamaged'
            ? refusal('syncAttachmentDamaged', name)
            : refusal('syncAttachmentRefused', name, { limitMB });
      this.#problems.report(id, stat, code);
      return false;
    }
    this.#local.release([hash]); // named by a record here already
    this.#problems.clear(id);
    return true;
  }

  /** Whether bytes of the size the records say are here (a cheap look: the bytes are checked whenever shown). */
  async #hereWhole(hash: string, size: number): Promise<boolean> {
    try {
      return (await this.#local.size(hash)) === size;
    } catch {
      return false;
    }
  }

  /** The bytes of a file in the folder, piece by piece; a read failure is the folder's, not the local store's. */
  async *#pieces(file: string): AsyncGenerator<Uint8Array> {
    let handle;
    try {
      handle = await this.#fs.open(file, 'r');
    } catch (error) {
      throw readFailure(error);
    }
    try {
      const buffer = new Uint8Array(CHUNK);
      for (;;) {
        let bytesRead: number;
        try {
          ({ bytesRead } = await handle.read(buffer, 0, CHUNK, null));
        } catch (error) {
          throw readFailure(error);
        }
        if (bytesRead === 0) return;
        yield buffer.subarray(0, bytesRead);
      }
    } finally {
      await handle.close();
    }
  }

  /** Which installations' folders hold which bytes (our own included). */
  async #holders(): Promise<Map<string, string[]>> {
    if (this.#listing) return this.#listing;
    const listing = new Map<string, string[]>();
    let peers: string[] = [];
    try {
      peers = (await this.#fs.readdir(syncRoot(this.#folder))).filter(isInstallationFolder);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    for (const peer of peers) {
      let names: string[];
      try {
        names = await this.#fs.readdir(path.join(syncRoot(this.#folder), peer, BLOBS_DIR));
      } catch {
        continue; // none, or unreadable for now
      }
      for (const name of names) if (isBlobName(name)) listing.set(name, [...(listing.get(name) ?? []), peer]);
    }
    this.#listing = listing;
    return listing;
  }
}

function refusal(
  code: 'syncAttachmentIncomplete' | 'syncAttachmentDamaged' | 'syncAttachmentRefused',
  file: string,
  extra = {},
) {
  return new KbError(code, file, { params: { file, ...extra } });
}

function readFailure(error: unknown): KbError {
  return new KbError('fileReadFailed', (error as Error).message, {
    params: { reason: (error as NodeJS.ErrnoException).code ?? 'EIO' },
  });
}
