/**
 * A lowdb adapter that writes JSON durably. lowdb's own writer (steno) renames
 * a temp file into place but never fsyncs, so a power cut can leave an empty
 * store. Here a write is: temp file, fsync, rename, fsync of the folder.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';

export class DurableJsonFile<T> implements Adapter<T> {
  readonly file: string;
  /** Writes run one after another so a slow write is never overtaken by a later one. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(file: string) {
    this.file = file;
  }

  /** null when the file does not exist; throws SyntaxError on damaged JSON. */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
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
    const run = this.#queue.then(() => writeFileDurably(this.file, text));
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

export async function writeFileDurably(file: string, text: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(path.dirname(file));
}

/** Makes a rename durable. Windows cannot open a directory for fsync; there the rename is what we get. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
