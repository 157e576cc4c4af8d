import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStarterContent } from '../../electron/kb/starter';
import { openStore, STORE_FILE, StoreData } from '../../electron/kb/store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

describe('the store', () => {
  it('creates a store file filled with the starter content on first open', async () => {
    const dir = await tempDir();
    const { db, notices } = await openStore(dir, loadStarterContent);
    expect(notices).toEqual([]);
    const onDisk = StoreData.parse(JSON.parse(await readFile(path.join(dir, STORE_FILE), 'utf8')));
    expect(onDisk.practices.length).toBe(loadStarterContent().practices.length);
    expect(onDisk.installationId).toBe(db.data.installationId);
    expect(onDisk.settings.language).toBeNull();
  });

  it('persists a change and reads it back after reopening', async () => {
    const dir = await tempDir();
    const first = await openStore(dir, loadStarterContent);
    first.db.data.settings.language = 'nl';
    first.db.data.practices = first.db.data.practices.slice(0, 2);
    await first.db.write();

    const second = await openStore(dir, () => {
      throw new Error('an existing store must not be seeded again');
    });
    expect(second.db.data.settings.language).toBe('nl');
    expect(second.db.data.practices).toHaveLength(2);
    expect(second.db.data.installationId).toBe(first.db.data.installationId);
  });

  it('leaves no temporary files behind after writing', async () => {
    const dir = await tempDir();
    const { db } = await openStore(dir, loadStarterContent);
    await Promise.all([db.write(), db.write(), db.write()]);
    expect(await readdir(dir)).toEqual([STORE_FILE]);
  });

  it.each([
    ['truncated JSON', '{"schemaVersion": 1, "practices": ['],
    ['garbage', '\u0000\u0001garbage'],
    ['an empty file', ''],
    ['the wrong shape', '{"schemaVersion": 1, "practices": "none"}'],
  ])('moves a store holding %s aside, untouched, and starts afresh', async (_name, content) => {
    const dir = await tempDir();
    await writeFile(path.join(dir, STORE_FILE), content);
    const { db, notices } = await openStore(dir, loadStarterContent);

    expect(notices).toHaveLength(1);
    const notice = notices[0]!;
    expect(notice.kind).toBe('storeRecovered');
    expect(path.dirname(notice.movedTo)).toBe(dir);
    expect(await readFile(notice.movedTo, 'utf8')).toBe(content);
    expect(db.data.practices.length).toBeGreaterThan(0);
    StoreData.parse(JSON.parse(await readFile(path.join(dir, STORE_FILE), 'utf8')));
  });

  it('does not mistake an unreadable store for a damaged one', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, STORE_FILE)); // reading a folder fails with EISDIR, not a syntax error
    await expect(openStore(dir, loadStarterContent)).rejects.toThrow(/EISDIR/);
    expect(await readdir(dir)).toEqual([STORE_FILE]);
  });
});
