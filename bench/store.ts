/**
 * Store benchmark: generates a synthetic knowledge base, stores it twice —
 * once with the store's engine (snapshot + journal), once the naive lowdb way
 * (one pretty-printed JSONFile, rewritten whole on every change) — and
 * measures both in the same run, each in a fresh child process so that load
 * time and memory are not disturbed by the generator or by each other.
 *
 *   jiti bench/store.ts [--json] [--practices N] [--annotations-per-practice N]
 *
 * Figures: loadMs (open until usable; median of three fresh processes, as
 * is naiveLoadMs), writeP50Ms/writeP95Ms (one durable change: edit a
 * practice or add an annotation), exportMs (export everything to a bundle
 * file, as the app does), importMs (read, validate, preview and import a
 * partner's bundle with as many practices as the store holds, backup
 * included) — export and import each in a fresh process that opens the
 * store first —, rssMB (peak resident memory of the process while opening
 * and writing), storeRssMB (what the store adds to it: rssMB less the
 * process's memory just before opening, which is Node's own), storeMB
 * (store on disk, without backups); the peaks of the export and import
 * processes are reported too.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Annotation, Practice } from '../shared/model';
import { SnapshotFile } from '../core/storage/snapshot';
import {
  COLLECTIONS,
  openStore,
  STORE_FILE,
  STORE_SCHEMA_VERSION,
  type Change,
  type StoreData,
} from '../core/store/store';
import { BUNDLE_EXTENSION, type BundleCollection } from '../shared/bundle';
import { readBundleFile, writeBundleFile } from '../core/bundle/bundle-file';
import { writeBundle } from '../core/bundle/write-bundle';
import { KnowledgeBase } from '../core/knowledge-base';
import {
  GENERATED_AV,
  GENERATED_TS,
  GENERATOR_INSTALLATION,
  generateKnowledgeBase,
  type GeneratedKnowledgeBase,
} from './generate';

export interface StoreBenchOptions {
  practices: number;
  annotationsPerPractice?: number;
  /** Changes timed on the store (default 200). */
  writes?: number;
  /** Changes timed on the naive baseline, which takes about a second each at full size (default 20). */
  naiveWrites?: number;
  seed?: number;
  /** Progress lines; silent by default. */
  log?: (line: string) => void;
}

export interface StoreBenchReport {
  practices: number;
  annotations: number;
  storeMB: number;
  loadMs: number;
  writeP50Ms: number;
  writeP95Ms: number;
  exportMs: number;
  importMs: number;
  /** Peak resident memory of the process while opening the store and writing. */
  rssMB: number;
  /** Resident memory before opening: the runtime itself. */
  rssBeforeOpenMB: number;
  /** What opening and writing added to the runtime's memory at the peak: rssMB - rssBeforeOpenMB. */
  storeRssMB: number;
  /** Peak of a process that opens the store and exports everything (it holds the bundle as well). */
  rssWithExportMB: number;
  /** Peak of a process that opens the store and imports the partner's bundle. */
  rssWithImportMB: number;
  naiveStoreMB: number;
  naiveLoadMs: number;
  naiveWriteP50Ms: number;
  naiveWriteP95Ms: number;
  /** Peak resident memory of the naive baseline while loading and writing. */
  naiveRssMB: number;
  writes: number;
  naiveWrites: number;
  /** How the measured phases ran: bundled JavaScript (as in the app) or TypeScript through jiti. */
  runtime: 'bundled' | 'jiti';
  node: string;
}

const DEFAULT_PRACTICES = 10_000;
const DEFAULT_ANNOTATIONS_PER_PRACTICE = 10;
const NAIVE_FILE = 'naive.json';
const PARTNER_FILE = `partner${BUNDLE_EXTENSION}`;
/** Fresh processes that open each store; the last of them also writes. */
const LOAD_RUNS = 3;
const MiB = 1024 * 1024;

