/** Damage found in a store file, as opposed to an I/O error: damaged files are set aside, I/O errors are reported. */
import path from 'node:path';
import { syncDirectory, type FileSystem } from '../base/file-system';

export class DamageError extends Error {
  constructor(file: string, reason: string, options?: ErrorOptions) {
    super(`${path.basename(file)}: ${reason}`, options);
    this.name = 'DamageError';
  }
}

/**
 * Moves `files` (all of one store: they are only meaningful together) into a
 * new folder `damaged-<time>` inside `dir`, untouched, and returns the folder.
 * Nothing is ever deleted: someone may want to rescue what is in there.
 */
export async function setAside(dir: string, files: readonly string[], now: Date, fs: FileSystem): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let target = path.join(dir, `damaged-${stamp}`);
  for (let n = 2; await exists(target, fs); n++) target = path.join(dir, `damaged-${stamp}-${n}`);
  await fs.mkdir(target);
  for (const file of files) await fs.rename(file, path.join(target, path.basename(file)));
  await syncDirectory(target, fs);
  await syncDirectory(dir, fs);
  return target;
}

async function exists(file: string, fs: FileSystem): Promise<boolean> {
  try {
    await fs.stat(file);
    return true;
  } catch {
    return false;
  }
}
