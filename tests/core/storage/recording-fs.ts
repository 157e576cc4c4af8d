/**
 * Power-loss testing in the way of ALICE and CrashMonkey. A process kill
 * leaves everything the store handed to the operating system; a power cut
 * keeps only what was fsync'd, and un-synced operations may reach the disk
 * in any order, or in part. `RecordingFileSystem` runs the store on the real
 * disk through the engine's file-system seam and logs every operation that
 * changes a file or a folder, every fsync, and when each write was reported
 * saved. `crashStates` then replays prefixes of that log on a model of the
 * folder and yields the states a power cut could leave:
 *
 * - crash points: before every fsync of a file or folder, and at the end;
 * - at each, every operation covered by a later fsync (before the point) is
 *   on disk; of the others, all, none, each one alone, all but each one,
 *   and each write torn at a 4 KiB block (only its first block, or only its
 *   last with zeros before) or as zeros only (the size grew, the data never
 *   came).
 *
 * File data is durable once its file is fsync'd; a name (creating, renaming,
 * removing a file, making a folder) once its folder is fsync'd, both folders
 * for a rename. That is what POSIX promises, no more.
 */
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import * as fsp from 'node:fs/promises';
import path from 'node:path';
import { nodeFileSystem, type FileSystem } from '../../../core/base/file-system';

const BLOCK = 4096;

type Op =
  | { kind: 'create'; name: string; inode: number }
  | { kind: 'write'; inode: number; offset: number; data: Buffer }
  | { kind: 'truncate'; inode: number; length: number }
  | { kind: 'rename'; from: string; to: string }
  | { kind: 'unlink'; name: string }
  | { kind: 'mkdir'; name: string }
  | { kind: 'fsync'; inode: number }
  | { kind: 'dirsync'; name: string }
  | { kind: 'saved'; ids: readonly string[] };

/** A folder as names (relative, '/'-separated) of files and folders, and file contents by inode. */
class Model {
  dirs = new Set<string>(['.']);
  names = new Map<string, number>();
  data = new Map<number, Buffer>();

  clone(): Model {
    const copy = new Model();
    copy.dirs = new Set(this.dirs);
    copy.names = new Map(this.names);
    copy.data = new Map(this.data); // buffers are replaced, never changed in place
    return copy;
  }

  apply(op: Op): void {
    switch (op.kind) {
      case 'create':
        this.names.set(op.name, op.inode);
        if (!this.data.has(op.inode)) this.data.set(op.inode, Buffer.alloc(0));
        return;
      case 'write': {
        const old = this.data.get(op.inode) ?? Buffer.alloc(0);
        const next = Buffer.alloc(Math.max(old.length, op.offset + op.data.length));
        old.copy(next);
        op.data.copy(next, op.offset);
        this.data.set(op.inode, next);
        return;
      }
      case 'truncate': {
        const old = this.data.get(op.inode) ?? Buffer.alloc(0);
        const next = Buffer.alloc(op.length);
        old.copy(next, 0, 0, Math.min(old.length, op.length));
        this.data.set(op.inode, next);
        return;
      }
      case 'rename': {
        const inode = this.names.get(op.from);
        if (inode === undefined) return; // its creation never reached the disk
        this.names.delete(op.from);
        this.names.set(op.to, inode);
        return;
      }
      case 'unlink':
        this.names.delete(op.name);
        return;
      case 'mkdir':
        this.dirs.add(op.name);
        return;
      default:
        return;
    }
  }

  /** The files that can be reached: those whose folders exist. */
  files(): [string, Buffer][] {
    return [...this.names]
      .filter(([name]) => this.#reachable(path.posix.dirname(name)))
      .map(([name, inode]): [string, Buffer] => [name, this.data.get(inode) ?? Buffer.alloc(0)])
      .sort(([a], [b]) => a.localeCompare(b));
  }

  folders(): string[] {
    return [...this.dirs].filter((dir) => this.#reachable(dir)).sort();
  }

  #reachable(dir: string): boolean {
    for (let d = dir; d !== '.'; d = path.posix.dirname(d)) if (!this.dirs.has(d)) return false;
    return true;
  }

  fingerprint(): string {
    const hash = createHash('sha1');
    for (const dir of this.folders()) hash.update(`d ${dir}\n`);
    for (const [name, data] of this.files()) hash.update(`f ${name} ${data.length}\n`).update(data);
    return hash.digest('hex');
  }

  async writeTo(root: string): Promise<void> {
    for (const dir of this.folders()) await fsp.mkdir(path.join(root, dir), { recursive: true });
    for (const [name, data] of this.files()) await fsp.writeFile(path.join(root, name), data);
  }
}

export class RecordingFileSystem implements FileSystem {
  readonly ops: Op[] = [];
  readonly #root: string;
  readonly #initial: Model;
  /** Everything recorded so far applied: what a process kill would leave. */
  readonly #live: Model;
  #nextInode = 1;

