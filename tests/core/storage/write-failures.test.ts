import { chmod, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORE_FILE } from '../../../core/store/store';
import { useTempDirs } from '../../helpers/temp-dir';
import { annotationIds, FaultyFileSystem, open, putAnnotations } from './helpers';
import { abandon } from '../../helpers/abandon';

const tempDir = useTempDirs();

/** A store on a faulty file system, holding a-1, with its first backup written. */
async function storeHoldingOne(options: { compactionBytes?: number } = {}) {
  const dir = await tempDir();
  const fs = new FaultyFileSystem();
  const store = await open(dir, { fs, ...options });
  await putAnnotations(store, ['a-1']);
  await store.flush();
  return { dir, fs, store };
}

describe('a write that fails', () => {
  it('is reported when the disk is full, keeps everything saved before, and saving works again once there is space', async () => {
    const { dir, fs, store } = await storeHoldingOne();
    const before = store.all('annotations');
    fs.spaceLeft = 50; // the batch is written in part, as on a full disk
    await expect(putAnnotations(store, ['a-2'])).rejects.toThrow(/ENOSPC/);
    expect(store.all('annotations')).toBe(before);
    expect(store.get('annotations', 'a-2')).toBeUndefined();

    fs.spaceLeft = Infinity;
    await putAnnotations(store, ['a-3']);
    await store.flush();
    await abandon(dir);
    const reopened = await open(dir);
    expect(reopened.notices).toEqual([]);
    expect(annotationIds(reopened)).toEqual(['a-1', 'a-3']);
  });

  it('is reported in a read-only folder and changes nothing', async () => {
    const { dir, fs, store } = await storeHoldingOne();
    fs.readOnly = true;
    await expect(putAnnotations(store, ['a-2'])).rejects.toThrow(/EROFS/);
    await expect(store.backup('before-import')).rejects.toThrow(/EROFS/);
    expect(annotationIds(store)).toEqual(['a-1']);

    await abandon(dir);
    const reopened = await open(dir);
    expect(reopened.notices).toEqual([]);
    expect(annotationIds(reopened)).toEqual(['a-1']);
  });

  it('is reported when the disk cannot confirm the write, and the unconfirmed batch is taken back', async () => {
    const { dir, fs, store } = await storeHoldingOne();
    fs.failSync = true;
    await expect(putAnnotations(store, ['a-2'])).rejects.toThrow(/EIO/);
    expect(annotationIds(store)).toEqual(['a-1']);
    await abandon(dir);
    expect(annotationIds(await open(dir))).toEqual(['a-1']);
  });

  it('leaves a journal the next write repairs, when even taking back the partial batch fails', async () => {
    const { dir, fs, store } = await storeHoldingOne();
    fs.spaceLeft = 50;
    fs.failTruncate = true;
    await expect(putAnnotations(store, ['a-2'])).rejects.toThrow(/ENOSPC/);
    fs.spaceLeft = Infinity;
    fs.failTruncate = false;
    await putAnnotations(store, ['a-3']);
    await store.flush();

    await abandon(dir);
    const reopened = await open(dir);
    expect(reopened.notices).toEqual([]);
    expect(annotationIds(reopened)).toEqual(['a-1', 'a-3']);
  });

  it('refuses a change that cannot be serialized before touching anything', async () => {
    const { store } = await storeHoldingOne();
    const bad = { ...store.get('annotations', 'a-1')!, id: 'a-2', text: 1n as unknown as string };
    await expect(store.apply([{ op: 'put', collection: 'annotations', record: bad }])).rejects.toThrow(TypeError);
    await expect(store.apply([{ op: 'put', collection: 'nothing' as 'annotations', record: bad }])).rejects.toThrow(
      /not a valid change/,
    );
    expect(annotationIds(store)).toEqual(['a-1']);
  });
});

describe('a compaction that fails', () => {
  it('loses nothing, leaves no temp files, and is reported by the next flush', async () => {
    const { dir, fs, store } = await storeHoldingOne({ compactionBytes: 1 });
    const snapshotBytes = (await stat(path.join(dir, STORE_FILE))).size;
    const text = 'x'.repeat(snapshotBytes / 2); // a journal beyond a quarter of the snapshot asks for compaction
    fs.spaceLeft = snapshotBytes; // room for the journal line, not for the new snapshot as well
    await putAnnotations(store, ['a-2'], text);
    await expect(store.flush()).rejects.toThrow(/ENOSPC/);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    fs.spaceLeft = Infinity;
    await putAnnotations(store, ['a-3']);
    await abandon(dir);
    const reopened = await open(dir);
    expect(reopened.notices).toEqual([]);
    expect(annotationIds(reopened)).toEqual(['a-1', 'a-2', 'a-3']);
  });
});

describe.skipIf(process.getuid?.() === 0)('a real read-only folder', () => {
  it('fails a change with a permission error and keeps the store readable', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    await putAnnotations(store, ['a-1']);
    await store.close();
    await abandon(dir);
    const reopened = await open(dir);
    await reopened.flush();
    await chmod(dir, 0o555);
    try {
      await expect(putAnnotations(reopened, ['a-2'])).rejects.toThrow(/EACCES|EPERM/);
      expect(annotationIds(reopened)).toEqual(['a-1']);
    } finally {
      await chmod(dir, 0o755);
    }
    expect(path.isAbsolute(dir)).toBe(true);
  });
});
