import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Notice } from '../../../shared/responses';
import { STORE_FILE } from '../../../core/store/store';
import { useTempDirs } from '../../helpers/temp-dir';
import { annotationIds, open, putAnnotations, storeFiles } from './helpers';
import { abandon } from '../../helpers/abandon';

const tempDir = useTempDirs();

/** A store holding a-1 and a-2, a backup of exactly that, and a-3 saved after the backup. */
async function storeWithBackup(): Promise<{ dir: string; backup: string }> {
  const dir = await tempDir();
  const store = await open(dir);
  await putAnnotations(store, ['a-1', 'a-2']);
  const backup = await store.backup('before-import');
  await putAnnotations(store, ['a-3']);
  await store.close();
  return { dir, backup };
}

const damages: [string, (text: string) => string][] = [
  ['cut short', (text) => text.slice(0, Math.floor(text.length / 2))],
  ['garbage', () => '\u0000\u0001garbage'],
  ['empty', () => ''],
  ['of the wrong schema', () => '{"schemaVersion": 1, "practices": "none"}'],
  ['of a newer schema version', (text) => text.replace('"schemaVersion":1', '"schemaVersion":2')],
  ['changed by one byte', (text) => text.replace('a-2', 'a-9')],
];

describe('opening a damaged store', () => {
  it.each(damages)(
    'restores a snapshot that is %s from the newest good backup and keeps the damaged file',
    async (_name, damage) => {
      const { dir, backup } = await storeWithBackup();
      const damaged = damage(await readFile(path.join(dir, STORE_FILE), 'utf8'));
      await writeFile(path.join(dir, STORE_FILE), damaged);

      const store = await open(dir);
      expect(store.notices).toHaveLength(1);
      const notice = store.notices[0] as Extract<Notice, { kind: 'storeRestoredFromBackup' }>;
      expect(notice.kind).toBe('storeRestoredFromBackup');
      expect(notice.complete).toBe(false);
      expect(notice.backupTakenAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(path.dirname(notice.movedTo)).toBe(dir);
      expect(await readFile(path.join(notice.movedTo, STORE_FILE), 'utf8')).toBe(damaged);
      expect(annotationIds(store)).toEqual(['a-1', 'a-2']);
      expect(await readFile(backup)).toBeDefined(); // the backup itself is left in place
      await store.close();

      const again = await open(dir);
      expect(again.notices).toEqual([]);
      expect(annotationIds(again)).toEqual(['a-1', 'a-2']);
      await again.close();
    },
  );

  it('loses nothing when the journal continues the backup without a gap', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await putAnnotations(first, ['a-1']);
    await first.backup('manual');
    await putAnnotations(first, ['a-2']);
    await putAnnotations(first, ['a-3']);
    await first.flush(); // not closed: a-2 and a-3 are only in the journal
    await writeFile(path.join(dir, STORE_FILE), 'garbage');

    await abandon(dir);
    const store = await open(dir);
    expect(store.notices).toMatchObject([{ kind: 'storeRestoredFromBackup', complete: true }]);
    expect(annotationIds(store)).toEqual(['a-1', 'a-2', 'a-3']);
    const movedAside = await readdir((store.notices[0] as { movedTo: string }).movedTo);
    expect(movedAside.sort()).toEqual(['twinning-kb-000000000002.journal', STORE_FILE]);
    await store.close();
  });

  it('takes a snapshot whose layout name lost one byte for damage, not for an old store, and loses nothing', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await putAnnotations(first, ['a-1']);
    await first.backup('manual');
    await putAnnotations(first, ['a-2']);
    await first.flush(); // a-2 is only in the journal
    await abandon(dir);
    const snapshot = await readFile(path.join(dir, STORE_FILE), 'utf8');
    await writeFile(path.join(dir, STORE_FILE), snapshot.replace('lines.v2', 'lines.w2'));

    const store = await open(dir);
    expect(store.notices).toMatchObject([{ kind: 'storeRestoredFromBackup', complete: true }]);
    expect(annotationIds(store)).toEqual(['a-1', 'a-2']);
    await store.close();
  });

  it('skips a damaged backup and restores the one before it', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await putAnnotations(first, ['a-1']);
    await first.backup('manual');
    await putAnnotations(first, ['a-2']);
    const newest = await first.backup('manual');
    await first.close();
    await writeFile(newest, '{"storeLayout":"twinning-kb.lines.v1",');
    await writeFile(path.join(dir, STORE_FILE), '');

    const store = await open(dir);
    expect(store.notices.map((n) => n.kind)).toEqual(['storeRestoredFromBackup']);
    expect(annotationIds(store)).toEqual(['a-1']);
    await store.close();
  });

  it('restores from a backup when the snapshot is missing but the journal is not', async () => {
    const { dir } = await storeWithBackup();
    const reopened = await open(dir);
    await putAnnotations(reopened, ['a-4']);
    await reopened.flush();
    await rm(path.join(dir, STORE_FILE));

    await abandon(dir);
    const store = await open(dir);
    expect(store.notices.map((n) => n.kind)).toEqual(['storeRestoredFromBackup']);
    expect(annotationIds(store)).toEqual(['a-1', 'a-2']);
    expect(await readdir((store.notices[0] as { movedTo: string }).movedTo)).toEqual([
      'twinning-kb-000000000003.journal',
    ]);
    await store.close();
  });

  it('starts afresh from the starter content when no backup is usable, keeping everything it found', async () => {
    const { dir, backup } = await storeWithBackup();
    await rm(path.dirname(backup), { recursive: true });
    await writeFile(path.join(dir, STORE_FILE), '{');

    const store = await open(dir);
    expect(store.notices.map((n) => n.kind)).toEqual(['storeRecovered']);
    expect(annotationIds(store)).toEqual([]);
    expect(store.all('practices').length).toBeGreaterThan(0);
    expect(await storeFiles(dir)).toEqual([STORE_FILE]);
    await store.close();
  });

  it('never moves or changes files it cannot read for reasons other than damage', async () => {
    const { dir } = await storeWithBackup();
    const before = await readFile(path.join(dir, STORE_FILE));
    await rm(path.join(dir, STORE_FILE));
    await writeFile(path.join(dir, STORE_FILE), before, { mode: 0o000 });
    if (process.getuid?.() !== 0) {
      // Root reads anything; elsewhere an unreadable file must fail the open, not count as damage.
      await expect(open(dir)).rejects.toThrow(/EACCES/);
      expect(await storeFiles(dir)).toEqual([STORE_FILE]);
    }
  });
});
