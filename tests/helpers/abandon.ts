/**
 * Stands for the process that holds a store dying without closing it: its
 * folder lock is released the way a takeover of a crashed holder's lock
 * would, and its files stay exactly as they are. Tests that reopen a store in
 * the same process to check what a crash leaves call this first.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { STORE_NAME } from '../../core/store/store';

export async function abandon(dir: string): Promise<void> {
  const lockfilePath = path.join(dir, `${STORE_NAME}.lock`);
  await lockfile.unlock(dir, { lockfilePath, realpath: false });
  await rm(`${lockfilePath}.owner`, { force: true });
}
