/**
 * Sync benchmark: two installations on one shared folder in a temp folder,
 * one holding a generated knowledge base. Measured (processing only: the
 * polling that starts a round in the app is left out):
 * - publishMs: the first round of the big installation (its change file and
 *   checkpoint of everything);
 * - catchUpMs: a new installation's first round, catching up from that checkpoint;
 *   catchUpCpuMs: the CPU time this process spent meanwhile (all its threads, the
 *   garbage collector's included), which other processes on a shared machine do not inflate;
 * - changeWriteP50Ms/P95Ms: one edited practice written to the folder (a round), 200 times;
 * - changeApplyP50Ms/P95Ms: that change read and merged by the other installation (a round);
 * - sharedMB after `edits` small edits, each written in a round of its own,
 *   against checkpointMB, the size of one checkpoint (pruning bounds the folder);
 * - photoPublishMs / photoFetchMs: `photos` photos of 2 MB attached on one
 *   side, published to the folder in one round and fetched (hash and type
 *   checked) by the other in one; blobsMB, their bytes in the folder (once).
 *
 *   jiti bench/sync.ts [--json] [--practices N]
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openKnowledgeBase, type KnowledgeBase } from '../core/knowledge-base';
import { BLOBS_DIR, SYNC_DIR } from '../core/sync/layout';
import { png } from '../tests/helpers/attachment-fixtures';
import type { PracticeInput } from '../shared/requests';
import { generateKnowledgeBase, GENERATED_AV } from './generate';
import { parseArgs, writeGeneratedStore } from './store';

export interface SyncBenchReport {
  practices: number;
  publishMs: number;
  catchUpMs: number;
  catchUpCpuMs: number;
  changeWriteP50Ms: number;
  changeWriteP95Ms: number;
  changeApplyP50Ms: number;
  changeApplyP95Ms: number;
  edits: number;
  sharedMB: number;
  checkpointMB: number;
  photos: number;
  photoPublishMs: number;
  photoFetchMs: number;
  blobsMB: number;
}

export async function runSyncBench(options: {
  practices: number;
  changes?: number;
  edits?: number;
  photos?: number;
  log?: (line: string) => void;
}): Promise<SyncBenchReport> {
  const log = options.log ?? (() => undefined);
  const changes = options.changes ?? 200; // enough samples for a p95 that holds from run to run
  const edits = options.edits ?? 1_000;
  const photos = options.photos ?? 20;
  const work = await mkdtemp(path.join(tmpdir(), 'twinning-kb-sync-bench-'));
  const open = (dir: string) => openKnowledgeBase(dir, { systemLocales: ['de-DE'], sync: { background: false } });
  let big: KnowledgeBase | undefined;
  let other: KnowledgeBase | undefined;
  try {
    const shared = path.join(work, 'shared');
    await mkdir(shared);
    log(`sync: generating ${options.practices} practices`);
    await writeGeneratedStore(
      path.join(work, 'a'),
      generateKnowledgeBase({ practices: options.practices, annotationsPerPractice: 10, seed: 7 }),
    );
    big = await open(path.join(work, 'a'));
    await big.sync.connect(shared);
    log('sync: first round of the big installation (change file and checkpoint of everything)');
    const publishMs = await timed(() => big!.sync.syncNow());

    other = await open(path.join(work, 'b'));
    await other.settings.setUser({ name: 'Bench NL', organisationId: GENERATED_AV });
    await other.sync.connect(shared);
    log('sync: a new installation catches up');
    const cpu = process.cpuUsage();
    const catchUpMs = await timed(() => other!.sync.syncNow());
    const { user, system } = process.cpuUsage(cpu);
    const catchUpCpuMs = (user + system) / 1000;
    await big.sync.syncNow(); // what the newcomer brought along (its starter content)

    log(`sync: ${changes} single changes, written on one side and merged on the other`);
    const practices = big.store.all('practices').filter((p) => !p.deletedAt);
    const writes: number[] = [];
    const applies: number[] = [];
    for (let n = 0; n < changes; n++) {
      await edit(big, practices[n % practices.length]!.id, n);
      writes.push(await timed(() => big!.sync.syncNow()));
      applies.push(await timed(() => other!.sync.syncNow()));
    }

    log(`sync: ${photos} photos of 2 MB attached on one side, published and fetched`);
    const header = png(1, 1); // a real PNG first, so that its content types it as one
    for (let n = 0; n < photos; n++) {
      const bytes = Buffer.concat([header, randomBytes(2 * 2 ** 20 - header.length)]);
      await big.attachments.add(
        { kind: 'practices', id: practices[n % practices.length]!.id },
        { bytes, name: `foto-${n}.png` },
      );
    }
    const photoPublishMs = await timed(() => big!.sync.syncNow());
    const photoFetchMs = await timed(() => other!.sync.syncNow());

    log(`sync: ${edits} small edits, each written in a round of its own`);
    for (let n = 0; n < edits; n++) {
      await edit(big, practices[(n * 7) % practices.length]!.id, changes + n);
      await big.sync.syncNow();
    }
    const { total, checkpoint, blobs } = await folderSizes(path.join(shared, SYNC_DIR));
    return {
      practices: options.practices,
      publishMs,
      catchUpMs,
      catchUpCpuMs,
      changeWriteP50Ms: percentile(writes, 0.5),
      changeWriteP95Ms: percentile(writes, 0.95),
      changeApplyP50Ms: percentile(applies, 0.5),
      changeApplyP95Ms: percentile(applies, 0.95),
      edits,
      sharedMB: total / 2 ** 20,
      checkpointMB: checkpoint / 2 ** 20,
      photos,
      photoPublishMs,
      photoFetchMs,
      blobsMB: blobs / 2 ** 20,
    };
  } finally {
    await big?.close();
    await other?.close();
    await rm(work, { recursive: true, force: true });
  }
}

/** A small edit of a practice's summary, as a user makes one. */
async function edit(kb: KnowledgeBase, id: string, n: number): Promise<void> {
  const { practice } = kb.practices.get(id);
  const texts = Object.fromEntries(
    Object.entries(practice.texts).map(([lang, text]) => [
      lang,
      { ...text, summary: `${text.summary.slice(0, 200)} (${n})` },
    ]),
  ) as PracticeInput['texts'];
  const input: PracticeInput = {
    organisationId: practice.organisationId,
    topicIds: practice.topicIds,
    tags: practice.tags,
    originalLanguage: practice.originalLanguage,
    texts,
    sources: practice.sources,
    ...(practice.contact ? { contact: practice.contact } : {}),
  };
  await kb.practices.save(id, input);
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Bytes of the change files and checkpoints in the shared folder, of the largest checkpoint, and of the attachments. */
async function folderSizes(root: string): Promise<{ total: number; checkpoint: number; blobs: number }> {
  let total = 0;
  let checkpoint = 0;
  let blobs = 0;
  for (const installation of await readdir(root)) {
    for (const name of await readdir(path.join(root, installation))) {
      if (name === BLOBS_DIR) {
        for (const blob of await readdir(path.join(root, installation, name)))
          blobs += (await stat(path.join(root, installation, name, blob))).size;
        continue;
      }
      const { size } = await stat(path.join(root, installation, name));
      total += size;
      if (name.startsWith('k-')) checkpoint = Math.max(checkpoint, size);
    }
  }
  return { total, checkpoint, blobs };
}

export function formatReport(report: SyncBenchReport): string {
  const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
  return [
    `sync, ${report.practices} practices`,
    `  first round of the big installation (checkpoint)   ${ms(report.publishMs)}`,
    `  catch-up of a new installation from checkpoints    ${ms(report.catchUpMs)}   (target ≤ 3 000 ms; CPU ${ms(report.catchUpCpuMs)})`,
    `  one change written, p50 / p95                       ${ms(report.changeWriteP50Ms)} / ${ms(report.changeWriteP95Ms)}   (target ≤ 50 ms)`,
    `  one change applied on the other side, p50 / p95     ${ms(report.changeApplyP50Ms)} / ${ms(report.changeApplyP95Ms)}   (target ≤ 100 ms)`,
    `  shared folder after ${report.edits} small edits            ${report.sharedMB.toFixed(1)} MiB (one checkpoint: ${report.checkpointMB.toFixed(1)} MiB)`,
    `  ${report.photos} photos of 2 MB: published / fetched           ${ms(report.photoPublishMs)} / ${ms(report.photoFetchMs)}   (${report.blobsMB.toFixed(1)} MiB in the folder)`,
  ].join('\n');
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  const args = parseArgs(process.argv.slice(2));
  const report = await runSyncBench({
    practices: args.practices,
    log: args.json ? undefined : (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(args.json ? `${JSON.stringify(report)}\n` : `${formatReport(report)}\n`);
}
