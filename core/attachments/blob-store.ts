/**
 * The attachments' bytes, content-addressed in the store folder:
 *
 *     attachments/<sha256 of the bytes>
 *
 * Why this shape: the same photo attached twice, or arriving again in a
 * partner's bundle, is stored once; a file's name says what its bytes must
 * hash to, so damage is detected, never shown as if fine. Files are written
 * like the store's (temp file in the same folder, fsync, rename, folder
 * fsync), so a crash leaves a whole attachment or none, and are never
 * changed afterwards. Bytes no record names any more are removed only by the
 * cleanup (core/services/attachment-cleanup.ts), which asks `isHeld` first:
 * bytes just stored are held until the write that names them is done.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { AttachmentType, BytesHealth } from '../../shared/attachments';
import { AttachmentHash } from '../../shared/attachments';
import { removeTempFiles } from '../base/durable-write';
import { KbError } from '../base/errors';
import { isNotFound, namesIn, nodeFileSystem, syncDirectory, type FileSystem } from '../base/file-system';
import { attachmentTypeOfFile } from './content-type';

export const ATTACHMENTS_FOLDER = 'attachments';
const CHUNK = 1 << 20;

/** What storing some bytes found out about them. */
export interface StoredBlob {
  sha256: string;
  size: number;
  type: AttachmentType;
}

type Handle = Awaited<ReturnType<FileSystem['open']>>;

export class BlobStore {
  readonly folder: string;
  readonly #fs: FileSystem;
  /** Files verified against their hash, by name → `size:mtime` when verified: unchanged files are not hashed again. */
  readonly #verified = new Map<string, string>();
  /** Bytes stored for a write that has not named them yet, with how many such writes there are. */
  readonly #held = new Map<string, number>();
  /** Removals under way, by hash. */
  readonly #removals = new Map<string, Promise<void>>();

  constructor(storeDir: string, fs: FileSystem = nodeFileSystem) {
    this.folder = path.join(storeDir, ATTACHMENTS_FOLDER);
    this.#fs = fs;
  }

  /** Where the bytes of `sha256` live; throws on anything but a SHA-256 in hex (no path ever comes from outside). */
  pathOf(sha256: string): string {
    if (!AttachmentHash.safeParse(sha256).success)
      throw new KbError('invalidRequest', `not an attachment hash: ${sha256}`);
    return path.join(this.folder, sha256);
  }

