/**
 * `npm run bench`: the store benchmark (issue: a store that stays fast) and
 * the search benchmark, each next to its naive baseline measured in the same run.
 *
 *   npm run bench [-- --json] [-- --practices N]
 *
 * Default 10 000 practices with 10 annotations each; search is also measured
 * at 1 000 practices. `--json` prints one JSON object: the store figures at
 * the top level (practices, annotations, storeMB, loadMs, writeP50Ms,
 * writeP95Ms, exportMs, importMs, rssMB, storeRssMB, naiveLoadMs, naiveWriteP95Ms, …) and
 * the search figures per size under `search`.
 */
import { pathToFileURL } from 'node:url';
import { formatReport as formatSearchReport, runSearchBench } from './search';
import { formatReport as formatStoreReport, parseArgs, runStoreBench } from './store';

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
  if (args.json) return `${JSON.stringify({ ...store, search })}\n`;
  return `${formatStoreReport(store)}\n\n${formatSearchReport(search)}\n`;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  process.stdout.write(await runBench(process.argv.slice(2)));
}