export async function runStoreBench(options: StoreBenchOptions): Promise<StoreBenchReport> {
  const annotationsPerPractice = options.annotationsPerPractice ?? DEFAULT_ANNOTATIONS_PER_PRACTICE;
  const writes = options.writes ?? 200;
  const naiveWrites = options.naiveWrites ?? 20;
  const log = options.log ?? (() => undefined);
  const work = await mkdtemp(path.join(tmpdir(), 'twinning-kb-bench-'));
  try {
    log(`generating ${options.practices} practices, ${annotationsPerPractice} annotations each`);
    const annotations = await writeStores(work, options.practices, annotationsPerPractice, options.seed ?? 1);
    const runner = await prepareRunner(work);
    // Load times vary with what else the machine does: several fresh processes, taking turns, and the median of each.
    const loads: number[] = [];
    const naiveLoads: number[] = [];
    for (let run = 1; run < LOAD_RUNS; run++) {
      log(`loading, run ${run} of ${LOAD_RUNS} (${runner.runtime})`);
      loads.push((await runPhase<Pick<StorePhase, 'loadMs'>>('store-load', work, 0, runner)).loadMs);
      naiveLoads.push((await runPhase<Pick<NaivePhase, 'naiveLoadMs'>>('naive-load', work, 0, runner)).naiveLoadMs);
    }
    log(`loading and writing, run ${LOAD_RUNS} of ${LOAD_RUNS}`);
    const store = await runPhase<StorePhase>('store', work, writes, runner);
    // Export and import each in a fresh process that opens the store first, as a user would.
    log('exporting everything');
    const exported = await runPhase<ExportPhase>('export', work, 0, runner);
    log(`importing a partner's bundle of ${options.practices} practices`);
    const imported = await runPhase<ImportPhase>('import', work, 0, runner);
    const naive = await runPhase<NaivePhase>('naive', work, naiveWrites, runner);
    return {
      practices: options.practices,
      annotations,
      ...store,
      ...exported,
      ...imported,
      ...naive,
      loadMs: median([...loads, store.loadMs]),
      naiveLoadMs: median([...naiveLoads, naive.naiveLoadMs]),
      writes,
      naiveWrites,
      runtime: runner.runtime,
      node: process.version,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Writes the same data as the store's snapshot (in `store/`) and as one naive
 * lowdb file, and a partner's bundle to import; returns the number of annotations.
 */
export async function writeStores(
  work: string,
  practices: number,
  annotationsPerPractice: number,
  seed: number,
): Promise<number> {
  const generated = generateKnowledgeBase({ practices, annotationsPerPractice, seed });
  const data = await writeGeneratedStore(path.join(work, 'store'), generated);
  await new Low(new JSONFile<StoreData>(path.join(work, NAIVE_FILE)), data).write();
  await writeFile(path.join(work, PARTNER_FILE), partnerBundle(practices));
  return generated.annotations.length;
}

/** Writes a generated knowledge base as a store in `dir` (created), as if the app had saved it; also used by UI tests at scale. */
export async function writeGeneratedStore(dir: string, generated: GeneratedKnowledgeBase): Promise<StoreData> {
  const data = {
    schemaVersion: STORE_SCHEMA_VERSION,
    installationId: randomUUID(),
    // Generated content only: no starter content, and none brought by the starter upgrade on opening.
    settings: { language: 'de', user: { name: 'Bench', organisationId: GENERATED_TS }, starterRemoved: true },
    ...Object.fromEntries(COLLECTIONS.map((name) => [name, []])),
    ...generated,
  } as StoreData;
  const { schemaVersion, installationId, settings } = data;
  const collections = Object.fromEntries(COLLECTIONS.map((name) => [name, data[name]]));
  await mkdir(dir, { recursive: true });
  await new SnapshotFile(path.join(dir, STORE_FILE)).write({
    journalSeq: 0,
    savedAt: new Date().toISOString(),
    fields: { schemaVersion, installationId, settings },
    collections,
  });
  return data;
}

// --- the measured phases, each run in a child process ----------------------

type StorePhase = Pick<
  StoreBenchReport,
  'storeMB' | 'loadMs' | 'writeP50Ms' | 'writeP95Ms' | 'rssMB' | 'rssBeforeOpenMB' | 'storeRssMB'
>;
type ExportPhase = Pick<StoreBenchReport, 'exportMs' | 'rssWithExportMB'>;
type ImportPhase = Pick<StoreBenchReport, 'importMs' | 'rssWithImportMB'>;
type NaivePhase = Pick<
  StoreBenchReport,
  'naiveStoreMB' | 'naiveLoadMs' | 'naiveWriteP50Ms' | 'naiveWriteP95Ms' | 'naiveRssMB'
>;

const openBenchStore = (dir: string) =>
  openStore(dir, () => {
    throw new Error('the bench store exists already');
  });

/** Only opens the store (and waits for its background backup, so every run finds the same folder). */
async function storeLoadPhase(work: string): Promise<Pick<StorePhase, 'loadMs'>> {
  const started = performance.now();
  const store = await openBenchStore(path.join(work, 'store'));
  const loadMs = performance.now() - started;
  await store.flush();
  return { loadMs };
}

async function naiveLoadPhase(work: string): Promise<Pick<NaivePhase, 'naiveLoadMs'>> {
  const db = new Low<StoreData | null>(new JSONFile(path.join(work, NAIVE_FILE)), null);
  const started = performance.now();
  await db.read();
  return { naiveLoadMs: performance.now() - started };
}

async function storePhase(work: string, writes: number): Promise<StorePhase> {
  const dir = path.join(work, 'store');
  const storeMB = (await folderBytes(dir)) / MiB;
  const rssBeforeOpenMB = process.memoryUsage().rss / MiB;
  let started = performance.now();
  const store = await openBenchStore(dir);
  const loadMs = performance.now() - started;
  await store.flush(); // the first automatic backup is copied in the background: not part of the writes timed

  const times: number[] = [];
  const practices = store.all('practices');
  for (let n = 0; n < writes; n++) {
    const change = benchChange(n, practices);
    started = performance.now();
    await store.apply([change]);
    times.push(performance.now() - started);
  }

  const rssMB = peakRss();
  await store.close();
  return {
    storeMB,
    loadMs,
    ...percentiles(times, 'write'),
    rssMB,
    rssBeforeOpenMB,
    storeRssMB: rssMB - rssBeforeOpenMB,
  };
}

/** Exports everything through the app's own path: build the bundle, serialise, write the file durably. */
async function exportPhase(work: string): Promise<ExportPhase> {
  const store = await openBenchStore(path.join(work, 'store'));
  const kb = new KnowledgeBase(store);
  const started = performance.now();
  await writeBundleFile(path.join(work, `export${BUNDLE_EXTENSION}`), kb.exchange.exportBundle().pieces);
  const exportMs = performance.now() - started;
  const rssWithExportMB = peakRss();
  await store.close();
  return { exportMs, rssWithExportMB };
}

/** Imports the partner's bundle as the app does: read the file, validate and plan (the preview), back up, apply. */
async function importPhase(work: string): Promise<ImportPhase> {
  const store = await openBenchStore(path.join(work, 'store'));
  const kb = new KnowledgeBase(store);
  const started = performance.now();
  const preview = kb.exchange.preview(await readBundleFile(path.join(work, PARTNER_FILE)), PARTNER_FILE);
  await kb.exchange.confirm(preview.previewId);
  const importMs = performance.now() - started;
  const rssWithImportMB = peakRss();
  const { added, deleted } = preview.counts.practices;
  const expected = store.all('practices').filter((p) => p.id.startsWith(PARTNER_PREFIX)).length;
  if (added + deleted !== expected) throw new Error(`the partner bundle added ${added} of ${expected} practices`);
  await store.close();
  return { importMs, rssWithImportMB };
}

const PARTNER_INSTALLATION = '00000000-0000-4000-8000-00000000b0b0';
const PARTNER_PREFIX = 'partner-';

/** A bundle from the partner's installation: `count` practices of their own, with the shared organisations and topics. */
function partnerBundle(count: number): Uint8Array {
  const partner = generateKnowledgeBase({ practices: count, annotationsPerPractice: 0, seed: 2 });
  const practices = partner.practices.map((practice) => ({ ...practice, id: `${PARTNER_PREFIX}${practice.id}` }));
  const records: Partial<Record<BundleCollection, readonly unknown[]>> = {
    organisations: partner.organisations,
    topics: partner.topics,
    practices,
  };
  return writeBundle(
    { all: (collection) => (records[collection] ?? []) as never, conflicts: () => [] },
    {
      exportedAt: new Date().toISOString(),
      exportedBy: { installationId: PARTNER_INSTALLATION, organisationId: GENERATED_AV },
    },
  ).bytes;
}

async function naivePhase(work: string, writes: number): Promise<NaivePhase> {
  const file = path.join(work, NAIVE_FILE);
  const naiveStoreMB = (await stat(file)).size / MiB;
  const db = new Low<StoreData | null>(new JSONFile(file), null);
  let started = performance.now();
  await db.read();
  const naiveLoadMs = performance.now() - started;
  const data = db.data!;
  const times: number[] = [];
  for (let n = 0; n < writes; n++) {
    const change = benchChange(n, data.practices);
    started = performance.now();
    if (change.op === 'put' && change.collection === 'practices') {
      const index = data.practices.findIndex((p) => p.id === change.record.id);
      data.practices[index] = change.record;
    } else if (change.op === 'put' && change.collection === 'annotations') {
      data.annotations.push(change.record);
    }
    await db.write();
    times.push(performance.now() - started);
  }
  const { naiveWriteP50Ms, naiveWriteP95Ms } = percentiles(times, 'naiveWrite');
  return { naiveStoreMB, naiveLoadMs, naiveWriteP50Ms, naiveWriteP95Ms, naiveRssMB: peakRss() };
}

/** The n-th timed change, the same for store and baseline: edit a practice, or add an annotation to one. */
function benchChange(n: number, practices: readonly Practice[]): Change {
  const practice = practices[(n * 7919) % practices.length]!;
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString();
  if (n % 2 === 0) {
    return {
      op: 'put',
      collection: 'practices',
      record: { ...practice, tags: [...practice.tags.slice(0, 49), `bench-${n}`], updatedAt: at },
    };
  }
  const annotation: Annotation = {
    id: `bench-annotation-${n}`,
    version: { [GENERATOR_INSTALLATION]: 1 },
    changedBy: GENERATOR_INSTALLATION,
    practiceId: practice.id,
    kind: 'lesson',
    text: 'Gelernt: Die Bürgerbeteiligung früh beginnen, dann läuft die Planung schneller.',
    language: 'de',
    author: 'Bench',
    organisationId: practice.organisationId,
    createdAt: at,
    updatedAt: at,
  };
  return { op: 'put', collection: 'annotations', record: annotation };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}

function percentiles<P extends string>(times: number[], prefix: P): Record<`${P}P50Ms` | `${P}P95Ms`, number> {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { [`${prefix}P50Ms`]: at(0.5), [`${prefix}P95Ms`]: at(0.95) } as Record<`${P}P50Ms` | `${P}P95Ms`, number>;
}

/**
 * Peak resident memory of this process so far, in MiB. On Linux from
 * /proc (VmHWM): getrusage's maxRSS survives exec and so would report the
 * parent's memory at the moment it spawned this process.
 */
function peakRss(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS / 1024;
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(path.join(dir, entry.name))).size;
  }
  return total;
}

/**
 * Runs one phase in a fresh Node process and returns its figures. The phase
 * code is bundled to plain JavaScript first, as electron-vite bundles the
 * app's main process: no TypeScript compiler sits in the measured memory.
 * Without vite it falls back to running this file through jiti.
 */
type Phase = 'store-load' | 'naive-load' | 'store' | 'export' | 'import' | 'naive';

async function runPhase<T>(phase: Phase, work: string, writes: number, runner: Runner): Promise<T> {
  const args = [...runner.args, `--phase=${phase}`, `--work=${work}`, ...(writes > 0 ? [`--writes=${writes}`] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`the ${phase} phase failed with exit code ${code}`));
      else resolve(JSON.parse(output) as T);
    });
  });
}

