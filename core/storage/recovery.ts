/**
 * Recovery that a crash can interrupt at any step and the next start
 * completes. Setting damaged files aside and writing the recovered state are
 * several file operations; if the process died between them, the next start
 * would find no snapshot and no journal and take the store for a new one.
 * So recovery goes in this order, each step durable before the next:
 *
 * 1. the recovered state is written beside the store as `<name>.recovered.json`;
 * 2. the plan (which files go into which `damaged-<time>` folder, and what to
 *    tell the user) is written as `<name>.recovery.json`;
 * 3. the damaged files are moved into the folder;
 * 4. the recovered state is renamed into place as the snapshot;
 * 5. the plan is deleted.
 *
 * A start that finds a plan carries it out from where it stopped (a file
 * already moved is skipped; no recovered state left means step 4 is done),
 * and tells the user what the interrupted recovery would have told them.
 * A recovered state without a plan is from an interrupted step 1 or 2: the
 * damaged files have not been touched yet, and recovery simply starts over.
 */
import path from 'node:path';
import { writeFileDurably } from '../base/durable-write';
import { isNotFound, syncDirectory, type FileSystem } from '../base/file-system';
import type { MemoryState } from './memory';
import { SnapshotFile } from './snapshot';
import type { StorageNotice } from './types';

/** What a notice says besides where the damaged files went. */
export type NoticeWithoutFolder = WithoutFolder<StorageNotice>;
type WithoutFolder<N> = N extends StorageNotice ? Omit<N, 'movedTo'> : never;

interface Plan {
  /** Name of the `damaged-<time>` folder inside the store's folder. */
  folder: string;
  /** Names of the files to move there. */
  files: string[];
  notice: NoticeWithoutFolder;
}

const recoveredName = (base: string) => `${base}.recovered.json`;
const planName = (base: string) => `${base}.recovery.json`;
/** `damaged-2025-03-01T09-30-00-000Z`, maybe with `-2`, `-3`… */
const DAMAGED_FOLDER = /^damaged-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z(-\d+)?$/;

/**
 * Replaces the store in `dir` by `state`: the `damaged` files (paths inside
 * `dir`, or already set aside in `folder`) go, unchanged, into a
 * `damaged-<time>` folder, and `state` becomes the snapshot, with no journal.
 * Returns the notice for the user.
 */
export async function recover(
  dir: string,
  base: string,
  damaged: { files: readonly string[]; folder?: string },
  state: MemoryState,
  seq: number,
  notice: NoticeWithoutFolder,
  fs: FileSystem,
  now: Date,
): Promise<StorageNotice> {
  await new SnapshotFile(path.join(dir, recoveredName(base)), fs).write(state.snapshot(seq, now.toISOString()));
  const plan: Plan = {
    folder: damaged.folder ?? (await newFolderName(dir, now, fs)),
    files: damaged.files.map((file) => path.basename(file)),
    notice,
  };
  await writeFileDurably(path.join(dir, planName(base)), JSON.stringify(plan), fs);
  return carryOut(dir, base, plan, fs);
}

/** Completes a recovery a crash interrupted; returns its notice, or null when there was none to complete. */
export async function resumeRecovery(dir: string, base: string, fs: FileSystem): Promise<StorageNotice | null> {
  const planFile = path.join(dir, planName(base));
  let text: string;
  try {
    text = await fs.readFile(planFile, 'utf8');
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await fs.rm(path.join(dir, recoveredName(base)), { force: true }); // steps 1–2 interrupted: start over
    return null;
  }
  return carryOut(dir, base, parsePlan(text, planFile), fs);
}

/** The newest `damaged-<time>` folder in `dir`, if any. */
export async function newestDamagedFolder(dir: string, fs: FileSystem): Promise<string | undefined> {
  const names = (await fs.readdir(dir)).filter((name) => DAMAGED_FOLDER.test(name));
  const newest = names.sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).at(-1);
  return newest === undefined ? undefined : path.join(dir, newest);
}

async function carryOut(dir: string, base: string, plan: Plan, fs: FileSystem): Promise<StorageNotice> {
  const folder = path.join(dir, plan.folder);
  const recovered = path.join(dir, recoveredName(base));
  if (await exists(recovered, fs)) {
    await fs.mkdir(folder, { recursive: true });
    for (const name of plan.files) {
      try {
        await fs.rename(path.join(dir, name), path.join(folder, name));
      } catch (error) {
        if (!isNotFound(error)) throw error; // moved before the crash
      }
    }
    await syncDirectory(folder, fs);
    await syncDirectory(dir, fs);
    await fs.rename(recovered, path.join(dir, `${base}.json`));
    await syncDirectory(dir, fs);
  }
  await fs.rm(path.join(dir, planName(base)), { force: true });
  await syncDirectory(dir, fs);
  return { ...plan.notice, movedTo: folder } as StorageNotice;
}

function parsePlan(text: string, file: string): Plan {
  const plan = JSON.parse(text) as Partial<Plan>; // written durably by this module: a plan that does not parse is a bug, not damage
  if (
    typeof plan.folder !== 'string' ||
    !DAMAGED_FOLDER.test(plan.folder) ||
    !Array.isArray(plan.files) ||
    !plan.files.every((name) => typeof name === 'string' && path.basename(name) === name) ||
    typeof plan.notice?.kind !== 'string'
  ) {
    throw new Error(`${path.basename(file)}: not a recovery plan`);
  }
  return plan as Plan;
}

async function newFolderName(dir: string, now: Date, fs: FileSystem): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let name = `damaged-${stamp}`;
  for (let n = 2; await exists(path.join(dir, name), fs); n++) name = `damaged-${stamp}-${n}`;
  return name;
}

async function exists(file: string, fs: FileSystem): Promise<boolean> {
  try {
    await fs.stat(file);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}
