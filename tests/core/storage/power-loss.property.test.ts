/**
 * Power cuts, not only process kills: every scenario runs the store through
 * the recording file system, then opens every state a power cut could have
 * left (recording-fs.ts) and checks that it opens, validates, and holds every
 * write reported saved before the cut. Slow project: a few thousand states.
 */
import { rm, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Annotation, Practice } from '../../../shared/model';
import { KnowledgeBase } from '../../../core/knowledge-base';
import { segmentName } from '../../../core/storage/journal';
import { loadStarterContent } from '../../../core/store/starter-content';
import { openStore, STORE_FILE, STORE_NAME } from '../../../core/store/store';
import { abandon } from '../../helpers/abandon';
import { exportText } from '../../helpers/bundles';
import { AV, germanPractice, TS } from '../../helpers/knowledge-base';
import { memoryKnowledgeBase } from '../../helpers/memory-store';
import { useTempDirs } from '../../helpers/temp-dir';
import { open, putAnnotations } from './helpers';
import { RecordingFileSystem } from './recording-fs';

const tempDir = useTempDirs();
/** Writes in the first scenario; POWER_LOSS_WRITES=200 for a long soak. */
const WRITES = Number(process.env.POWER_LOSS_WRITES ?? 40);
const checked: Record<string, number> = {};

afterAll(() => {
  const total = Object.values(checked).reduce((sum, n) => sum + n, 0);
  console.log(`power loss: ${total} distinct crash states checked (${JSON.stringify(checked)})`);
});

/** Opens every crash state the recording allows and checks it; returns how many there were. */
async function checkCrashStates(recording: RecordingFileSystem, allowedNotices: readonly string[]): Promise<number> {
  let count = 0;
  for (const { state, saved, point, variant } of recording.crashStates()) {
    count++;
    const dir = await tempDir();
    await state.writeTo(dir);
    const context = `crash before operation ${point}, un-synced operations: ${variant}`;
    const store = await open(dir);
    const missing = [...saved].filter((id) => !store.get('annotations', id) && !store.get('practices', id));
    expect(missing, context).toEqual([]);
    expect(
      store.notices.filter((notice) => !allowedNotices.includes(notice.kind)),
      context,
    ).toEqual([]);
    for (const record of store.all('annotations')) Annotation.parse(record);
    for (const record of store.all('practices')) Practice.parse(record);
    await store.flush();
    await abandon(dir);
    await rm(dir, { recursive: true, force: true });
  }
  return count;
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('a power cut at any moment', () => {
  it(
    'loses no saved write while the store is created, written, compacted and backed up',
    { timeout: 300_000 },
    async () => {
      const dir = await tempDir();
      const recording = await RecordingFileSystem.start(dir);
      const store = await open(dir, {
        fs: recording,
        compactionBytes: 4096,
        compactionShare: 0,
        backupInterval: 0,
        backupsKept: 2,
      });
      for (let n = 0; n < WRITES; n++) {
        const id = `w-${n}`;
        const text = 'Ein längerer Hinweis. '.repeat(n % 3 === 0 ? 300 : 2); // some batches span 4 KiB blocks
        // Every fourth write goes out with the next one, so two appends queue while a compaction may be running.
        const saving = putAnnotations(store, [id], text).then(() => recording.saved([id]));
        if (n % 4 !== 0) await saving;
      }
      await store.close();
      checked.writes = await checkCrashStates(recording, []);
      expect(checked.writes).toBeGreaterThan(100);
    },
  );

  it('loses no saved write during a manual backup and an import', { timeout: 300_000 }, async () => {
    const dir = await tempDir();
    const setup = await open(dir);
    await putAnnotations(setup, ['b-1']);
    await setup.close();
    const partner = memoryKnowledgeBase(
      { name: 'Erika Muster', organisationId: TS },
      { now: Date.parse('2026-12-01T09:00:00Z') },
    );
    const { practice } = await partner.practices.save(undefined, germanPractice(partner));

    const recording = await RecordingFileSystem.start(dir);
    recording.saved(['b-1']);
    const kb = new KnowledgeBase(await openStore(dir, loadStarterContent, { fs: recording }));
    await kb.settings.setUser({ name: 'Jan de Vries', organisationId: AV });
    await putAnnotations(kb.store, ['b-2']);
    recording.saved(['b-2']);
    await kb.store.backup('manual');
    const preview = kb.exchange.preview(bytes(exportText(partner)), 'bundle.twinning-kb.json');
    await kb.exchange.confirm(preview.previewId);
    recording.saved([practice.id]);
    await putAnnotations(kb.store, ['b-3']);
    recording.saved(['b-3']);
    await kb.close();
    checked.backupAndImport = await checkCrashStates(recording, []);
    expect(checked.backupAndImport).toBeGreaterThan(20);
  });

  it(
    'loses nothing the backup and journal hold while a damaged snapshot is recovered',
    { timeout: 300_000 },
    async () => {
      const dir = await tempDir();
      const setup = await open(dir);
      await putAnnotations(setup, ['r-1']);
      await setup.backup('manual');
      await putAnnotations(setup, ['r-2']);
      await setup.flush();
      await abandon(dir);
      await writeFile(path.join(dir, STORE_FILE), '');

      const recording = await RecordingFileSystem.start(dir);
      recording.saved(['r-1', 'r-2']);
      const store = await open(dir, { fs: recording });
      expect(store.notices).toMatchObject([{ kind: 'storeRestoredFromBackup', complete: true }]);
      await putAnnotations(store, ['r-3']);
      recording.saved(['r-3']);
      await store.close();
      checked.snapshotRecovery = await checkCrashStates(recording, ['storeRestoredFromBackup']);
      expect(checked.snapshotRecovery).toBeGreaterThan(10);
    },
  );

  it('keeps the intact snapshot while a damaged journal is recovered', { timeout: 300_000 }, async () => {
    const dir = await tempDir();
    const setup = await open(dir);
    await putAnnotations(setup, ['j-1']);
    await setup.close();
    const writer = await open(dir);
    await putAnnotations(writer, ['j-2']);
    await putAnnotations(writer, ['j-3']);
    await writer.flush();
    await abandon(dir);
    const segment = path.join(dir, segmentName(STORE_NAME, 2));
    await writeFile(segment, (await readFile(segment, 'utf8')).replace('"j-2"', '"j-X"'));

    const recording = await RecordingFileSystem.start(dir);
    recording.saved(['j-1']); // what the damaged journal still holds
    const store = await open(dir, { fs: recording });
    expect(store.notices).toMatchObject([{ kind: 'storePartlyRestored' }]);
    await putAnnotations(store, ['j-4']);
    recording.saved(['j-4']);
    await store.close();
    checked.journalRecovery = await checkCrashStates(recording, ['storePartlyRestored']);
    expect(checked.journalRecovery).toBeGreaterThan(10);
  });
});