interface Runner {
  runtime: 'bundled' | 'jiti';
  /** Node arguments that run this file. */
  args: string[];
}

async function prepareRunner(work: string): Promise<Runner> {
  const self = fileURLToPath(import.meta.url);
  try {
    const { build } = await import('vite');
    const outDir = path.join(work, 'bundle');
    await build({
      configFile: false,
      logLevel: 'error',
      root: path.dirname(self),
      build: {
        ssr: self,
        outDir,
        minify: false,
        target: 'node20',
        rollupOptions: { external: ['vite', 'jiti'], output: { entryFileNames: 'store-bench.mjs', format: 'es' } },
      },
      ssr: { noExternal: true },
    });
    return { runtime: 'bundled', args: [path.join(outDir, 'store-bench.mjs')] };
  } catch {
    const jitiCli = path.join(
      path.dirname(createRequire(import.meta.url).resolve('jiti/package.json')),
      'lib',
      'jiti-cli.mjs',
    );
    return { runtime: 'jiti', args: [jitiCli, self] };
  }
}

// --- command line -------------------------------------------------------------

export function parseArgs(argv: readonly string[]) {
  const value = (name: string): string | undefined => {
    const index = argv.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
    if (index < 0) return undefined;
    const arg = argv[index]!;
    return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
  };
  const number = (name: string): number | undefined => {
    const text = value(name);
    if (text === undefined) return undefined;
    const parsed = Number(text);
    if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name} needs a positive whole number`);
    return parsed;
  };
  return {
    json: argv.includes('--json'),
    phase: value('phase'),
    work: value('work'),
    writes: number('writes'),
    practices: number('practices') ?? DEFAULT_PRACTICES,
    annotationsPerPractice: number('annotations-per-practice'),
  };
}

export function formatReport(report: StoreBenchReport): string {
  const fixed = (n: number, digits = 1) => n.toFixed(digits);
  const rows: [string, string, string][] = [
    ['store on disk (MiB)', fixed(report.storeMB), fixed(report.naiveStoreMB)],
    ['load (ms)', fixed(report.loadMs, 0), fixed(report.naiveLoadMs, 0)],
    ['write p50 (ms)', fixed(report.writeP50Ms, 2), fixed(report.naiveWriteP50Ms, 0)],
    ['write p95 (ms)', fixed(report.writeP95Ms, 2), fixed(report.naiveWriteP95Ms, 0)],
    ['export (ms)', fixed(report.exportMs, 0), ''],
    [`import ${report.practices} practices (ms)`, fixed(report.importMs, 0), ''],
    ['peak memory, open + writes (MiB)', fixed(report.rssMB, 0), fixed(report.naiveRssMB, 0)],
    ['  of which the runtime (MiB)', fixed(report.rssBeforeOpenMB, 0), ''],
    ['  of which the store (MiB)', fixed(report.storeRssMB, 0), ''],
    ['peak memory with export (MiB)', fixed(report.rssWithExportMB, 0), ''],
    ['peak memory with import (MiB)', fixed(report.rssWithImportMB, 0), ''],
  ];
  return [
    `${report.practices} practices, ${report.annotations} annotations (Node ${report.node}, ${report.runtime})`,
    `${''.padEnd(36)}${'store'.padStart(10)}${'naive'.padStart(10)}`,
    ...rows.map(([name, store, naive]) => `${name.padEnd(36)}${store.padStart(10)}${naive.padStart(10)}`),
    `write p95 ${fixed(report.naiveWriteP95Ms / report.writeP95Ms, 0)}x faster, ` +
      `load ${fixed((100 * report.loadMs) / report.naiveLoadMs, 0)}% of naive, ` +
      `the store's peak memory ${fixed(report.storeRssMB / report.storeMB, 2)}x its size on disk ` +
      `(the whole process: ${fixed(report.rssMB / report.storeMB, 2)}x)`,
  ].join('\n');
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  const args = parseArgs(process.argv.slice(2));
  if (args.phase && args.work) {
    const phases: Record<Phase, () => Promise<unknown>> = {
      'store-load': () => storeLoadPhase(args.work!),
      'naive-load': () => naiveLoadPhase(args.work!),
      store: () => storePhase(args.work!, args.writes ?? 1),
      export: () => exportPhase(args.work!),
      import: () => importPhase(args.work!),
      naive: () => naivePhase(args.work!, args.writes ?? 1),
    };
    const run = phases[args.phase as Phase];
    if (!run) throw new Error(`unknown phase ${args.phase}`);
    process.stdout.write(JSON.stringify(await run()));
  } else {
    const report = await runStoreBench({
      practices: args.practices,
      annotationsPerPractice: args.annotationsPerPractice,
      log: args.json ? undefined : (line) => process.stderr.write(`${line}\n`),
    });
    process.stdout.write(args.json ? `${JSON.stringify(report)}\n` : `${formatReport(report)}\n`);
  }
}
