import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../core/base/canonical-json';
import { loadStarterContent } from '../../../core/store/starter-content';
import { openStore, seedData, STORE_FILE, StoreData } from '../../../core/store/store';
import { useTempDirs } from '../../helpers/temp-dir';
import { putAnnotations, storeFiles } from '../storage/helpers';
import { abandon } from '../../helpers/abandon';

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

    await first.flush();
    await abandon(dir);
    const second = await openStore(dir, () => {
      throw new Error('an existing store must not be seeded again');
    });
    expect(second.settings.language).toBe('nl');
    expect(second.all('practices')).toHaveLength(first.all('practices').length);
    expect(second.get('practices', removed!.id)).toBeUndefined();
    expect(second.get('practices', kept!.id)?.tags).toEqual(['changed']);
    expect(second.installationId).toBe(first.installationId);
  });

  it('leaves no temporary files behind after writing and closing', async () => {
    const dir = await tempDir();
    const store = await openStore(dir, loadStarterContent);
    await Promise.all(
      (['de', 'nl', 'de'] as const).map((language) => store.apply([{ op: 'settings', settings: { language } }])),
    );
    expect(store.settings.language).toBe('de');
    await store.close();
    expect(await storeFiles(dir)).toEqual([STORE_FILE]);
    expect((await readdir(path.join(dir, 'backups'))).every((name) => !name.startsWith('.'))).toBe(true);
  });

  it('refuses changes after it was closed', async () => {
    const store = await openStore(await tempDir(), loadStarterContent);
    await store.close();
    await expect(store.apply([{ op: 'settings', settings: { language: 'nl' } }])).rejects.toThrow(/closed/);
  });

  it('finds a record by id among many without scanning', async () => {
    const store = await openStore(await tempDir(), loadStarterContent);
    const ids = Array.from({ length: 20_000 }, (_, n) => `annotation-${n}`);
    await putAnnotations(store, ids);
    const started = performance.now();
    expect(ids.filter((id) => store.get('annotations', id)).length).toBe(ids.length);
    expect(performance.now() - started).toBeLessThan(100);
    expect(store.all('annotations')).toBe(store.all('annotations')); // the list is cached until the collection changes
    await store.close();
  });

  it.each([
    ['truncated JSON', '{"schemaVersion": 1, "practices": ['],
    ['garbage', '\u0000\u0001garbage'],
    ['an empty file', ''],
    ['the wrong shape', '{"schemaVersion": 1, "practices": "none"}'],
  ])('moves a store holding %s aside, untouched, and starts afresh when there is no backup', async (_name, content) => {
    const dir = await tempDir();
    await writeFile(path.join(dir, STORE_FILE), content);
    const store = await openStore(dir, loadStarterContent);

    expect(store.notices).toHaveLength(1);
    const notice = store.notices[0]!;
    expect(notice.kind).toBe('storeRecovered');
    expect(path.dirname(notice.movedTo)).toBe(dir);
    expect(await readFile(path.join(notice.movedTo, STORE_FILE), 'utf8')).toBe(content);
    expect(store.all('practices').length).toBeGreaterThan(0);
    StoreData.parse(JSON.parse(await readFile(path.join(dir, STORE_FILE), 'utf8')));
    await store.close();
  });

  it('reads a store file written before the journal existed, and rewrites it in the current layout', async () => {
    const dir = await tempDir();
    const data = seedData(loadStarterContent());
    await writeFile(path.join(dir, STORE_FILE), JSON.stringify(data));
    const store = await openStore(dir, loadStarterContent);
    expect(store.notices).toEqual([]);
    expect(store.installationId).toBe(data.installationId);
    expect(store.all('practices')).toHaveLength(data.practices.length);
    await store.flush();
    expect(await readFile(path.join(dir, STORE_FILE), 'utf8')).toMatch(/^\{"storeLayout":/);
    await store.close();
  });

  it('keeps every record with its keys in canonical order, as put, after reopening, and from an older snapshot', async () => {
    const dir = await tempDir();
    const store = await openStore(dir, loadStarterContent);
    const practice = store.all('practices')[0]!;
    const reversed = Object.fromEntries(
      Object.entries({ ...practice, tags: ['umgedreht'] }).reverse(),
    ) as typeof practice;
    await store.apply([{ op: 'put', collection: 'practices', record: reversed }]);
    const inOrder = (records: readonly object[]) =>
      records.every((record) => JSON.stringify(record) === canonicalJson(record));
    expect(JSON.stringify(store.get('practices', practice.id))).toBe(canonicalJson(reversed));
    expect(inOrder(store.all('practices'))).toBe(true);
    await store.flush();

    await abandon(dir);
    const reopened = await openStore(dir, loadStarterContent); // the change comes back from the journal
    expect(JSON.stringify(reopened.get('practices', practice.id))).toBe(canonicalJson(reversed));
    await reopened.close();

    // A snapshot of the older layout, with its records' keys in any order.
    const file = path.join(dir, STORE_FILE);
    const lines = (await readFile(file, 'utf8')).split('\n').slice(0, -2);
    const older = lines.map((line, n) =>
      n === 0
        ? line.replace('twinning-kb.lines.v2', 'twinning-kb.lines.v1')
        : line.startsWith('{"')
          ? reverseKeys(line)
          : line,
    );
    const body = `${older.join('\n')}\n`;
    await writeFile(file, `${body}"checksum":"crc32:${crc32(body).toString(16).padStart(8, '0')}"}\n`);
    const fromOlder = await openStore(dir, loadStarterContent);
    expect(fromOlder.notices).toEqual([]);
    expect(inOrder(fromOlder.all('practices'))).toBe(true);
    expect(fromOlder.get('practices', practice.id)?.tags).toEqual(['umgedreht']);
    await fromOlder.flush(); // rewritten in the current layout
    expect(await readFile(file, 'utf8')).toMatch(/^\{"storeLayout":"twinning-kb\.lines\.v2"/);
    await fromOlder.close();
  });

  it('reads attachment times written with an offset as the same instants in UTC, once, at opening', async () => {
    const dir = await tempDir();
    const first = await openStore(dir, loadStarterContent);
    const [practice] = first.all('practices');
    const attachment = {
      sha256: 'a'.repeat(64),
      name: 'kreisel.jpg',
      type: 'image/jpeg' as const,
      size: 10,
      caption: {},
      addedAt: '2026-10-01T10:30:00+02:00',
      deletedAt: '2026-10-02T09:00:00.5+01:00',
    };
    // As a bundle imported before attachment times were read as UTC left them in a store.
    await first.apply([{ op: 'put', collection: 'practices', record: { ...practice!, attachments: [attachment] } }]);
    await first.close();

    const second = await openStore(dir, loadStarterContent);
    expect(second.get('practices', practice!.id)?.attachments).toEqual([
      { ...attachment, addedAt: '2026-10-01T08:30:00.000Z', deletedAt: '2026-10-02T08:00:00.500Z' },
    ]);
    expect(second.get('practices', practice!.id)?.texts).toEqual(practice!.texts);
    await second.close();
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
    await store.flush(); // the first backup is written in the background
    await rm(dir, { recursive: true }); // the folder is gone, as when a network drive disconnects
    await expect(store.apply([{ op: 'delete', collection: 'practices', id: before[0]!.id }])).rejects.toThrow(/ENOENT/);
    expect(store.all('practices')).toBe(before);
  });
});

/** One record's line with its top-level keys reversed (and its trailing comma kept). */
function reverseKeys(line: string): string {
  const comma = line.endsWith(',') ? ',' : '';
  const record = JSON.parse(comma ? line.slice(0, -1) : line) as object;
  return JSON.stringify(Object.fromEntries(Object.entries(record).reverse())) + comma;
}
