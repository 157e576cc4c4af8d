import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStarterContent } from '../../electron/kb/starter';
import { applyChanges, openStore, seedData, STORE_FILE, StoreData } from '../../electron/kb/store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

describe('the store', () => {
  it('creates a store file filled with the starter content on first open', async () => {
    const dir = await tempDir();
    const store = await openStore(dir, loadStarterContent);
    expect(store.notices).toEqual([]);
    const onDisk = StoreData.parse(JSON.parse(await readFile(path.join(dir, STORE_FILE), 'utf8')));
    expect(onDisk.practices.length).toBe(loadStarterContent().practices.length);
    expect(onDisk.installationId).toBe(store.installationId);
    expect(onDisk.settings.language).toBeNull();
  });

  it('persists a change and reads it back after reopening', async () => {
    const dir = await tempDir();
    const first = await openStore(dir, loadStarterContent);
    const [kept, removed] = first.all('practices');
    await first.apply([
      { op: 'settings', settings: { language: 'nl' } },
      { op: 'delete', collection: 'practices', id: removed!.id },
      { op: 'put', collection: 'practices', record: { ...kept!, tags: ['changed'] } },
    ]);

    const second = await openStore(dir, () => {
      throw new Error('an existing store must not be seeded again');
    });
    expect(second.settings.language).toBe('nl');
    expect(second.all('practices')).toHaveLength(first.all('practices').length);
    expect(second.get('practices', removed!.id)).toBeUndefined();
    expect(second.get('practices', kept!.id)?.tags).toEqual(['changed']);
    expect(second.installationId).toBe(first.installationId);
  });

  it('leaves no temporary files behind after writing', async () => {
    const dir = await tempDir();
    const store = await openStore(dir, loadStarterContent);
    await Promise.all((['de', 'nl', 'de'] as const).map((language) => store.apply([{ op: 'settings', settings: { language } }])));
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
    const store = await openStore(dir, loadStarterContent);

    expect(store.notices).toHaveLength(1);
    const notice = store.notices[0]!;
    expect(notice.kind).toBe('storeRecovered');
    expect(path.dirname(notice.movedTo)).toBe(dir);
    expect(await readFile(notice.movedTo, 'utf8')).toBe(content);
    expect(store.all('practices').length).toBeGreaterThan(0);
    StoreData.parse(JSON.parse(await readFile(path.join(dir, STORE_FILE), 'utf8')));
  });

  it('does not mistake an unreadable store for a damaged one', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, STORE_FILE)); // reading a folder fails with EISDIR, not a syntax error
    await expect(openStore(dir, loadStarterContent)).rejects.toThrow(/EISDIR/);
    expect(await readdir(dir)).toEqual([STORE_FILE]);
  });

  it('changes nothing, in memory or on disk, when a write fails', async () => {
    const dir = await tempDir();
    const store = await openStore(dir, loadStarterContent);
    const before = store.all('practices');
    await rm(dir, { recursive: true }); // the folder is gone, as when a network drive disconnects
    await expect(store.apply([{ op: 'delete', collection: 'practices', id: before[0]!.id }])).rejects.toThrow(/ENOENT/);
    expect(store.all('practices')).toBe(before);
  });
});

describe('applying changes', () => {
  const data = seedData(loadStarterContent());
  const [first, second] = data.practices;

  it('adds, replaces and deletes records without touching the original data', () => {
    const added = { ...first!, id: 'practice-new' };
    const next = applyChanges(data, [
      { op: 'put', collection: 'practices', record: added },
      { op: 'put', collection: 'practices', record: { ...first!, tags: ['x'] } },
      { op: 'delete', collection: 'practices', id: second!.id },
      { op: 'delete', collection: 'practices', id: 'no-such-id' },
    ]);
    expect(next.practices.map((p) => p.id)).toEqual(
      [first!.id, ...data.practices.slice(2).map((p) => p.id), 'practice-new'],
    );
    expect(next.practices[0]!.tags).toEqual(['x']);
    expect(data.practices[0]).toBe(first);
    expect(data.practices[1]).toBe(second);
    expect(next.organisations).toBe(data.organisations); // untouched collections are shared, not copied
  });
});
