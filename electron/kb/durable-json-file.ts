/**
 * Durable whole-file writes, and a lowdb adapter built on them. lowdb's own
 * writer (steno) renames a temp file into place but never fsyncs, so a power
 * cut can leave an empty store. Here a write is: temp file, fsync, rename,
 * fsync of the folder. Readers therefore see the old file or the new one,
 * never a mix, before and after a crash.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import { isNotFound, nodeFileSystem, syncDirectory, type FileSystem } from './storage/file-system';

export class DurableJsonFile<T> implements Adapter<T> {
  readonly file: string;
  readonly #fs: FileSystem;
  /** Writes run one after another so a slow write is never overtaken by a later one. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(file: string, fs: FileSystem = nodeFileSystem) {
    this.file = file;
    this.#fs = fs;
  }

  /** null when the file does not exist; throws SyntaxError on damaged JSON. */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await this.#fs.readFile(this.file, 'utf8');
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    return JSON.parse(text) as T;
  }

  write(data: T): Promise<void> {
    let text: string;
    try {
      text = JSON.stringify(data); // a snapshot now, so later changes cannot slip into this write
    } catch (error) {
      return Promise.reject(error);
    }
    const run = this.#queue.then(() => writeFileDurably(this.file, text, this.#fs));
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

/** Big writes go out in pieces of about this many characters: memory stays flat and the event loop keeps turning. */
const CHUNK_CHARS = 1 << 20;

/**
 * Replaces `file` with `content` atomically and durably. `content` may be one
 * string (written as UTF-8), bytes, or a sequence of pieces produced while writing (a large snapshot is
 * never held as one string). On failure the old file is untouched and the
 * temp file removed.
 */
export async function writeFileDurably(
  file: string,
  content: string | Uint8Array | Iterable<string>,
  fs: FileSystem = nodeFileSystem,
): Promise<void> {
  const temp = tempNameFor(file);
  try {
    const handle = await fs.open(temp, 'wx');
    try {
      if (typeof content === 'string' || content instanceof Uint8Array) {
        await handle.writeFile(content);
      } else {
        let pending: string[] = [];
        let size = 0;
        for (const piece of content) {
          pending.push(piece);
          size += piece.length;
          if (size >= CHUNK_CHARS) {
            await handle.write(pending.join(''));
            pending = [];
            size = 0;
          }
        }
        if (size > 0) await handle.write(pending.join(''));
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(path.dirname(file), fs);
}

/** Copies `from` to `to` with the same guarantees as writeFileDurably. */
export async function copyFileDurably(from: string, to: string, fs: FileSystem = nodeFileSystem): Promise<void> {
  const temp = tempNameFor(to);
  try {
    await fs.copyFile(from, temp);
    const handle = await fs.open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, to);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(path.dirname(to), fs);
}

/** Temp files start with a dot and end in .tmp, so folder listings can tell them apart and clean them up. */
function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
}

export function isTempFileName(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp');
}
