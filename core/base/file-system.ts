/**
 * The file-system seam of the storage engine. Everything the engine does on
 * disk goes through one `FileSystem` value, so tests can inject failures
 * (disk full, read-only folder, a crash half-way through a write) without
 * needing a real broken disk.
 */
import * as fsp from 'node:fs/promises';

export interface FileSystem {
  open: typeof fsp.open;
  readFile: typeof fsp.readFile;
  readdir: typeof fsp.readdir;
  rename: typeof fsp.rename;
  rm: typeof fsp.rm;
  mkdir: typeof fsp.mkdir;
  truncate: typeof fsp.truncate;
  copyFile: typeof fsp.copyFile;
  stat: typeof fsp.stat;
}

export const nodeFileSystem: FileSystem = {
  open: fsp.open,
  readFile: fsp.readFile,
  readdir: fsp.readdir,
  rename: fsp.rename,
  rm: fsp.rm,
  mkdir: fsp.mkdir,
  truncate: fsp.truncate,
  copyFile: fsp.copyFile,
  stat: fsp.stat,
};

/** Makes renames and new files in `dir` durable. Windows cannot open a folder for fsync; there the rename is what we get. */
export async function syncDirectory(dir: string, fs: FileSystem = nodeFileSystem): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/** The names in folder `dir`; none when the folder does not exist (yet). */
export async function namesIn(dir: string, fs: FileSystem = nodeFileSystem): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
}
