/**
 * The child of the crash test: opens the store in the folder given as the
 * first argument and saves changes as fast as it can, printing "saved <id>"
 * once each batch's apply has resolved, until it is killed. Compaction runs
 * often (a small threshold) and backups at every chance, so kills land in
 * every phase of the engine's work, not only in appends.
 */
import { loadStarterContent } from '../../../core/store/starter-content';
import { openStore, type Change } from '../../../core/store/store';
import { annotation } from './helpers';

const [dir, round] = process.argv.slice(2) as [string, string];
const store = await openStore(dir, loadStarterContent, {
  compactionBytes: 16 * 1024,
  compactionShare: 0,
  backupInterval: 0,
});
process.stdout.write('ready\n');
for (let n = 0; ; n++) {
  const id = `crash-${round}-${n}`;
  const changes: Change[] = [
    { op: 'put', collection: 'annotations', record: annotation(id, `Notiz ${n} `.repeat(1 + (n % 40))) },
  ];
  // Now and then a bigger batch, a deletion and a settings change, so batches differ in size and kind.
  if (n % 7 === 3) {
    for (let extra = 0; extra < 30; extra++)
      changes.push({ op: 'put', collection: 'annotations', record: annotation(`${id}-${extra}`) });
  }
  // Deletions: every eleventh batch adds a record the next batch deletes; the parent never expects it.
  if (n % 11 === 5) changes.push({ op: 'put', collection: 'annotations', record: annotation(`${id}-gone`) });
  if (n % 11 === 6) changes.push({ op: 'delete', collection: 'annotations', id: `crash-${round}-${n - 1}-gone` });
  if (n % 13 === 0) changes.push({ op: 'settings', settings: { language: n % 2 ? 'nl' : 'de' } });
  await store.apply(changes);
  process.stdout.write(n % 11 === 6 ? `saved ${id}\ndeleted crash-${round}-${n - 1}-gone\n` : `saved ${id}\n`);
}
