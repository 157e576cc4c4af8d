/**
 * Search benchmark: at each size, generates a synthetic knowledge base and
 * measures index build time, time to a usable index at start-up (parse and
 * load of a saved copy), index memory, and query latency p50/p95 over a fixed
 * set of queries, next to a naive lower-case substring scan in the same run.
 *
 *   jiti bench/search.ts [--json] [--practices=N | --sizes=1000,10000] [--repetitions=20]
 *
 * `runSearchBench` returns flat figures (practices, annotations, searchP50Ms,
 * searchP95Ms, naiveSearchP50Ms, naiveRatio, indexBuildMs, indexLoadMs,
 * indexMemoryMB, …) for the combined `npm run bench`, and how well search
 * answers the relevance set (tests/core/search/relevance-set.ts) over the
 * starter content: relevanceQueries, relevanceSuccessAt3, relevanceMrr.
 *
 * Run node with --expose-gc for steadier memory figures
 * (node --expose-gc node_modules/jiti/lib/jiti-cli.mjs bench/search.ts).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { SearchIndex } from '../core/search/index';
import type { SearchSource } from '../core/search/types';
import { measureRelevance, starterSource } from '../tests/core/search/relevance-set';
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
  /** Number of practices to measure at; the figures are returned as they are. */
  practices?: number;
  /**
   * Several sizes instead (default 1 000 and 10 000): the largest gives the
   * figures, each smaller one adds them again with "@<size>" after the name.
   */
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

/** What one size measures. All times in milliseconds, sizes in megabytes. */
export interface SearchBenchFigures {
  practices: number;
  annotations: number;
  indexedDocuments: number;
  indexBuildMs: number;
  /** Time to a usable index at start-up from the saved copy: read the file, parse, load and bring up to date. */
  indexLoadMs: number;
  /** The first query after loading, which also builds lookups loaded indexes defer (compound parts). */
  firstQueryMs: number;
  savedMB: number;
  /** Heap and array-buffer growth while building (approximate unless node runs with --expose-gc). */
  indexMemoryMB: number;
  searchP50Ms: number;
  searchP95Ms: number;
  naiveSearchP50Ms: number;
  naiveSearchP95Ms: number;
  /** How many times slower the naive scan is than the index, at p50. */
  naiveRatio: number;
}

export type SearchBenchResult = SearchBenchFigures & Record<string, number>;

export async function runSearchBench(options: SearchBenchOptions = {}): Promise<SearchBenchResult> {
  const sizes = [...(options.sizes ?? (options.practices ? [options.practices] : [1_000, 10_000]))].sort(
    (a, b) => a - b,
  );
  const queries = options.queries ?? BENCH_QUERIES;
  const repetitions = options.repetitions ?? 20;
  const log = options.log ?? (() => {});
  const result: Record<string, number> = {};
  for (const [i, size] of sizes.entries()) {
    log(`search: generating ${size} practices…`);
    const kb = generateKnowledgeBase({
      practices: size,
      annotationsPerPractice: options.annotationsPerPractice ?? 10,
      seed: options.seed ?? 1,
    });
    if (options.validate !== false) {
      log('search: validating…');
      validateKnowledgeBase(kb);
    }
    const figures = await measure(kb, queries, repetitions, log);
    const suffix = i === sizes.length - 1 ? '' : `@${size}`;
    for (const [name, value] of Object.entries(figures)) result[name + suffix] = value;
  }
  log('search: relevance set…');
  const relevance = measureRelevance(SearchIndex.build(starterSource()));
  result.relevanceQueries = relevance.cases;
  result.relevanceSuccessAt3 = relevance.successAt3;
  result.relevanceMrr = relevance.mrr;
  for (const miss of relevance.misses)
    log(`search: relevance miss: "${miss.query}" → ${miss.got.join(', ') || 'nothing'}`);
  return result as SearchBenchResult;
}

