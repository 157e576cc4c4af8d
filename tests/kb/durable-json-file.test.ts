import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DurableJsonFile } from '../../electron/kb/durable-json-file';
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
});
