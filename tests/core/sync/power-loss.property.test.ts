/**
 * Power cuts while syncing: an installation merges a peer's files from the
 * shared folder (applied to its store as a snapshot, as a big file is),
 * writes change files and a checkpoint and prunes its older files there,
 * keeping its sync state on its own disk — all through the recording file
 * system of the storage tests, so every state a power cut could leave (of the
 * store folder and the shared folder together) is opened afterwards. After
 * each "reboot": nothing reported saved is lost, the installation syncs
 * again without problems, and a newcomer reading the shared folder then ends
 * with exactly its content — no peer file skipped for ever, no change left
 * unpublished.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KnowledgeBase, SYNC_STATE_DIR } from '../../../core/knowledge-base';
import { loadStarterContent } from '../../../core/store/starter-content';
import { openStore } from '../../../core/store/store';
import { abandon } from '../../helpers/abandon';
import { useTempDirs } from '../../helpers/temp-dir';
import { RecordingFileSystem } from '../storage/recording-fs';
import { AV, content, practiceInput, syncingKnowledgeBase, TS } from './helpers';

const tempDir = useTempDirs();

/** `content` in short: per collection, each record's id and a hash of it, so a difference reads at a glance. */
function fingerprint(kb: KnowledgeBase): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(content(kb) as Record<string, string[]>).map(([collection, records]) => [
      collection,
      records.map(
        (json) =>
          `${(JSON.parse(json) as { id: string }).id} ${createHash('sha256').update(json).digest('hex').slice(0, 8)}`,
      ),
    ]),
  );
}
let checked = 0;

afterAll(() => {
  console.log(`power loss while syncing: ${checked} distinct crash states checked`);
});

describe('a power cut while syncing', () => {
  it(
    'loses nothing saved or merged, leaves no file unread and no change unpublished, and the installation syncs again',
    { timeout: 600_000 },
    async () => {
      const root = await tempDir();
      const shared = path.join(root, 'shared');
      const storeDir = path.join(root, 'b');
      await mkdir(shared);

      // A peer has written two change files before the cut can happen.
      const peer = await syncingKnowledgeBase(await tempDir(), { name: 'Erika Muster', organisationId: TS });
      await peer.sync.connect(shared);
      const fromPeer: string[] = [];
      for (const title of ['Kreisverkehr', 'Gründach']) {
        fromPeer.push((await peer.practices.save(undefined, practiceInput(peer, title))).practice.id);
        await peer.sync.syncNow();
      }
      await peer.close();

      // The installation under test, connected before recording starts.
      const setup = await syncingKnowledgeBase(storeDir, { name: 'Jan de Vries', organisationId: AV });
      await setup.sync.connect(shared);
      await setup.sync.close();
      await setup.store.close();

      const recording = await RecordingFileSystem.start(root);
      let tick = Date.parse('2026-11-21T09:00:00Z');
      const kb = new KnowledgeBase(
        await openStore(storeDir, loadStarterContent, { fs: recording, snapshotBatchChanges: 2 }),
        () => new Date((tick += 1000)),
        {},
        { stateDir: path.join(storeDir, SYNC_STATE_DIR), background: false, fs: recording, checkpointBytes: 1 },
      );
      await kb.sync.start();
      const round = async () =>
        expect((await kb.sync.syncNow()).connections[0]).toMatchObject({ state: 'synced', problems: [] });
      // Merges the peer's files (as a snapshot), then writes its own first change file, a checkpoint, and prunes.
      await round();
      recording.saved(fromPeer);
      const own = await kb.practices.save(undefined, practiceInput(kb, 'Büro der Zukunft', { organisationId: AV }));
      recording.saved([own.practice.id]);
      await round();
      const edited = await kb.practices.save(
        own.practice.id,
        practiceInput(kb, 'Büro der Zukunft, überarbeitet', { organisationId: AV }),
      );
      recording.saved([edited.practice.id]);
      await round();
      await kb.close();

      for (const { state, saved, point, variant } of recording.crashStates()) {
        const context = `crash before operation ${point}, un-synced operations: ${variant}`;
        const dir = await tempDir();
        await state.writeTo(dir);
        // The copy of the shared folder is elsewhere now: the connection points at it.
        const connections = path.join(dir, 'b', SYNC_STATE_DIR, 'connections.json');
        await writeFile(connections, (await readFile(connections, 'utf8')).replaceAll(root, dir));

        const rebooted = await syncingKnowledgeBase(path.join(dir, 'b'), { name: 'Jan de Vries', organisationId: AV });
        const newcomer = await syncingKnowledgeBase(await tempDir(), { name: 'Piet Jansen', organisationId: AV });
        try {
          expect(rebooted.store.notices, context).toEqual([]);
          const missing = [...saved].filter((id) => !rebooted.store.get('practices', id));
          expect(missing, context).toEqual([]);
          const status = await rebooted.sync.syncNow();
          expect(status.connections[0], context).toMatchObject({ state: 'synced', problems: [] });
          for (const id of fromPeer) expect(rebooted.store.get('practices', id), context).toBeDefined();

          await newcomer.sync.connect(path.join(dir, 'shared'));
          await newcomer.sync.syncNow();
          expect(fingerprint(newcomer), context).toEqual(fingerprint(rebooted));
        } finally {
          await rebooted.close();
          await newcomer.close();
          await abandon(path.join(dir, 'b')).catch(() => undefined);
          await rm(dir, { recursive: true, force: true });
        }
        checked += 1;
      }
      expect(checked).toBeGreaterThan(50);
    },
  );
});
