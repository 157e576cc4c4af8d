import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { segmentName } from '../../../core/storage/journal';
import { STORE_FILE, STORE_NAME } from '../../../core/store/store';
import { abandon } from '../../helpers/abandon';
import { useTempDirs } from '../../helpers/temp-dir';
import { annotationIds, DyingFileSystem, open, putAnnotations, storeFiles } from './helpers';

const tempDir = useTempDirs();

/** a-1 saved, a manual backup of it, a-2 saved after it (in the journal only), then the snapshot emptied. */
async function snapshotDamagedAfterBackup(): Promise<string> {
  const dir = await tempDir();
  const store = await open(dir);
  await putAnnotations(store, ['a-1']);
  await store.backup('manual');
  await putAnnotations(store, ['a-2']);
  await store.flush();
  await abandon(dir);
  await writeFile(path.join(dir, STORE_FILE), '');
  return dir;
}

/** a-1 in the snapshot, then a-2 and a-3 in the journal, the line of a-2 damaged. */
async function journalDamaged(): Promise<string> {
  const dir = await tempDir();
  const first = await open(dir);
  await putAnnotations(first, ['a-1']);
  await first.close();
  const store = await open(dir);
  await putAnnotations(store, ['a-2']);
  await putAnnotations(store, ['a-3']);
  await store.flush();
  await abandon(dir);
  const segment = path.join(dir, segmentName(STORE_NAME, 2));
  await writeFile(segment, (await readFile(segment, 'utf8')).replace('"a-2"', '"a-X"'));
  return dir;
}

const cases = [
  {
    name: 'a damaged snapshot',
    damage: snapshotDamagedAfterBackup,
    kept: ['a-1', 'a-2'],
    kind: 'storeRestoredFromBackup',
  },
  { name: 'a damaged journal', damage: journalDamaged, kept: ['a-1'], kind: 'storePartlyRestored' },
];

describe('a recovery cut short', () => {
  it.each(cases)(
    'from $name is completed by the next start, whichever step the crash hit',
    async ({ damage, kept, kind }) => {
      let steps = 0;
      let untold = 0;
      for (; ; steps++) {
        const dir = await damage();
        const dying = new DyingFileSystem(steps);
        const finished = await open(dir, { fs: dying }).then(
          async (store) => {
            await abandon(dir);
            return store;
          },
          () => null,
        );

        const store = await open(dir);
        expect(annotationIds(store), `crash after ${steps} steps`).toEqual(kept);
        // Told once, by whichever start finished; not at all only when the crash came after the recovery's last step.
        const kinds = [...(finished?.notices ?? []), ...store.notices].map((notice) => notice.kind);
        expect([[kind], []]).toContainEqual(kinds);
        if (kinds.length === 0) untold++;
        const folders = (await readdir(dir)).filter((name) => name.startsWith('damaged-'));
        expect(folders).toHaveLength(1);
        expect(await readdir(path.join(dir, folders[0]!))).not.toEqual([]);
        expect(await storeFiles(dir)).toEqual([STORE_FILE]);
        await store.close();
        const again = await open(dir);
        expect(again.notices).toEqual([]);
        expect(annotationIds(again)).toEqual(kept);
        await again.close();
        if (finished) break;
      }
      expect(steps).toBeGreaterThan(8); // the crash really hit every step of the recovery
      expect(untold).toBeLessThanOrEqual(2); // deleting the plan and syncing its folder
    },
  );

  it('is completed from the damaged folder when a crash left only that behind', async () => {
    const dir = await snapshotDamagedAfterBackup();
    const folder = path.join(dir, 'damaged-2026-01-01T00-00-00-000Z');
    await mkdir(folder);
    for (const name of [STORE_FILE, segmentName(STORE_NAME, 2)]) {
      await rename(path.join(dir, name), path.join(folder, name));
    }

    const store = await open(dir);
    expect(annotationIds(store)).toEqual(['a-1', 'a-2']);
    expect(store.notices).toMatchObject([{ kind: 'storeRestoredFromBackup', movedTo: folder, complete: true }]);
    expect((await readdir(folder)).sort()).toEqual([segmentName(STORE_NAME, 2), STORE_FILE]);
    await store.close();
  });
});
