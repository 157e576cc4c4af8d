/** Shared by the storage tests: small records, a store opened quietly, and a file system that fails on cue. */
import type { FileHandle } from 'node:fs/promises';
import * as fsp from 'node:fs/promises';
import { readdir } from 'node:fs/promises';
import type { Annotation } from '../../../shared/model';
import { loadStarterContent } from '../../../core/store/starter-content';
import { openStore, type StorageOptions, type Store } from '../../../core/store/store';
import { nodeFileSystem, type FileSystem } from '../../../core/base/file-system';

export function annotation(id: string, text = 'Ein Hinweis zum Kreisverkehr.'): Annotation {
  return {
    id,
    version: {},
    practiceId: 'practice-roundabouts',
    kind: 'comment',
    text,
    language: 'de',
    author: 'Erika Muster',
    organisationId: 'org-tempelhof-schoeneberg',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

/** Puts one annotation per id, as one batch. */
export async function putAnnotations(store: Store, ids: readonly string[], text?: string): Promise<void> {
  await store.apply(ids.map((id) => ({ op: 'put', collection: 'annotations', record: annotation(id, text) })));
}

export function open(dir: string, options?: StorageOptions): Promise<Store> {
  return openStore(dir, loadStarterContent, options);
}

export function annotationIds(store: Store): string[] {
  return store.all('annotations').map((a) => a.id);
}

/** Names in `dir`, without backups, folders of damaged files and the folder lock of an open store. */
export async function storeFiles(dir: string): Promise<string[]> {
  return (await readdir(dir))
    .filter((name) => name !== 'backups' && !name.startsWith('damaged-') && !/\.lock(\.owner)?$/.test(name))
    .sort();
}

export function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/**
 * The real file system, until told to fail: `spaceLeft` bytes may still be
 * written before writes fail with ENOSPC (a write that does not fit is written
 * partly, as a full disk does); `readOnly` fails every change with EROFS;
 * `failSync` fails fsync with EIO; `failTruncate` fails truncating with EIO.
 */
export class FaultyFileSystem implements FileSystem {
  spaceLeft = Infinity;
  readOnly = false;
  failSync = false;
  failTruncate = false;
  /** Called before every rename; a test can hold a write at its last step. */
  beforeRename: (from: string, to: string) => Promise<void> = async () => undefined;
  /** Called before every removal. */
  beforeRemove: (file: string) => Promise<void> = async () => undefined;

  readFile = nodeFileSystem.readFile;
  readdir = nodeFileSystem.readdir;
  stat = nodeFileSystem.stat;

  open = (async (file: string, flags?: string, mode?: number) => {
    if (this.readOnly && flags !== undefined && flags !== 'r') throw errno('EROFS');
    return this.#wrap(await fsp.open(file, flags, mode));
  }) as FileSystem['open'];

  rename = (async (from: string, to: string) => {
    this.#checkWritable();
    await this.beforeRename(from, to);
    await fsp.rename(from, to);
  }) as FileSystem['rename'];

  rm = (async (file: string, options?: Parameters<FileSystem['rm']>[1]) => {
    this.#checkWritable();
    await this.beforeRemove(file);
    await fsp.rm(file, options);
  }) as FileSystem['rm'];

  mkdir = (async (dir: string, options?: Parameters<FileSystem['mkdir']>[1]) => {
    this.#checkWritable();
    return fsp.mkdir(dir, options);
  }) as FileSystem['mkdir'];

  truncate = (async (file: string, length?: number) => {
    this.#checkWritable();
    if (this.failTruncate) throw errno('EIO');
    await fsp.truncate(file, length);
  }) as FileSystem['truncate'];

  copyFile = (async (from: string, to: string, mode?: number) => {
    this.#checkWritable();
    const size = (await fsp.stat(from)).size;
    if (size > this.spaceLeft) throw errno('ENOSPC');
    this.spaceLeft -= size;
    await fsp.copyFile(from, to, mode);
  }) as FileSystem['copyFile'];

  #checkWritable(): void {
    if (this.readOnly) throw errno('EROFS');
  }

  #wrap(handle: FileHandle): FileHandle {
    const write = async (data: string | Buffer, offset?: number, length?: number) => {
      const bytes =
        typeof data === 'string'
          ? Buffer.from(data)
          : data.subarray(offset ?? 0, (offset ?? 0) + (length ?? data.length - (offset ?? 0)));
      if (bytes.length > this.spaceLeft) {
        await handle.write(bytes.subarray(0, this.spaceLeft));
        this.spaceLeft = 0;
        throw errno('ENOSPC');
      }
      this.spaceLeft -= bytes.length;
      return handle.write(bytes);
    };
    const sync = async () => {
      if (this.failSync) throw errno('EIO');
      await handle.sync();
    };
    const overrides: Record<string, unknown> = {
      write,
      writeFile: async (data: string | Buffer) => {
        await write(data);
      },
      sync,
      datasync: sync,
    };
    return new Proxy(handle, {
      get(target, property, receiver) {
        if (typeof property === 'string' && property in overrides) return overrides[property];
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }
}

/**
 * The real file system for a process that dies after `steps` file
 * operations (creating or opening a file for writing, writing, syncing,
 * renaming, removing, making a folder, truncating, copying): from then on
 * every call fails, reads included, so nothing more happens, as after a kill.
 */
export class DyingFileSystem implements FileSystem {
  steps: number;
  /** Operations done so far. */
  done = 0;

  constructor(steps: number) {
    this.steps = steps;
  }

  get dead(): boolean {
    return this.done >= this.steps;
  }

  readFile = this.#reading(nodeFileSystem.readFile);
  readdir = this.#reading(nodeFileSystem.readdir);
  stat = this.#reading(nodeFileSystem.stat);
  rename = this.#changing(nodeFileSystem.rename);
  rm = this.#changing(nodeFileSystem.rm);
  mkdir = this.#changing(nodeFileSystem.mkdir);
  truncate = this.#changing(nodeFileSystem.truncate);
  copyFile = this.#changing(nodeFileSystem.copyFile);

  open = (async (file: string, flags?: string, mode?: number) => {
    this.#step(flags !== undefined && flags !== 'r');
    const handle = await fsp.open(file, flags, mode);
    const changing = new Set(['write', 'writeFile', 'sync', 'datasync', 'truncate']);
    return new Proxy(handle, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        const method = (value as (...args: unknown[]) => unknown).bind(target);
        if (property === 'close') return method; // a dead process's files are closed by the system
        return (...args: unknown[]) => {
          this.#step(typeof property === 'string' && changing.has(property));
          return method(...args);
        };
      },
    });
  }) as FileSystem['open'];

  #step(changes: boolean): void {
    if (this.dead) throw new Error('the process died');
    if (changes) this.done++;
  }

  #reading<F extends (...args: never[]) => unknown>(call: F): F {
    return ((...args: Parameters<F>) => {
      this.#step(false);
      return call(...args);
    }) as F;
  }

  #changing<F extends (...args: never[]) => unknown>(call: F): F {
    return ((...args: Parameters<F>) => {
      this.#step(true);
      return call(...args);
    }) as F;
  }
}