  private constructor(root: string, initial: Model) {
    this.#root = root;
    this.#initial = initial;
    this.#live = initial.clone();
    this.#nextInode = Math.max(0, ...initial.names.values()) + 1;
  }

  /** Records from now on what happens in `root`, which must hold no open store (its folder lock is left out). */
  static async start(root: string): Promise<RecordingFileSystem> {
    const initial = new Model();
    let inode = 1;
    for (const entry of await fsp.readdir(root, { recursive: true, withFileTypes: true })) {
      const name = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
      if (/\.lock(\.owner)?$/.test(name)) continue;
      if (entry.isDirectory()) initial.dirs.add(name);
      else if (entry.isFile()) {
        initial.names.set(name, inode);
        initial.data.set(inode++, await fsp.readFile(path.join(root, name)));
      }
    }
    return new RecordingFileSystem(root, initial);
  }

  /** Marks these ids as reported saved from here on. */
  saved(ids: readonly string[]): void {
    this.ops.push({ kind: 'saved', ids });
  }

  readFile = nodeFileSystem.readFile;
  readdir = nodeFileSystem.readdir;
  stat = nodeFileSystem.stat;

  open = (async (file: string, flags: string = 'r', mode?: number) => {
    const name = this.#name(file);
    const stat = await fsp.stat(file).catch(() => null);
    if (stat?.isDirectory()) return this.#wrap(await fsp.open(file, flags, mode), { dir: name });
    const handle = await fsp.open(file, flags, mode);
    if (flags === 'r') return handle;
    let inode = this.#live.names.get(name);
    if (inode === undefined || flags.startsWith('w')) {
      inode = this.#nextInode++;
      this.#record({ kind: 'create', name, inode });
    }
    return this.#wrap(handle, { inode, append: flags.startsWith('a') });
  }) as FileSystem['open'];

  rename = (async (from: string, to: string) => {
    await fsp.rename(from, to);
    this.#record({ kind: 'rename', from: this.#name(from), to: this.#name(to) });
  }) as FileSystem['rename'];

  rm = (async (file: string, options?: Parameters<FileSystem['rm']>[1]) => {
    const stat = await fsp.stat(file).catch(() => null);
    if (stat?.isDirectory()) throw new Error(`the recording file system does not remove folders (${file})`);
    await fsp.rm(file, options);
    if (stat) this.#record({ kind: 'unlink', name: this.#name(file) });
  }) as FileSystem['rm'];

  mkdir = (async (dir: string, options?: Parameters<FileSystem['mkdir']>[1]) => {
    const made = await fsp.mkdir(dir, options);
    const name = this.#name(dir);
    const missing: string[] = [];
    for (let d = name; d !== '.' && !this.#live.dirs.has(d); d = path.posix.dirname(d)) missing.unshift(d);
    for (const d of missing) this.#record({ kind: 'mkdir', name: d });
    return made;
  }) as FileSystem['mkdir'];

  truncate = (async (file: string, length?: number) => {
    await fsp.truncate(file, length);
    this.#record({ kind: 'truncate', inode: this.#live.names.get(this.#name(file))!, length: length ?? 0 });
  }) as FileSystem['truncate'];

  copyFile = (async (from: string, to: string, mode?: number) => {
    await fsp.copyFile(from, to, mode);
    const inode = this.#nextInode++;
    this.#record({ kind: 'create', name: this.#name(to), inode });
    this.#record({ kind: 'write', inode, offset: 0, data: await fsp.readFile(to) });
  }) as FileSystem['copyFile'];

  #record(op: Op): void {
    this.ops.push(op);
    this.#live.apply(op);
  }

  #name(file: string): string {
    const name = path.relative(this.#root, file).split(path.sep).join('/');
    if (name.startsWith('..')) throw new Error(`outside the recorded folder: ${file}`);
    return name === '' ? '.' : name;
  }

