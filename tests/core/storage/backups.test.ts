import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreData } from '../../../core/store/store';
import { useTempDirs } from '../../helpers/temp-dir';
import { open, putAnnotations } from './helpers';

const tempDir = useTempDirs();
const HOUR = 60 * 60 * 1000;

/** A clock the test moves by hand. */
function clock(start = Date.parse('2026-03-01T09:00:00Z')) {
  let time = start;
  return { now: () => new Date(time), advance: (ms: number) => (time += ms) };
}

const backupNames = async (dir: string) => (await readdir(path.join(dir, 'backups'))).sort();

describe('rolling backups', () => {
  it('takes one when the store is opened, and no second one within the hour', async () => {
    const dir = await tempDir();
    const time = clock();
    await (await open(dir, { now: time.now })).close();
    expect(await backupNames(dir)).toEqual(['twinning-kb-2026-03-01T09-00-00-000Z-auto.json']);

    time.advance(HOUR / 2);
    await (await open(dir, { now: time.now })).close();
    expect(await backupNames(dir)).toHaveLength(1);

    time.advance(HOUR);
    await (await open(dir, { now: time.now })).close();
    expect(await backupNames(dir)).toEqual([
      'twinning-kb-2026-03-01T09-00-00-000Z-auto.json',
      'twinning-kb-2026-03-01T10-30-00-000Z-auto.json',
    ]);
  });

  it('keeps the newest five automatic backups', async () => {
    const dir = await tempDir();
    const time = clock();
    for (let n = 0; n < 7; n++) {
      await (await open(dir, { now: time.now })).close();
      time.advance(2 * HOUR);
    }
    const names = await backupNames(dir);
    expect(names).toHaveLength(5);
    expect(names[0]).toBe('twinning-kb-2026-03-01T13-00-00-000Z-auto.json');
  });

  it('takes one on demand that holds every change saved so far, kept apart from the automatic ones', async () => {
    const dir = await tempDir();
    const time = clock();
    const store = await open(dir, { now: time.now });
    await putAnnotations(store, ['a-1', 'a-2']);
    time.advance(1000);
    const file = await store.backup('Before import!');
    expect(path.basename(file)).toBe('twinning-kb-2026-03-01T09-00-01-000Z-before-import.json');
    const saved = StoreData.parse(JSON.parse(await readFile(file, 'utf8')));
    expect(saved.annotations.map((a) => a.id)).toEqual(['a-1', 'a-2']);
    expect(saved.installationId).toBe(store.installationId);
    await store.close();

    for (let n = 0; n < 6; n++) {
      time.advance(2 * HOUR);
      await (await open(dir, { now: time.now })).close();
    }
    expect(await backupNames(dir)).toContain(path.basename(file));
  });

  it('is taken after a compaction when the last automatic one is over an hour old', async () => {
    const dir = await tempDir();
    const time = clock();
    const store = await open(dir, { now: time.now, compactionBytes: 1 });
    await store.flush();
    time.advance(2 * HOUR);
    const ids = Array.from({ length: 50 }, (_, n) => `a-${n}`);
    await putAnnotations(store, ids, 'Eine längere Notiz über Grünflächen. '.repeat(40));
    await store.flush();
    const names = await backupNames(dir);
    expect(names).toHaveLength(2);
    const newest = StoreData.parse(JSON.parse(await readFile(path.join(dir, 'backups', names[1]!), 'utf8')));
    expect(newest.annotations).toHaveLength(50);
    await store.close();
  });
});
