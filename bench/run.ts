/**
 * `npm run bench`: the store benchmark (issue: a store that stays fast) and
 * the search benchmark, each next to its naive baseline measured in the same
 * run, and the sync benchmark.
 *
 *   npm run bench [-- --json] [-- --practices N]
 *
 * Default 10 000 practices with 10 annotations each; search is also measured
 * at 1 000 practices. `--json` prints one JSON object: the store figures at
 * the top level (practices, annotations, storeMB, loadMs, writeP50Ms,
 * writeP95Ms, exportMs, importMs, rssMB, storeRssMB, naiveLoadMs, naiveWriteP95Ms, …) and
 * the search figures per size under `search`, the sync figures under `sync`
 * (see bench/sync.ts).
 */
import { pathToFileURL } from 'node:url';
import { formatReport as formatSearchReport, runSearchBench } from './search';
import { formatReport as formatStoreReport, parseArgs, runStoreBench } from './store';
import { formatReport as formatSyncReport, runSyncBench } from './sync';

export async function runBench(argv: readonly string[]): Promise<string> {
  const args = parseArgs(argv);
  const log = args.json ? undefined : (line: string) => process.stderr.write(`${line}\n`);
  const store = await runStoreBench({
    practices: args.practices,
    annotationsPerPractice: args.annotationsPerPractice,
    log,
  });
  const sizes = [...new Set([Math.min(1_000, args.practices), args.practices])];
  const search = await runSearchBench({ sizes, annotationsPerPractice: args.annotationsPerPractice, log });
  const sync = await runSyncBench({ practices: args.practices, log });
  if (args.json) return `${JSON.stringify({ ...store, search, sync })}\n`;
  return `${formatStoreReport(store)}\n\n${formatSearchReport(search)}\n\n${formatSyncReport(sync)}\n`;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  process.stdout.write(await runBench(process.argv.slice(2)));
}
