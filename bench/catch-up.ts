/**
 * Catch-up only (see bench/sync.ts): a new installation's first round from a
 * generated installation's checkpoint. With --profile FILE, a CPU profile of
 * the catch-up alone is written to FILE.
 *
 *   jiti bench/catch-up.ts [--practices N] [--profile FILE]
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openKnowledgeBase } from '../core/knowledge-base';
import { generateKnowledgeBase, GENERATED_AV } from './generate';
import { parseArgs, writeGeneratedStore } from './store';

const args = parseArgs(process.argv.slice(2));
const profileAt = process.argv.indexOf('--profile');
const profile = profileAt > 0 ? process.argv[profileAt + 1] : undefined;
const work = await mkdtemp(path.join(tmpdir(), 'twinning-kb-catch-up-'));
const open = (dir: string) => openKnowledgeBase(dir, { systemLocales: ['de-DE'], sync: { background: false } });
try {
  const shared = path.join(work, 'shared');
  await mkdir(shared);
  await writeGeneratedStore(
    path.join(work, 'a'),
    generateKnowledgeBase({ practices: args.practices, annotationsPerPractice: 10, seed: 7 }),
  );
  const big = await open(path.join(work, 'a'));
  await big.sync.connect(shared);
  await big.sync.syncNow();
  await big.close();
  const other = await open(path.join(work, 'b'));
  await other.settings.setUser({ name: 'Bench NL', organisationId: GENERATED_AV });
  await other.sync.connect(shared);
  globalThis.gc?.();
  const session = new Session();
  if (profile) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const cpu = process.cpuUsage();
  const started = performance.now();
  await other.sync.syncNow();
  const catchUpMs = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  if (profile) {
    const { profile: result } = await session.post('Profiler.stop');
    await writeFile(profile, JSON.stringify(result));
  }
  process.stdout.write(
    `${JSON.stringify({ practices: args.practices, catchUpMs: Math.round(catchUpMs), catchUpCpuMs: Math.round((user + system) / 1000) })}\n`,
  );
  await other.close();
} finally {
  await rm(work, { recursive: true, force: true });
}