  #wrap(handle: FileHandle, target: { dir: string } | { inode: number; append: boolean }): FileHandle {
    let position = 0;
    const sync = async () => {
      await handle.sync();
      this.#record('dir' in target ? { kind: 'dirsync', name: target.dir } : { kind: 'fsync', inode: target.inode });
    };
    const write = async (data: Uint8Array | string, offset = 0, length = data.length - offset) => {
      if ('dir' in target) throw new Error('writing to a folder');
      // A string is written whole (handle.write(text) appends it as UTF-8).
      const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.subarray(offset, offset + length));
      const at = target.append ? this.#live.data.get(target.inode)!.length : position;
      const result = await handle.write(bytes, 0, bytes.length, at);
      this.#record({ kind: 'write', inode: target.inode, offset: at, data: bytes.subarray(0, result.bytesWritten) });
      position = at + result.bytesWritten;
      return { bytesWritten: result.bytesWritten, buffer: data };
    };
    const overrides: Record<string, unknown> = {
      write,
      writeFile: async (data: string | Uint8Array) => {
        await write(typeof data === 'string' ? Buffer.from(data) : data);
      },
      truncate: async (length = 0) => {
        if ('dir' in target) throw new Error('truncating a folder');
        await handle.truncate(length);
        this.#record({ kind: 'truncate', inode: target.inode, length });
      },
      sync,
      datasync: sync,
    };
    return new Proxy(handle, {
      get(object, property, receiver) {
        if (typeof property === 'string' && property in overrides) return overrides[property];
        const value = Reflect.get(object, property, receiver) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
      },
    });
  }

  /**
   * The states a power cut could leave, each with the ids reported saved
   * before it, once per distinct state (by content).
   */
  *crashStates(): Generator<{ state: Model; saved: Set<string>; point: number; variant: string }> {
    const ops = this.ops;
    const durableAt = ops.map((op, i) => coveredAt(ops, op, i));
    const seen = new Set<string>();
    const saved = new Set<string>();
    const points: number[] = [];
    ops.forEach((op, i) => {
      if (op.kind === 'fsync' || op.kind === 'dirsync') points.push(i);
    });
    points.push(ops.length);
    let savedUpTo = 0;
    // Operations before the first pending one are durable at this point and every later one: applied once, here.
    let prefix = this.#initial.clone();
    let prefixAt = 0;
    for (const point of points) {
      for (; savedUpTo < point; savedUpTo++) {
        const op = ops[savedUpTo]!;
        if (op.kind === 'saved') op.ids.forEach((id) => saved.add(id));
      }
      const pending = ops.flatMap((op, i) => (i < point && durableAt[i]! >= point && changes(op) ? [i] : []));
      const first = pending[0] ?? point;
      if (first < prefixAt) [prefix, prefixAt] = [this.#initial.clone(), 0];
      for (; prefixAt < first; prefixAt++) prefix.apply(ops[prefixAt]!);
      for (const [variant, choose] of variants(ops, pending)) {
        const state = prefix.clone();
        for (let i = prefixAt; i < point; i++) {
          const op = ops[i]!;
          if (!changes(op)) continue;
          const chosen = durableAt[i]! < point ? op : choose(i, op);
          if (chosen) state.apply(chosen);
        }
        const fingerprint = state.fingerprint();
        if (seen.has(fingerprint)) continue;
        seen.add(fingerprint);
        yield { state, saved: new Set(saved), point, variant };
      }
    }
  }
}

function changes(op: Op): boolean {
  return op.kind !== 'fsync' && op.kind !== 'dirsync' && op.kind !== 'saved';
}

/** The index of the first sync after `i` that makes `op` durable, or Infinity. */
function coveredAt(ops: readonly Op[], op: Op, i: number): number {
  const firstAfter = (test: (o: Op) => boolean) => {
    for (let j = i + 1; j < ops.length; j++) if (test(ops[j]!)) return j;
    return Infinity;
  };
  const dirSync = (name: string) => {
    const dir = path.posix.dirname(name);
    return firstAfter((o) => o.kind === 'dirsync' && o.name === dir);
  };
  switch (op.kind) {
    case 'write':
    case 'truncate':
      return firstAfter((o) => o.kind === 'fsync' && o.inode === op.inode);
    case 'create':
    case 'unlink':
    case 'mkdir':
      return dirSync(op.name);
    case 'rename':
      return Math.max(dirSync(op.from), dirSync(op.to));
    default:
      return -1;
  }
}

type Choose = (i: number, op: Op) => Op | null;

/** How the un-synced operations `pending` may have reached the disk. */
function* variants(ops: readonly Op[], pending: readonly number[]): Generator<[string, Choose]> {
  yield ['all (a process kill)', (_i, op) => op];
  if (pending.length === 0) return;
  yield ['none', () => null];
  for (const p of pending) {
    yield [`all but op ${p}`, (i, op) => (i === p ? null : op)];
    yield [`only op ${p}`, (i, op) => (i === p ? op : null)];
    const op = ops[p]!;
    if (op.kind !== 'write') continue;
    const firstEnd = Math.min(op.data.length, BLOCK - (op.offset % BLOCK));
    const lastStart = Math.max(0, Math.floor((op.offset + op.data.length - 1) / BLOCK) * BLOCK - op.offset);
    const zeroed = Buffer.alloc(op.data.length);
    const lastOnly = Buffer.concat([Buffer.alloc(lastStart), op.data.subarray(lastStart)]);
    const torn: [string, Extract<Op, { kind: 'write' }>][] = [
      [`op ${p} zeros only`, { ...op, data: zeroed }],
      [`op ${p} first block only`, { ...op, data: op.data.subarray(0, firstEnd) }],
      [`op ${p} last block only`, { ...op, data: lastOnly }],
    ];
    for (const [name, tornOp] of torn) {
      if (tornOp.data.equals(op.data)) continue;
      yield [name, (i, o) => (i === p ? tornOp : o)];
    }
  }
}
