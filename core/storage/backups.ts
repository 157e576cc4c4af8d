/**
 * Rolling backups: durable copies of good snapshots in `<store>/backups`,
 * named by the time they were taken and why, so the newest is found by name:
 *
 *     backups/twinning-kb-2025-03-01T09-30-00-000Z-auto.json
 *
 * Only the newest few of each reason are kept, so automatic backups never
 * push out the one taken before an import, and the other way round.
 */
import path from 'node:path';
import { copyFileDurably, removeTempFiles } from '../base/durable-write';
import { namesIn, type FileSystem } from '../base/file-system';

export interface BackupFile {
  file: string;
  takenAt: Date;
  reason: string;
}

export const AUTO_BACKUP = 'auto';
/** The backups' folder inside the store's folder. */
export const BACKUPS_FOLDER = 'backups';

export class Backups {
  readonly folder: string;
  readonly #base: string;
  readonly #keep: number;
  readonly #fs: FileSystem;
  readonly #pattern: RegExp;

  constructor(storeDir: string, base: string, keep: number, fs: FileSystem) {
    this.folder = path.join(storeDir, BACKUPS_FOLDER);
    this.#base = base;
    this.#keep = keep;
    this.#fs = fs;
    this.#pattern = new RegExp(`^${base}-(\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d-\\d{3}Z)-([a-z0-9-]+)\\.json$`);
  }

  /** Every backup, newest first. */
  async list(): Promise<BackupFile[]> {
    const names = await namesIn(this.folder, this.#fs);
    return names
      .flatMap((name) => {
        const match = this.#pattern.exec(name);
        if (!match) return [];
        const [, stamp, reason] = match as unknown as [string, string, string];
        const takenAt = new Date(stamp.replace(/T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z$/, 'T$1:$2:$3.$4Z'));
        return [{ file: path.join(this.folder, name), takenAt, reason }];
      })
      .sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime() || b.file.localeCompare(a.file));
  }

  /** When the newest backup for `reason` was taken, if there is one. */
  async newest(reason: string): Promise<Date | undefined> {
    return (await this.list()).find((backup) => backup.reason === reason)?.takenAt;
  }

  /** Copies `snapshotFile` into the backups durably, drops the oldest beyond the limit, and returns the copy's path. */
  async create(snapshotFile: string, reason: string, takenAt: Date): Promise<string> {
    await this.#fs.mkdir(this.folder, { recursive: true });
    const stamp = takenAt.toISOString().replace(/[:.]/g, '-');
    const name = backupReason(reason);
    const target = path.join(this.folder, `${this.#base}-${stamp}-${name}.json`);
    await copyFileDurably(snapshotFile, target, this.#fs);
    await this.#prune(name);
    return target;
  }

  /** Temp files left by a crash during a backup. */
  removeLeftovers(): Promise<void> {
    return removeTempFiles(this.folder, this.#fs);
  }

  async #prune(reason: string): Promise<void> {
    const old = (await this.list()).filter((backup) => backup.reason === reason).slice(this.#keep);
    for (const backup of old) await this.#fs.rm(backup.file, { force: true });
  }
}

/** A reason as it can appear in a file name: lower-case letters, digits and dashes. */
export function backupReason(reason: string): string {
  const cleaned = reason
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return cleaned || 'manual';
}
