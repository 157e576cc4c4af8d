/**
 * Big files from the shared folder are checked on a worker thread while the
 * main thread parses, plans and writes them (core/bundle/check-in-worker.ts,
 * core/sync/incoming.ts). Here every file counts as big, and what comes of
 * it is compared with the same file merged on the main thread alone.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../../core/base/canonical-json';
import { sourceWorkerScript } from '../../../core/bundle/check-in-worker';
import { SYNC_DIR } from '../../../core/sync/layout';
import type { KnowledgeBase } from '../../../core/knowledge-base';
import type { Bundle } from '../../../shared/bundle';
import { useTempDirs } from '../../helpers/temp-dir';
import { AV, content, practiceInput, syncingKnowledgeBase, TS } from './helpers';

const tempDir = useTempDirs();
const ON_WORKER = { workerMinBytes: 0 };
const ON_MAIN_THREAD = { workerMinBytes: Number.POSITIVE_INFINITY };
const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);

/** An installation with practices (one in the trash) and annotations, its files written to `shared`. */
async function source(shared: string): Promise<KnowledgeBase> {
  const a = await syncingKnowledgeBase(await tempDir(), { name: 'Erika Muster', organisationId: TS });
  await a.sync.connect(shared);
  for (const title of ['Kreisverkehr „Am Rathaus“', 'Grünflächen', 'Agiles Arbeiten']) {
    const { practice } = await a.practices.save(undefined, practiceInput(a, title));
    await a.annotations.save(undefined, {
      practiceId: practice.id,
      kind: 'lesson',
      language: 'de',
      text: `Gelernt: "${title}" \\ mit Zeichen, die escaped werden`,
    });
  }
  await a.practices.trash(a.store.all('practices').find((p) => p.texts.de?.title === 'Grünflächen')!.id);
  await a.sync.syncNow();
  return a;
}

async function reader(shared: string, sync: object): Promise<KnowledgeBase> {
  const kb = await syncingKnowledgeBase(await tempDir(), { name: 'Joost de Vries', organisationId: AV }, sync);
  await kb.sync.connect(shared);
  return kb;
}

/** Rewrites every file of `kb` in the folder through `change`, with a checksum that fits again. */
async function rewriteFiles(shared: string, kb: KnowledgeBase, change: (bundle: Bundle) => string): Promise<void> {
  const folder = path.join(shared, SYNC_DIR, kb.store.installationId);
  for (const name of await readdir(folder)) {
    const bundle = JSON.parse(await readFile(path.join(folder, name), 'utf8'));
    const text = change(bundle);
    const changed = JSON.parse(text);
    changed.checksum.value = sha256Hex(canonicalJson(changed.content));
    await writeFile(path.join(folder, name), text.replace(bundle.checksum.value, changed.checksum.value as string));
  }
}

const problemCodes = (kb: KnowledgeBase) => kb.sync.status().connections[0]!.problems.map((p) => p.error.code);

describe('a big file checked on a worker thread', () => {
  it('is merged as the main thread alone merges it, and saved so', async () => {
    const shared = await tempDir();
    const a = await source(shared);
    const dir = await tempDir();
    const onWorker = await syncingKnowledgeBase(dir, { name: 'Joost de Vries', organisationId: AV }, ON_WORKER);
    await onWorker.sync.connect(shared);
    const onMain = await reader(shared, ON_MAIN_THREAD);
    await onWorker.sync.syncNow();
    await onMain.sync.syncNow();
    expect(problemCodes(onWorker)).toEqual([]);
    expect(content(onWorker)).toEqual(content(a));
    expect(content(onWorker)).toEqual(content(onMain));
    await onWorker.close();
    const reopened = await syncingKnowledgeBase(dir);
    expect(content(reopened)).toEqual(content(a));
  });

  it('is merged as the schema reads it when the schema changes something (a time in another zone)', async () => {
    const shared = await tempDir();
    const a = await source(shared);
    await rewriteFiles(shared, a, (bundle) => {
      const practice = bundle.content.practices[0]!;
      practice.updatedAt = practice.updatedAt.replace(
        /T(\d\d)(.*)Z$/,
        (_: string, hour: string, rest: string) => `T${String(Number(hour) + 1).padStart(2, '0')}${rest}+01:00`,
      );
      return canonicalJson(bundle);
    });
    const onWorker = await reader(shared, ON_WORKER);
    const onMain = await reader(shared, ON_MAIN_THREAD);
    await onWorker.sync.syncNow();
    await onMain.sync.syncNow();
    expect(problemCodes(onWorker)).toEqual([]);
    expect(content(onWorker)).toEqual(content(onMain));
    expect(content(onWorker)).toEqual(content(a)); // the same instant, written in UTC again
  });

  it('is merged as the main thread merges it when it is not written as canonical JSON (indented)', async () => {
    const shared = await tempDir();
    const a = await source(shared);
    await rewriteFiles(shared, a, (bundle) => JSON.stringify(bundle, null, 2));
    const onWorker = await reader(shared, ON_WORKER);
    await onWorker.sync.syncNow();
    expect(problemCodes(onWorker)).toEqual([]);
    expect(content(onWorker)).toEqual(content(a));
  });

  it('is refused as on the main thread when it is forged, and changes nothing here', async () => {
    const shared = await tempDir();
    const a = await source(shared);
    const folder = path.join(shared, SYNC_DIR, a.store.installationId);
    for (const name of await readdir(folder)) {
      const text = await readFile(path.join(folder, name), 'utf8');
      await writeFile(path.join(folder, name), text.replace('Agiles Arbeiten', 'Agiles Arbeiten!'));
    }
    const onWorker = await reader(shared, ON_WORKER);
    const before = content(onWorker);
    await onWorker.sync.syncNow();
    expect(problemCodes(onWorker)).toEqual(['bundleChecksum']);
    expect(content(onWorker)).toEqual(before);
  });

  it('changes nothing when the worker refuses it, though this thread found nothing wrong', async () => {
    const shared = await tempDir();
    await source(shared);
    const refused = await reader(shared, { ...ON_WORKER, worker: fixture('refusing-worker.mjs') });
    const before = content(refused);
    await refused.sync.syncNow();
    expect(problemCodes(refused)).toEqual(['bundleChecksum']);
    expect(content(refused)).toEqual(before);
    expect(refused.sync.status().connections[0]!.pending).toBe(0);
  });

  it('is merged on this thread when the worker cannot be started', async () => {
    const shared = await tempDir();
    const a = await source(shared);
    const kb = await reader(shared, { ...ON_WORKER, worker: fixture('no-such-worker.mjs') });
    await kb.sync.syncNow();
    expect(problemCodes(kb)).toEqual([]);
    expect(content(kb)).toEqual(content(a));
  });

  it('keeps a change saved here while the verdict is awaited, and the merge as well', async () => {
    const shared = await tempDir();
    const a = await source(shared);
    const kb = await reader(shared, { ...ON_WORKER, worker: fixture('slow-trusting-worker.mjs') });
    const round = kb.sync.syncNow();
    const { practice: mine } = await kb.practices.save(undefined, practiceInput(kb, 'Meins', { organisationId: AV }));
    await round;
    expect(kb.store.get('practices', mine.id)).toEqual(mine);
    for (const practice of a.store.all('practices')) expect(kb.store.get('practices', practice.id)).toEqual(practice);
  });

  it('is checked by the worker script beside the sources when none is given', () => {
    expect(sourceWorkerScript()?.pathname).toMatch(/core\/bundle\/check-worker-entry\.ts$/);
  });
});
