/**
 * Durable whole-file writes. lowdb's own writer (steno) renames a temp file
 * into place but never fsyncs, so a power cut can leave an empty store. Here
 * a write is: temp file, fsync, rename, fsync of the folder. Readers
 * therefore see the old file or the new one, never a mix, before and after a
 * crash. The store's snapshot adapter for lowdb is built on this.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { namesIn, nodeFileSystem, syncDirectory, type FileSystem } from './file-system';
import { utf8 } from './utf8';

/** Text pieces are gathered to about this many characters per write: memory stays flat and the event loop keeps turning. */
const CHUNK_CHARS = 1 << 20;

/**
 * Replaces `file` with `content` atomically and durably. `content` may be one
 * string (written as UTF-8), bytes, or a sequence of pieces produced while
 * writing (a large snapshot or bundle is never held whole). On failure the
 * old file is untouched and the temp file removed.
 */
export async function writeFileDurably(
  file: string,
  content: string | Uint8Array | Iterable<string> | Iterable<Uint8Array>,
  fs: FileSystem = nodeFileSystem,
): Promise<void> {
  await writeFileDurablyIf(file, content, undefined, fs);
}

/**
 * The same, but the new content, once written and flushed, is put in place
 * only if `commitIf` resolves true (else the temp file is removed, and the
 * old file stays): resolves whether it was. `commitIf` must not reject.
 */
export function writeFileDurablyIf(
  file: string,
  content: string | Uint8Array | Iterable<string> | Iterable<Uint8Array>,
  commitIf: Promise<boolean> | undefined,
  fs: FileSystem = nodeFileSystem,
): Promise<boolean> {
  return replaceDurably(
    file,
    fs,
    (temp) => fs.open(temp, 'wx'),
    (handle) =>
      typeof content === 'string' || content instanceof Uint8Array
        ? handle.writeFile(content)
        : writePieces(handle, content),
    commitIf,
  );
}

/** Copies `from` to `to` with the same guarantees as writeFileDurably. */
export async function copyFileDurably(from: string, to: string, fs: FileSystem = nodeFileSystem): Promise<void> {
  await replaceDurably(to, fs, async (temp) => {
    await fs.copyFile(from, temp);
    return fs.open(temp, 'r+');
  });
}

type Handle = Awaited<ReturnType<FileSystem['open']>>;

/**
 * What both share: a temp file beside `file` is made and opened by `create`,
 * filled by `fill`, fsync'd and renamed over `file`, then the folder is
 * fsync'd. On failure the temp file is removed and `file` is untouched.
 */
async function replaceDurably(
  file: string,
  fs: FileSystem,
  create: (temp: string) => Promise<Handle>,
  fill?: (handle: Handle) => Promise<void>,
  commitIf?: Promise<boolean>,
): Promise<boolean> {
  const temp = tempNameFor(file);
  try {
    const handle = await create(temp);
    try {
      await fill?.(handle);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (commitIf && !(await commitIf)) {
      await fs.rm(temp, { force: true });
      return false;
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(path.dirname(file), fs);
  return true;
}

/**
 * Byte pieces are written as they come, each while the next one is made
 * (the write runs on libuv's thread pool); text pieces are gathered first.
 */
async function writePieces(handle: Handle, pieces: Iterable<string> | Iterable<Uint8Array>): Promise<void> {
  let writing: Promise<unknown> = Promise.resolve();
  let text: string[] = [];
  let size = 0;
  try {
    for (const piece of pieces) {
      if (typeof piece === 'string') {
        text.push(piece);
        size += piece.length;
        if (size < CHUNK_CHARS) continue;
      }
      await writing;
      writing = writeAll(handle, typeof piece === 'string' ? utf8(text.join('')) : piece);
      text = [];
      size = 0;
    }
    await writing;
    if (size > 0) await writeAll(handle, utf8(text.join('')));
  } finally {
    await writing.catch(() => undefined); // a piece that failed to be made must not leave a write behind
  }
}

/** One write may take only part of the bytes (a disk filling up): write on until all are written, or it fails. */
async function writeAll(handle: Handle, bytes: Uint8Array): Promise<void> {
  for (let offset = 0; offset < bytes.length;) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    if (bytesWritten === 0) throw Object.assign(new Error('nothing could be written'), { code: 'EIO' });
    offset += bytesWritten;
  }
}

/** Temp files start with a dot and end in .tmp, so folder listings can tell them apart and clean them up. */
function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
}

export function isTempFileName(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp');
}

/** Removes the temp files a crash left in `folder` while writing there; a folder that does not exist has none. */
export async function removeTempFiles(folder: string, fs: FileSystem = nodeFileSystem): Promise<void> {
  for (const name of (await namesIn(folder, fs)).filter(isTempFileName))
    await fs.rm(path.join(folder, name), { force: true });
}
