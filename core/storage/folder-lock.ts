/**
 * One process per store folder. Two processes writing one store lose each
 * other's saves, and one that only opens it may take the other's temp files
 * for leftovers of a crash. Electron's single-instance lock covers neither a
 * second user session, a portable copy, a network drive, nor the command
 * line, so the engine locks the folder itself when a store opens.
 *
 * The lock is proper-lockfile's: a folder `<name>.lock` made with mkdir
 * (atomic on local and network file systems), whose modification time the
 * holder refreshes every few seconds; a lock not refreshed for `STALE_MS` is
 * left by a crashed process and taken over. On the same machine a crashed
 * holder is recognised at once: `<name>.lock.owner` names the process, and a
 * lock whose process is gone is taken over without waiting.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { KbError } from '../base/errors';
import { isNotFound } from '../base/file-system';

/** A lock not refreshed for this long is stale (proper-lockfile refreshes it every STALE_MS / 2). */
const STALE_MS = 10_000;

interface Owner {
  pid: number;
  host: string;
}

export class FolderLock {
  readonly #release: () => Promise<void>;
  readonly #ownerFile: string;
  readonly #compromised: { error: Error | null };

  private constructor(release: () => Promise<void>, ownerFile: string, compromised: { error: Error | null }) {
    this.#release = release;
    this.#ownerFile = ownerFile;
    this.#compromised = compromised;
  }

  /**
   * Locks `dir` for store `base`, or fails with `storeLocked` when another
   * process (or another store in this one) holds it.
   */
  static async acquire(dir: string, base: string): Promise<FolderLock> {
    const lockPath = path.join(dir, `${base}.lock`);
    const ownerFile = `${lockPath}.owner`;
    const compromised: { error: Error | null } = { error: null };
    const options = {
      lockfilePath: lockPath,
      realpath: false,
      stale: STALE_MS,
      // The default would throw from a timer and end the process.
      onCompromised: (error: Error) => {
        compromised.error = error;
      },
    };
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(dir, options);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || !(await holderIsGone(ownerFile))) {
        throw refused(dir, error);
      }
      await rm(lockPath, { recursive: true, force: true }); // its process is gone: a crash left it
      release = await lockfile.lock(dir, options).catch((again: unknown) => {
        throw refused(dir, again);
      });
    }
    const owner: Owner = { pid: process.pid, host: hostname() };
    await writeFile(ownerFile, JSON.stringify(owner));
    return new FolderLock(release, ownerFile, compromised);
  }

  /** Set when another process took the lock over (this one was suspended past STALE_MS): writing must stop. */
  get lost(): Error | null {
    return this.#compromised.error;
  }

  /** Unlocks the folder; a lock taken over by another process is left to it, owner file and all. */
  async release(): Promise<void> {
    if (this.#compromised.error) return;
    await rm(this.#ownerFile, { force: true });
    await this.#release();
  }
}

function refused(dir: string, cause: unknown): KbError {
  return new KbError('storeLocked', `${dir} is in use by another process`, { cause, params: { folder: dir } });
}

/** Whether the lock's holder is a process on this machine that no longer runs. */
async function holderIsGone(ownerFile: string): Promise<boolean> {
  let owner: Partial<Owner>;
  try {
    owner = JSON.parse(await readFile(ownerFile, 'utf8')) as Partial<Owner>;
  } catch (error) {
    if (isNotFound(error) || error instanceof SyntaxError) return false; // unknown holder: wait until the lock is stale
    throw error;
  }
  if (owner.host !== hostname() || typeof owner.pid !== 'number' || owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0); // signal 0 only checks that the process exists
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
