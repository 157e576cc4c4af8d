import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFileDurably, DurableJsonFile, writeFileDurably } from '../../electron/kb/durable-json-file';
import { nodeFileSystem, type FileSystem } from '../../electron/kb/storage/file-system';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

describe('the durable JSON file', () => {
  it('reads null when the file does not exist yet', async () => {
    const file = new DurableJsonFile(path.join(await tempDir(), 'x.json'));
    expect(await file.read()).toBeNull();
  });

  it('applies concurrent writes in the order they were made', async () => {
    const dir = await tempDir();
    const file = new DurableJsonFile<{ n: number }>(path.join(dir, 'x.json'));
    await Promise.all(Array.from({ length: 20 }, (_, n) => file.write({ n })));
    expect(await file.read()).toEqual({ n: 19 });
    expect(await readdir(dir)).toEqual(['x.json']);
  });

  it('fails a write into a missing folder without touching anything else', async () => {
    const dir = await tempDir();
    const file = new DurableJsonFile(path.join(dir, 'missing', 'x.json'));
    await expect(file.write({ a: 1 })).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps the previous content when a later write fails', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'x.json');
    const file = new DurableJsonFile<unknown>(target);
    await file.write({ kept: true });
    await expect(file.write({ unserializable: 1n })).rejects.toThrow(TypeError);
    expect(JSON.parse(await readFile(target, 'utf8'))).toEqual({ kept: true });
    expect(await readdir(dir)).toEqual(['x.json']);
  });

  it('writes content handed over in pieces as one file', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'x.txt');
    const pieces = Array.from({ length: 5_000 }, (_, n) => `Zeile ${n} – äöü\n`);
    await writeFileDurably(target, pieces);
    expect(await readFile(target, 'utf8')).toBe(pieces.join(''));
    expect(await readdir(dir)).toEqual(['x.txt']);
  });

  it('writes byte pieces as they are made, each to its last byte even when the disk takes only part of a write', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'x.bin');
    const pieces = Array.from({ length: 50 }, (_, n) => Buffer.alloc(10_000 + n, n));
    let writes = 0;
    const stingy: FileSystem = {
      ...nodeFileSystem,
      open: (async (...args: Parameters<FileSystem['open']>) => {
        const handle = await nodeFileSystem.open(...args);
        return new Proxy(handle, {
          get(target, property) {
            if (property === 'write') {
              return (bytes: Uint8Array, offset: number, length: number) => {
                writes++;
                return target.write(bytes, offset, Math.min(length, 4_096)); // at most a page at a time
              };
            }
            const value = Reflect.get(target, property) as unknown;
            return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
          },
        });
      }) as FileSystem['open'],
    };
    await writeFileDurably(target, pieces, stingy);
    expect((await readFile(target)).equals(Buffer.concat(pieces))).toBe(true);
    expect(writes).toBeGreaterThan(pieces.length);
  });

  it('keeps the previous file, and leaves no temp file, when making a piece fails half-way', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'x.bin');
    await writeFileDurably(target, 'before');
    function* failing(): Generator<Uint8Array> {
      yield Buffer.from('a first piece');
      throw new Error('the export failed');
    }
    await expect(writeFileDurably(target, failing())).rejects.toThrow('the export failed');
    expect(await readFile(target, 'utf8')).toBe('before');
    expect(await readdir(dir)).toEqual(['x.bin']);
  });

  it('copies a file under a new name and leaves nothing else behind', async () => {
    const dir = await tempDir();
    await writeFileDurably(path.join(dir, 'a.json'), '{"a":1}');
    await copyFileDurably(path.join(dir, 'a.json'), path.join(dir, 'b.json'));
    expect(await readFile(path.join(dir, 'b.json'), 'utf8')).toBe('{"a":1}');
    expect((await readdir(dir)).sort()).toEqual(['a.json', 'b.json']);
    await expect(copyFileDurably(path.join(dir, 'missing.json'), path.join(dir, 'c.json'))).rejects.toThrow(/ENOENT/);
    expect((await readdir(dir)).sort()).toEqual(['a.json', 'b.json']);
  });
});
