/**
 * What an installation remembers, on its own disk, about each shared folder
 * it is connected to: which folders (and what selection goes to each), the
 * number of its last file there, which files of the other installations it
 * has merged, the problems found, and what it has published (a log of record
 * hashes, so a change is written once and a record read from a folder is not
 * written back to it). Every file here is local: the shared folder is never
 * trusted to remember anything for us.
 *
 * A state file that is lost or damaged costs work, never data: everything is
 * then read again (merging is idempotent) and written again.
 */
import path from 'node:path';
import { z } from 'zod';
import { BundleSelection } from '../../shared/bundle';
import { Timestamp } from '../../shared/model';
import { writeFileDurably } from '../base/durable-write';
import { nodeFileSystem, type FileSystem } from '../base/file-system';

export const Connection = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/),
    folder: z.string().min(1).max(1000),
    /** What goes to this folder: everything, or a selection as an export makes it. */
    selection: BundleSelection.optional(),
    connectedAt: Timestamp,
  })
  .strict();
export type Connection = z.infer<typeof Connection>;

export const Connections = z
  .object({
    connections: z.array(Connection).max(20),
    /** Until when the user has seen what others added ("new since your last visit"). */
    seenUntil: Timestamp.optional(),
  })
  .strict();
export type Connections = z.infer<typeof Connections>;

/** A file of another installation that could not be merged. */
export const FileProblem = z
  .object({
    size: z.number(),
    mtimeMs: z.number(),
    code: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    firstSeenAt: z.number(),
    /** Incomplete files are retried quietly for a while before they are reported. */
    transient: z.boolean(),
  })
  .strict();
export type FileProblem = z.infer<typeof FileProblem>;

export const PeerProgress = z
  .object({
    /** Every file of the peer up to this number is merged (or covered by a merged checkpoint). */
    through: z.number().int().min(0),
    /** Files after `through` merged already. */
    extra: z.array(z.number().int()).max(100_000),
  })
  .strict();
export type PeerProgress = z.infer<typeof PeerProgress>;

export const FolderState = z
  .object({
    /** The number of the last file this installation wrote to the folder. */
    seq: z.number().int().min(0),
    peers: z.record(z.string(), PeerProgress),
    /** By `<installation>/<file name>`. */
    problems: z.record(z.string(), FileProblem),
  })
  .strict();
export type FolderState = z.infer<typeof FolderState>;

export const emptyFolderState = (): FolderState => ({ seq: 0, peers: {}, problems: {} });

/** Reads a JSON state file; a missing or damaged one reads as `fallback`. */
export async function readState<T>(file: string, schema: z.ZodType<T>, fallback: T, fs = nodeFileSystem): Promise<T> {
  try {
    const parsed = schema.safeParse(JSON.parse(await fs.readFile(file, 'utf8')));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

export async function writeState(file: string, value: unknown, fs = nodeFileSystem): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeFileDurably(file, JSON.stringify(value), fs);
}

/**
 * What has been published to one folder, by record key: the hash of the
 * version last written there or read from there. An append-only log, one
 * `key<TAB>hash` line per entry, fsync'd; rewritten whole after a checkpoint.
 * A torn last line (a crash) is ignored: its records are published again.
 */
export class PublishedLog {
  readonly #file: string;
  readonly #fs: FileSystem;
  readonly hashes = new Map<string, string>();

  private constructor(file: string, fs: FileSystem) {
    this.#file = file;
    this.#fs = fs;
  }

  static async open(file: string, fs: FileSystem = nodeFileSystem): Promise<PublishedLog> {
    const log = new PublishedLog(file, fs);
    let text = '';
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      // None yet, or unreadable: everything counts as unpublished.
    }
    for (const line of text.split('\n')) {
      const tab = line.indexOf('\t');
      const hash = line.slice(tab + 1);
      if (tab > 0 && /^[0-9a-f]{64}$/.test(hash)) log.hashes.set(line.slice(0, tab), hash);
    }
    return log;
  }

  /** Records entries durably (appended, then fsync'd). */
  async add(entries: Iterable<[key: string, hash: string]>): Promise<void> {
    const fresh: [string, string][] = [];
    for (const entry of entries) {
      const [key, hash] = entry;
      if (this.hashes.get(key) === hash || key.includes('\n') || key.includes('\t')) continue;
      fresh.push(entry);
    }
    if (fresh.length === 0) return;
    let text = '\n'; // start on a fresh line: a crash may have left half a line at the end
    for (const [key, hash] of fresh) text += `${key}\t${hash}\n`;
    await this.#fs.mkdir(path.dirname(this.#file), { recursive: true });
    const handle = await this.#fs.open(this.#file, 'a');
    try {
      await handle.write(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    for (const [key, hash] of fresh) this.hashes.set(key, hash);
  }

  /** Rewrites the log whole (after a checkpoint), so it does not grow for ever. */
  async compact(): Promise<void> {
    await this.#fs.mkdir(path.dirname(this.#file), { recursive: true });
    await writeFileDurably(this.#file, [...this.hashes].map(([key, hash]) => `${key}\t${hash}\n`).join(''), this.#fs);
  }
}
