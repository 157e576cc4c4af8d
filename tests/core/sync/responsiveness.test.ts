/**
 * A big file from the shared folder (a newcomer catching up from a
 * checkpoint) must not hold up the main process: requests from the window
 * (here: the sync status the sidebar asks for) are answered while it is read,
 * checked and merged. Counted in turns of the event loop, not in milliseconds.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateKnowledgeBase, GENERATED_AV } from '../../../bench/generate';
import { writeGeneratedStore } from '../../../bench/store';
import type { KnowledgeBase } from '../../../core/knowledge-base';
import { nodeFileSystem, type FileSystem } from '../../../core/base/file-system';
import { syncingKnowledgeBase } from './helpers';

let work: string;
const open: KnowledgeBase[] = [];

afterEach(async () => {
  for (const kb of open.splice(0)) await kb.close();
  await rm(work, { recursive: true, force: true });
});

describe('merging a big file from the shared folder', () => {
  it('answers requests between slices of the work, before the merge is written', async () => {
    work = await mkdtemp(path.join(tmpdir(), 'twinning-kb-sync-responsive-'));
    const shared = path.join(work, 'shared');
    await mkdir(shared);
    const generated = generateKnowledgeBase({ practices: 2_000, annotationsPerPractice: 5, seed: 3 });
    await writeGeneratedStore(path.join(work, 'big'), generated);
    const big = await syncingKnowledgeBase(path.join(work, 'big'));
    open.push(big);
    await big.sync.connect(shared);
    await big.sync.syncNow();

    // The newcomer: the moment the checkpoint's bytes are read, and the moment the store starts writing the merge.
    let read = false;
    let writing = false;
    const fs: FileSystem = {
      ...nodeFileSystem,
      readFile: (async (...args: Parameters<FileSystem['readFile']>) => {
        const bytes = await nodeFileSystem.readFile(...args);
        if (/k-\d+\.json$/.test(String(args[0]))) read = true;
        return bytes;
      }) as FileSystem['readFile'],
    };
    const newcomer = await syncingKnowledgeBase(
      path.join(work, 'newcomer'),
      { name: 'Jan de Vries', organisationId: GENERATED_AV },
      { fs },
    );
    open.push(newcomer);
    const apply = newcomer.store.apply.bind(newcomer.store);
    newcomer.store.apply = (changes, options) => {
      if (changes.length > 1_000) writing = true;
      return apply(changes, options);
    };
    await newcomer.sync.connect(shared);

    // A request every turn of the event loop, as the window would send them; counted while the file is read and merged.
    let answeredWhileMerging = 0;
    let stopped = false;
    const ticker = () => {
      if (stopped) return;
      const status = newcomer.sync.status();
      if (read && !writing && status.connections[0]?.state === 'syncing') answeredWhileMerging += 1;
      setImmediate(ticker);
    };
    setImmediate(ticker);
    try {
      await newcomer.sync.syncNow();
    } finally {
      stopped = true;
    }

    expect(newcomer.store.all('practices').length).toBeGreaterThanOrEqual(2_000);
    expect(newcomer.store.all('annotations').length).toBe(generated.annotations.length);
    // About 12 000 records: several turns while reading the bytes as a bundle, one per slice of checks and of merging.
    expect(answeredWhileMerging).toBeGreaterThanOrEqual(10);
  }, 120_000);
});
