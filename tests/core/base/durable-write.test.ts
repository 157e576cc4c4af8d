import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFileDurably, writeFileDurably } from '../../../core/base/durable-write';
import { nodeFileSystem, type FileSystem } from '../../../core/base/file-system';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

describe('durable writes', () => {
  it('fail a write into a missing folder without touching anything else', async () => {
    const dir = await tempDir();
    await expect(writeFileDurably(path.join(dir, 'missing', 'x.json'), '{}')).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual([]);
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
