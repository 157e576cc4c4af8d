import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFileDurably, DurableJsonFile, writeFileDurably } from '../../electron/kb/durable-json-file';
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
