import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { STORE_FILE, StoreData } from '../../../core/store/store';
import { useTempDirs } from '../../helpers/temp-dir';
import { annotation, annotationIds, errno, FaultyFileSystem, open, putAnnotations, storeFiles } from './helpers';
import { abandon } from '../../helpers/abandon';

const tempDir = useTempDirs();
const readSnapshotData = async (dir: string) =>
  StoreData.parse(JSON.parse(await readFile(path.join(dir, STORE_FILE), 'utf8')));
const long = 'Lange Notiz. '.repeat(1_500);
/** Ids whose annotations, with the long text, add up to more than a quarter of the starter snapshot. */
const bulky = (prefix: string) => [1, 2, 3, 4, 5].map((n) => `${prefix}-${n}`);

describe('a small batch whose commit is called off', () => {
  it('is not appended to the journal', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    const change = { op: 'put' as const, collection: 'annotations' as const, record: annotation('a-1') };
    expect(await store.apply([change], { commitIf: Promise.resolve(false) })).toBe(false);
    expect(annotationIds(store)).toEqual([]);
    await store.flush();
    await abandon(dir);
    expect(annotationIds(await open(dir))).toEqual([]);
  });
});

describe('compaction', () => {
  it('folds the journal into the snapshot once the journal outgrows its share of it, and deletes what it covered', async () => {
    const dir = await tempDir();
    const store = await open(dir, { compactionBytes: 1 });
    await putAnnotations(store, ['a-1']);
    await store.flush();
    expect(await storeFiles(dir)).toEqual(['twinning-kb-000000000001.journal', STORE_FILE]); // small: no compaction yet

    await putAnnotations(store, bulky('b'), long);
    await store.flush();
    expect(await storeFiles(dir)).toEqual([STORE_FILE]);
    expect((await readSnapshotData(dir)).annotations.map((a) => a.id)).toEqual(['a-1', ...bulky('b')]);
  });

  it('keeps saving while a new snapshot is being written', async () => {
    const dir = await tempDir();
    const fs = new FaultyFileSystem();
    const store = await open(dir, { fs, compactionBytes: 1 });
    await store.flush();
    let releaseSnapshot!: () => void;
    const held = new Promise<void>((resolve) => (releaseSnapshot = resolve));
    fs.beforeRename = async (_from, to) => {
      if (to.endsWith(STORE_FILE)) await held;
    };

    await putAnnotations(store, bulky('b'), long); // starts a compaction, which waits at its rename
    for (const id of ['a-2', 'a-3', 'a-4']) await putAnnotations(store, [id]);
    expect(annotationIds(store)).toEqual([...bulky('b'), 'a-2', 'a-3', 'a-4']);
    releaseSnapshot();
    await store.flush();

    expect((await readSnapshotData(dir)).annotations.map((a) => a.id)).toEqual(bulky('b'));
    expect(await storeFiles(dir)).toEqual(['twinning-kb-000000000002.journal', STORE_FILE]);
    await abandon(dir);
    expect(annotationIds(await open(dir))).toEqual([...bulky('b'), 'a-2', 'a-3', 'a-4']);
  });

  it('loses and repeats nothing when it stops between writing the snapshot and deleting the old journal', async () => {
    const dir = await tempDir();
    const fs = new FaultyFileSystem();
    const store = await open(dir, { fs, compactionBytes: 1 });
    await putAnnotations(store, ['a-1']);
    await store.apply([{ op: 'delete', collection: 'annotations', id: 'a-1' }]);
    fs.beforeRemove = async (file) => {
      if (file.endsWith('.journal')) throw errno('EIO');
    };
    await putAnnotations(store, bulky('b'), long);
    await expect(store.flush()).rejects.toThrow(/EIO/);
    expect(await storeFiles(dir)).toEqual(['twinning-kb-000000000001.journal', STORE_FILE]);

    await abandon(dir);
    const reopened = await open(dir);
    expect(reopened.notices).toEqual([]);
    expect(annotationIds(reopened)).toEqual(bulky('b'));
    expect(await storeFiles(dir)).toEqual([STORE_FILE]); // the journal already in the snapshot is dropped on opening
  });

  it('folds the journal on close, so the next start reads one file', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    await putAnnotations(store, ['a-1']);
    await store.close();
    expect(await storeFiles(dir)).toEqual([STORE_FILE]);
    expect((await readSnapshotData(dir)).annotations.map((a) => a.id)).toEqual(['a-1']);
  });
});