async function measure(
  kb: GeneratedKnowledgeBase,
  queries: readonly string[],
  repetitions: number,
  log: (line: string) => void,
): Promise<SearchBenchFigures> {
  const source = sourceOf(kb);

  log('search: building…');
  const heapBefore = heapUsed();
  let started = performance.now();
  let index: SearchIndex | null = SearchIndex.build(source);
  const indexBuildMs = performance.now() - started;
  const indexMemoryMB = (heapUsed() - heapBefore) / 2 ** 20;

  log('search: saving and loading…');
  const dir = await mkdtemp(path.join(tmpdir(), 'twinning-kb-bench-search-'));
  const file = path.join(dir, 'search-index.json');
  let loaded: SearchIndex;
  let savedMB: number;
  let indexLoadMs: number;
  try {
    const saved = JSON.stringify(index);
    savedMB = Buffer.byteLength(saved) / 2 ** 20;
    await writeFile(file, saved);
    index = null; // as at start-up: only the saved copy exists
    heapUsed();
    started = performance.now();
    loaded = SearchIndex.load(await readFile(file, 'utf8'), source);
    indexLoadMs = performance.now() - started;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  started = performance.now();
  loaded.search({ text: queries[0] ?? 'verkehr' });
  const firstQueryMs = performance.now() - started;

  log('search: querying…');
  const indexTimes: number[] = [];
  const naiveTimes: number[] = [];
  const naive = naiveScanner(kb);
  // Unmeasured rounds first, so both sides are measured warm (JIT-compiled), as in a running app.
  for (let round = 0; round < 3; round++) {
    for (const query of queries) {
      loaded.search({ text: query });
      naive(query);
    }
  }
  for (const query of queries) {
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
  const counts = loaded.documentCounts;
  const searchP50Ms = percentile(indexTimes, 50);
  const naiveSearchP50Ms = percentile(naiveTimes, 50);
  return {
    practices: kb.practices.length,
    annotations: kb.annotations.length,
    indexedDocuments: counts.practices + counts.annotations + counts.visits + counts.glossary + counts.comparison,
    indexBuildMs,
    indexLoadMs,
    firstQueryMs,
    savedMB,
    indexMemoryMB,
    searchP50Ms,
    searchP95Ms: percentile(indexTimes, 95),
    naiveSearchP50Ms,
    naiveSearchP95Ms: percentile(naiveTimes, 95),
    naiveRatio: naiveSearchP50Ms / searchP50Ms,
  };
}

function sourceOf(kb: GeneratedKnowledgeBase): SearchSource {
  // The generator makes no tag labels: its tags read as typed.
  const all = (collection: string): readonly unknown[] => kb[collection as keyof GeneratedKnowledgeBase] ?? [];
  return { all } as SearchSource;
}

/**
 * The search one would write without an index: lower-case every text and look
 * for each query word as a substring, over the same records the index covers.
 */
function naiveScanner(kb: GeneratedKnowledgeBase): (query: string) => number {
  const live = new Set(kb.practices.filter((p) => !p.deletedAt).map((p) => p.id));
  const texts: string[][] = [
    ...kb.practices
      .filter((p) => live.has(p.id))
      .map((p) => Object.values(p.texts).flatMap((t) => [t.title, t.summary, t.body])),
    ...kb.annotations.filter((a) => live.has(a.practiceId) && !a.deletedAt).map((a) => [a.text]),
    ...kb.visits
      .filter((v) => !v.deletedAt)
      .map((v) => [...v.participants.map((p) => p.name), v.notes.de ?? '', v.notes.nl ?? '']),
    ...kb.glossary.map((g) => [g.term.de, g.term.nl, g.definition.de, g.definition.nl]),
    ...kb.comparison.map((c) => [c.text.de ?? '', c.text.nl ?? '']),
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

/** The result as a table, one column per size measured. */
export function formatReport(result: SearchBenchResult): string {
  const suffixes = Object.keys(result)
    .filter((key) => key.startsWith('practices@'))
    .map((key) => key.slice('practices'.length))
    .concat('');
  const value = (name: keyof SearchBenchFigures, suffix: string): number => result[name + suffix] ?? Number.NaN;
  const rows: [string, (suffix: string) => string][] = [
    ['practices / annotations', (x) => `${value('practices', x)} / ${value('annotations', x)}`],
    ['indexed documents', (x) => String(value('indexedDocuments', x))],
    ['index build', (x) => `${value('indexBuildMs', x).toFixed(0)} ms`],
    ['start-up (read + parse + load saved copy)', (x) => `${value('indexLoadMs', x).toFixed(0)} ms`],
    ['first query after loading', (x) => `${value('firstQueryMs', x).toFixed(0)} ms`],
    ['saved copy', (x) => `${value('savedMB', x).toFixed(1)} MB`],
    [
      `index memory (heap + buffers delta${typeof globalThis.gc === 'function' ? '' : ', approx.'})`,
      (x) => `${value('indexMemoryMB', x).toFixed(0)} MB`,
    ],
    ['query p50 / p95', (x) => `${value('searchP50Ms', x).toFixed(2)} / ${value('searchP95Ms', x).toFixed(2)} ms`],
    [
      'naive scan p50 / p95',
      (x) => `${value('naiveSearchP50Ms', x).toFixed(2)} / ${value('naiveSearchP95Ms', x).toFixed(2)} ms`,
    ],
    ['index faster by (p50)', (x) => `${value('naiveRatio', x).toFixed(0)}×`],
  ];
  const header = ['', ...suffixes.map((x) => `${value('practices', x)} practices`)];
  const table = [header, ...rows.map(([label, cell]) => [label, ...suffixes.map(cell)])];
  const widths = header.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  const lines = table.map((row) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  '),
  );
  const relevance =
    result.relevanceQueries === undefined
      ? []
      : [
          '',
          `Relevance set (${result.relevanceQueries} queries over the starter content): ` +
            `success@3 ${(100 * (result.relevanceSuccessAt3 ?? 0)).toFixed(1)} %, MRR ${(result.relevanceMrr ?? 0).toFixed(3)}`,
        ];
  return [
    `Search benchmark — ${BENCH_QUERIES.length} queries, ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}`,
    '',
    ...lines,
    ...relevance,
  ].join('\n');
}

function parseArgs(argv: readonly string[]): { json: boolean; options: SearchBenchOptions } {
  const value = (name: string): string | undefined =>
    argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const sizes = value('sizes')?.split(',').map(Number);
  const practices = value('practices');
  const repetitions = value('repetitions');
  return {
    json: argv.includes('--json'),
    options: {
      ...(sizes ? { sizes } : {}),
      ...(practices ? { practices: Number(practices) } : {}),
      ...(repetitions ? { repetitions: Number(repetitions) } : {}),
    },
  };
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  const { json, options } = parseArgs(process.argv.slice(2));
  const result = await runSearchBench({
    ...options,
    log: json ? undefined : (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${formatReport(result)}\n`);
}