  /**
   * Stores the content of the file at `source` (read in pieces, never whole).
   * `name` is used in messages. Refuses content of no accepted type, and
   * more than `limit` bytes. Bytes already stored are not stored again.
   */
  async addFile(source: string, name: string, limit: number): Promise<StoredBlob> {
    const input = await this.#fs.open(source, 'r');
    try {
      return await this.#add(name, limit, async (write) => {
        const buffer = new Uint8Array(CHUNK);
        for (;;) {
          const { bytesRead } = await input.read(buffer, 0, CHUNK, null);
          if (bytesRead === 0) return;
          await write(buffer.subarray(0, bytesRead));
        }
      });
    } finally {
      await input.close();
    }
  }

  /** Stores `bytes` (a drop or a paste) with the same checks as addFile. */
  addBytes(bytes: Uint8Array, name: string, limit: number): Promise<StoredBlob> {
    return this.#add(name, limit, async (write) => {
      for (let offset = 0; offset < bytes.length; offset += CHUNK) await write(bytes.subarray(offset, offset + CHUNK));
    });
  }

  /**
   * Stores bytes whose hash is known in advance (an attachment arriving in a
   * bundle container or from a shared folder), refusing them unless they hash
   * to `sha256`: then nothing is stored. `name` is for messages.
   */
  async addExpected(
    sha256: string,
    pieces: AsyncIterable<Uint8Array>,
    limit: number,
    name: string = sha256,
  ): Promise<StoredBlob> {
    return this.#add(
      name,
      limit,
      async (write) => {
        for await (const piece of pieces) await write(piece);
      },
      sha256,
    );
  }

  /** Whether the bytes of `sha256` are here and hash to it. Hashes a file again only when it changed since last checked. */
  async health(sha256: string): Promise<BytesHealth> {
    const file = this.pathOf(sha256);
    let stamp: string;
    try {
      const stat = await this.#fs.stat(file);
      stamp = `${stat.size}:${stat.mtimeMs}`;
    } catch (error) {
      if (isNotFound(error)) return 'missing';
      throw error;
    }
    if (this.#verified.get(sha256) === stamp) return 'ok';
    const ok = (await this.#hashOf(file)) === sha256;
    if (ok) this.#verified.set(sha256, stamp);
    else this.#verified.delete(sha256);
    return ok ? 'ok' : 'damaged';
  }

  /** The bytes of `sha256`, checked against the hash; `name` is for the message when they are missing or damaged. */
  async read(sha256: string, name: string): Promise<Uint8Array> {
    await this.require(sha256, name);
    return this.#fs.readFile(this.pathOf(sha256));
  }

  /** Throws attachmentMissing or attachmentDamaged unless the bytes are here and whole. */
  async require(sha256: string, name: string): Promise<void> {
    const health = await this.health(sha256);
    if (health === 'missing') throw new KbError('attachmentMissing', sha256, { params: { name } });
    if (health === 'damaged') throw new KbError('attachmentDamaged', sha256, { params: { name } });
  }

  /** The size of the stored bytes of `sha256`. */
  async size(sha256: string): Promise<number> {
    return (await this.#fs.stat(this.pathOf(sha256))).size;
  }

  /**
   * Bytes stored (or found stored) by a write are held until that write
   * calls `release`: the cleanup never removes held bytes. Document drafts
   * keep theirs held until the app closes.
   */
  isHeld(sha256: string): boolean {
    return (this.#held.get(sha256) ?? 0) > 0;
  }

  /** Holds bytes already stored for a write about to name them (storing bytes holds them too). */
  hold(hashes: Iterable<string>): void {
    for (const sha256 of hashes) this.#held.set(sha256, (this.#held.get(sha256) ?? 0) + 1);
  }

  /** Ends a hold on each of `hashes` (one per `hold`, or per store of those bytes). */
  release(hashes: Iterable<string>): void {
    for (const sha256 of hashes) {
      const count = (this.#held.get(sha256) ?? 0) - 1;
      if (count > 0) this.#held.set(sha256, count);
      else this.#held.delete(sha256);
    }
  }

  /** Every stored attachment file (named by a hash), with when it was last written. */
  async list(): Promise<{ sha256: string; mtimeMs: number }[]> {
    const names = await namesIn(this.folder, this.#fs);
    const found: { sha256: string; mtimeMs: number }[] = [];
    for (const name of names) {
      if (!AttachmentHash.safeParse(name).success) continue;
      try {
        found.push({ sha256: name, mtimeMs: (await this.#fs.stat(path.join(this.folder, name))).mtimeMs });
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
    return found;
  }

  /**
   * Removes the bytes of `sha256` unless they are held (the cleanup's
   * decision, taken just before). Storing the same bytes meanwhile waits for
   * the removal and then writes them afresh. Returns whether they were removed.
   */
  async remove(sha256: string): Promise<boolean> {
    const file = this.pathOf(sha256);
    if (this.isHeld(sha256) || this.#removals.has(sha256)) return false;
    this.#verified.delete(sha256);
    const removal = this.#fs.rm(file, { force: true });
    this.#removals.set(sha256, removal);
    try {
      await removal;
    } finally {
      this.#removals.delete(sha256);
    }
    return true;
  }

  /** Temp files left by a crash while an attachment was written. */
  removeLeftovers(): Promise<void> {
    return removeTempFiles(this.folder, this.#fs);
  }

  /**
   * Writes the pieces `fill` produces into a temp file, hashing as they go,
   * decides the type from the content, then renames the file to its hash
   * (durably) unless those bytes are already stored whole.
   */
  async #add(
    name: string,
    limit: number,
    fill: (write: (bytes: Uint8Array) => Promise<void>) => Promise<void>,
    expected?: string,
  ): Promise<StoredBlob> {
    await this.#fs.mkdir(this.folder, { recursive: true });
    const temp = path.join(this.folder, `.incoming-${process.pid}-${Math.random().toString(36).slice(2)}.tmp`);
    const hash = createHash('sha256');
    let size = 0;
    let sha256: string | undefined;
    try {
      const handle = await this.#fs.open(temp, 'wx');
      try {
        await fill(async (bytes) => {
          size += bytes.length;
          if (size > limit) throw tooLarge(name, size, limit);
          hash.update(bytes);
          await writeAll(handle, bytes);
        });
        await handle.sync();
      } finally {
        await handle.close();
      }
      sha256 = hash.digest('hex');
      if (expected !== undefined && sha256 !== expected)
        throw new KbError('attachmentDamaged', `${name} hashes to ${sha256}`, { params: { name } });
      // Held from here, so the cleanup leaves these bytes alone; a removal already under way is waited for.
      this.hold([sha256]);
      await this.#removals.get(sha256);
      const type = size > 0 ? await attachmentTypeOfFile(temp) : undefined;
      if (!type) throw new KbError('attachmentTypeRefused', name, { params: { name } });
      if ((await this.health(sha256)) === 'ok') {
        await this.#fs.rm(temp, { force: true }); // stored before: never twice
      } else {
        await this.#fs.rename(temp, this.pathOf(sha256)); // new, or replaces damaged bytes with good ones
        await syncDirectory(this.folder, this.#fs);
      }
      return { sha256, size, type };
    } catch (error) {
      if (sha256 !== undefined && (expected === undefined || sha256 === expected)) this.release([sha256]);
      await this.#fs.rm(temp, { force: true }).catch(() => undefined);
      if (error instanceof KbError) throw error;
      throw new KbError('storeWriteFailed', (error as Error).message, { cause: error });
    }
  }

  async #hashOf(file: string): Promise<string> {
    const hash = createHash('sha256');
    const handle = await this.#fs.open(file, 'r');
    try {
      const buffer = new Uint8Array(CHUNK);
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
        if (bytesRead === 0) break;
        hash.update(buffer.subarray(0, bytesRead));
      }
    } finally {
      await handle.close();
    }
    return hash.digest('hex');
  }
}

function tooLarge(name: string, size: number, limit: number): KbError {
  return new KbError('attachmentTooLarge', `${name}: more than ${limit} bytes`, {
    params: { name, sizeMB: megabytes(size), limitMB: megabytes(limit) },
  });
}

/** Megabytes with one decimal, for messages. */
export const megabytes = (bytes: number): number => Math.round((bytes / (1024 * 1024)) * 10) / 10;

async function writeAll(handle: Handle, bytes: Uint8Array): Promise<void> {
  for (let offset = 0; offset < bytes.length;) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    if (bytesWritten === 0) throw Object.assign(new Error('nothing could be written'), { code: 'EIO' });
    offset += bytesWritten;
  }
}