describe('a batch as big as a share of the store', () => {
  it('is saved as a new snapshot, without a journal line and without a compaction after it', async () => {
    const dir = await tempDir();
    const store = await open(dir, { snapshotBatchChanges: 3 });
    await putAnnotations(store, ['a-1']);
    await store.flush();
    expect(await storeFiles(dir)).toEqual(['twinning-kb-000000000001.journal', STORE_FILE]);

    await putAnnotations(store, bulky('b'));
    expect(annotationIds(store)).toEqual(['a-1', ...bulky('b')]);
    // The journal it covered is gone at once; the next append starts a new segment.
    expect(await storeFiles(dir)).toEqual([STORE_FILE]);
    expect((await readSnapshotData(dir)).annotations.map((a) => a.id)).toEqual(['a-1', ...bulky('b')]);
    await putAnnotations(store, ['a-2']);
    await store.flush();
    expect(await storeFiles(dir)).toEqual(['twinning-kb-000000000002.journal', STORE_FILE]);
    await abandon(dir);
    expect(annotationIds(await open(dir))).toEqual(['a-1', ...bulky('b'), 'a-2']);
  });

  it('is written but not put in place when its commit is called off, changing nothing, in memory or on disk', async () => {
    const dir = await tempDir();
    const store = await open(dir, { snapshotBatchChanges: 3 });
    await putAnnotations(store, ['a-1']);
    await store.flush();
    const before = await readFile(path.join(dir, STORE_FILE));
    const changes = bulky('b').map((id) => ({
      op: 'put' as const,
      collection: 'annotations' as const,
      record: annotation(id),
    }));
    let callOff!: (commit: boolean) => void;
    const applying = store.apply(changes, { commitIf: new Promise<boolean>((resolve) => (callOff = resolve)) });
    // Written and flushed meanwhile: only the rename waits.
    await vi.waitFor(async () => expect((await readdir(dir)).some((name) => name.endsWith('.tmp'))).toBe(true));
    callOff(false);
    expect(await applying).toBe(false);
    expect(annotationIds(store)).toEqual(['a-1']);
    expect(await readFile(path.join(dir, STORE_FILE))).toEqual(before);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    await putAnnotations(store, ['a-2']);
    await store.flush();
    await abandon(dir);
    expect(annotationIds(await open(dir))).toEqual(['a-1', 'a-2']);
  });

  it('is saved as usual once its commit is confirmed', async () => {
    const dir = await tempDir();
    const store = await open(dir, { snapshotBatchChanges: 3 });
    const changes = bulky('b').map((id) => ({
      op: 'put' as const,
      collection: 'annotations' as const,
      record: annotation(id),
    }));
    expect(await store.apply(changes, { commitIf: Promise.resolve(true) })).toBe(true);
    await abandon(dir);
    expect(annotationIds(await open(dir))).toEqual(bulky('b'));
  });

  it('changes nothing, in memory or on disk, when its snapshot cannot be written, and saves again afterwards', async () => {
    const dir = await tempDir();
    const fs = new FaultyFileSystem();
    const store = await open(dir, { fs, snapshotBatchChanges: 3 });
    await putAnnotations(store, ['a-1']);
    await store.flush();
    const before = await readFile(path.join(dir, STORE_FILE));

    fs.spaceLeft = 100;
    await expect(putAnnotations(store, bulky('b'), long)).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(annotationIds(store)).toEqual(['a-1']);
    expect(await readFile(path.join(dir, STORE_FILE))).toEqual(before);

    fs.spaceLeft = Infinity;
    await putAnnotations(store, ['a-2']);
    await store.flush();
    await abandon(dir);
    expect(annotationIds(await open(dir))).toEqual(['a-1', 'a-2']);
  });
});
