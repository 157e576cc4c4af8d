/**
 * Search benchmark: at each size, generates a synthetic knowledge base and
 * measures index build time, time to a usable index at start-up (parse and
 * load of a saved copy), index memory, and query latency p50/p95 over a fixed
 * set of queries, next to a naive lower-case substring scan in the same run.
 *
 *   jiti bench/search.ts [--json] [--sizes=1000,10000] [--repetitions=20]
 *
 * Run node with --expose-gc for steadier memory figures
 * (node --expose-gc node_modules/jiti/lib/jiti-cli.mjs bench/search.ts).
 */
import { availableParallelism, cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { SearchIndex } from '../electron/kb/search/index';
import type { SearchSource } from '../electron/kb/search/types';
import { generateKnowledgeBase, validateKnowledgeBase, type GeneratedKnowledgeBase } from './generate';

/**
 * What staff would type, as typed (no space after the last word, so it is
 * searched by prefix too): inflections, umlauts three ways, ß, compound parts,
 * typos, prefixes, cross-language glossary terms, several words.
 */
export const BENCH_QUERIES: readonly string[] = [
  'Kreisverkehre',
  'rotondes',
  'verkehr',
  'Grünflächenpflege',
  'gruenflaeche',
  'strasse',
  'Bürgerbeteiligung',
  'burgerparticipatie',
  'Klimaanpasung',
  'kantoorinrichitng',
  'Kreisv',
  'fietsp',
  'rotonde',
  'Bürogestaltung',
  'sicherheit',
  'agiles Projektmanagement',
  'ideeën coördinatie',
  'Regenwasser Versickerungsmulden',
  'Radweg Sicherheit',
  'wadi',
  'Verwaltun',
  'planung',
  'gemeente',
  'Haushalt Bezirksamt',
];

export interface SearchBenchOptions {
  /** Numbers of practices to measure at (default 1 000 and 10 000). */
  sizes?: readonly number[];
  annotationsPerPractice?: number;
  seed?: number;
  /** Times each query is run for the latency figures. */
  repetitions?: number;
  queries?: readonly string[];
  /** Progress lines; silent by default. */
  log?: (line: string) => void;
  /** Check the generated records against the model schemas first (default true). */
  validate?: boolean;
}

export interface SearchBenchFigures {
  practices: number;
  annotations: number;
  indexedDocuments: number;
  buildMs: number;
  /** JSON.parse of the saved copy plus SearchIndex.load: what start-up waits for. */
  startupMs: number;
  /** The first query after loading, which also builds lookups loaded indexes defer (compound parts). */
  firstQueryMs: number;
  savedMegabytes: number;
  /** Heap and array-buffer growth while building (approximate unless node runs with --expose-gc). */
  heapMegabytes: number;
  p50Ms: number;
  p95Ms: number;
  naiveP50Ms: number;
  naiveP95Ms: number;
  /** How many times faster than the naive scan, at p50 and at p95. */
  speedupP50: number;
  speedupP95: number;
  /** Records found per query, index vs naive, for a sense of what each finds. */
  hits: { query: string; index: number; naive: number }[];
}

export interface SearchBenchReport {
  machine: { cpus: number; model: string; node: string; gcExposed: boolean };
  queries: number;
  repetitions: number;
  results: SearchBenchFigures[];
}

export async function runSearchBench(options: SearchBenchOptions = {}): Promise<SearchBenchReport> {
  const sizes = options.sizes ?? [1_000, 10_000];
  const queries = options.queries ?? BENCH_QUERIES;
  const repetitions = options.repetitions ?? 20;
  const log = options.log ?? (() => {});
  const results: SearchBenchFigures[] = [];
  for (const size of sizes) {
    log(`generating ${size} practices…`);
    const kb = generateKnowledgeBase({ practices: size, annotationsPerPractice: options.annotationsPerPractice ?? 10, seed: options.seed ?? 1 });
    if (options.validate !== false) {
      log('validating…');
      validateKnowledgeBase(kb);
    }
    results.push(await measure(kb, queries, repetitions, log));
  }
  return {
    machine: { cpus: availableParallelism(), model: cpus()[0]?.model ?? 'unknown', node: process.version, gcExposed: typeof globalThis.gc === 'function' },
    queries: queries.length,
    repetitions,
    results,
  };
}

async function measure(kb: GeneratedKnowledgeBase, queries: readonly string[], repetitions: number, log: (line: string) => void): Promise<SearchBenchFigures> {
  const source = sourceOf(kb);

  log('building…');
  const heapBefore = heapUsed();
  let started = performance.now();
  let index: SearchIndex | null = SearchIndex.build(source);
  const buildMs = performance.now() - started;
  const heapMegabytes = (heapUsed() - heapBefore) / 2 ** 20;

  log('saving and loading…');
  const saved = JSON.stringify(index);
  index = null; // as at start-up: only the saved copy exists
  heapUsed();
  started = performance.now();
  const loaded = SearchIndex.load(JSON.parse(saved) as unknown, source);
  const startupMs = performance.now() - started;
  started = performance.now();
  loaded.search({ text: queries[0] ?? 'verkehr' });
  const firstQueryMs = performance.now() - started;

  log('querying…');
  const indexTimes: number[] = [];
  const naiveTimes: number[] = [];
  const hits: SearchBenchFigures['hits'] = [];
  const naive = naiveScanner(kb);
  // Unmeasured rounds first, so both sides are measured warm (JIT-compiled), as in a running app.
  for (let round = 0; round < 3; round++) {
    for (const query of queries) {
      loaded.search({ text: query });
      naive(query);
    }
  }
  for (const query of queries) {
    const first = loaded.search({ text: query });
    hits.push({ query, index: first.totals.practices + first.totals.annotations + first.totals.visits + first.totals.glossary, naive: naive(query) });
    for (let i = 0; i < repetitions; i++) {
      let t = performance.now();
      loaded.search({ text: query });
      indexTimes.push(performance.now() - t);
      t = performance.now();
      naive(query);
      naiveTimes.push(performance.now() - t);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  const [p50Ms, p95Ms] = [percentile(indexTimes, 50), percentile(indexTimes, 95)];
  const [naiveP50Ms, naiveP95Ms] = [percentile(naiveTimes, 50), percentile(naiveTimes, 95)];
  const counts = loaded.documentCounts;
  return {
    practices: kb.practices.length,
    annotations: kb.annotations.length,
    indexedDocuments: counts.practices + counts.annotations + counts.visits + counts.glossary,
    buildMs,
    startupMs,
    firstQueryMs,
    savedMegabytes: Buffer.byteLength(saved) / 2 ** 20,
    heapMegabytes,
    p50Ms,
    p95Ms,
    naiveP50Ms,
    naiveP95Ms,
    speedupP50: naiveP50Ms / p50Ms,
    speedupP95: naiveP95Ms / p95Ms,
    hits,
  };
}

function sourceOf(kb: GeneratedKnowledgeBase): SearchSource {
  return { all: (collection: Exclude<keyof GeneratedKnowledgeBase, 'comparison'>) => kb[collection] } as SearchSource;
}

/**
 * The search one would write without an index: lower-case every text and look
 * for each query word as a substring, over the same records the index covers.
 */
function naiveScanner(kb: GeneratedKnowledgeBase): (query: string) => number {
  const live = new Set(kb.practices.filter((p) => !p.deletedAt).map((p) => p.id));
  const texts: string[][] = [
    ...kb.practices.filter((p) => live.has(p.id)).map((p) => Object.values(p.texts).flatMap((t) => [t.title, t.summary, t.body])),
    ...kb.annotations.filter((a) => live.has(a.practiceId) && !a.deletedAt).map((a) => [a.text]),
    ...kb.visits.filter((v) => !v.deletedAt).map((v) => [...v.participants, v.notes.de ?? '', v.notes.nl ?? '']),
    ...kb.glossary.map((g) => [g.term.de, g.term.nl, g.definition.de, g.definition.nl]),
  ];
  return (query) => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    let found = 0;
    for (const fields of texts) {
      const text = fields.join(' ').toLowerCase();
      if (words.every((word) => text.includes(word))) found++;
    }
    return found;
  };
}

/** JS heap plus typed-array buffers, which live outside it (the index keeps its postings there). */
function heapUsed(): number {
  globalThis.gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export function formatReport(report: SearchBenchReport): string {
  const { machine } = report;
  const rows: [string, (f: SearchBenchFigures) => string][] = [
    ['practices / annotations', (f) => `${f.practices} / ${f.annotations}`],
    ['indexed documents', (f) => String(f.indexedDocuments)],
    ['index build', (f) => `${f.buildMs.toFixed(0)} ms`],
    ['start-up (parse + load saved copy)', (f) => `${f.startupMs.toFixed(0)} ms`],
    ['first query after loading', (f) => `${f.firstQueryMs.toFixed(0)} ms`],
    ['saved copy', (f) => `${f.savedMegabytes.toFixed(1)} MB`],
    [`index memory (heap + buffers delta${machine.gcExposed ? '' : ', approx.'})`, (f) => `${f.heapMegabytes.toFixed(0)} MB`],
    ['query p50 / p95', (f) => `${f.p50Ms.toFixed(2)} / ${f.p95Ms.toFixed(2)} ms`],
    ['naive scan p50 / p95', (f) => `${f.naiveP50Ms.toFixed(2)} / ${f.naiveP95Ms.toFixed(2)} ms`],
    ['index faster by (p50 / p95)', (f) => `${f.speedupP50.toFixed(0)}× / ${f.speedupP95.toFixed(0)}×`],
  ];
  const header = ['', ...report.results.map((f) => `${f.practices} practices`)];
  const table = [header, ...rows.map(([label, value]) => [label, ...report.results.map(value)])];
  const widths = header.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  const lines = table.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '));
  return [
    `Search benchmark — ${report.queries} queries × ${report.repetitions} runs, ${machine.cpus} CPUs (${machine.model}), Node ${machine.node}`,
    '',
    ...lines,
  ].join('\n');
}

function parseArgs(argv: readonly string[]): { json: boolean; options: SearchBenchOptions } {
  const value = (name: string): string | undefined => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const sizes = value('sizes')?.split(',').map(Number);
  const repetitions = value('repetitions');
  return {
    json: argv.includes('--json'),
    options: { ...(sizes ? { sizes } : {}), ...(repetitions ? { repetitions: Number(repetitions) } : {}) },
  };
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  const { json, options } = parseArgs(process.argv.slice(2));
  const report = await runSearchBench({ ...options, log: json ? undefined : (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(json ? `${JSON.stringify(report)}\n` : `${formatReport(report)}\n`);
}
