/**
 * The child of the folder-lock test: opens the store in the folder given as
 * the first argument, saves one annotation, says "ready" and waits to be
 * killed; or says "refused <code>" when the store cannot be opened.
 */
import { KbError } from '../../../core/base/errors';
import { loadStarterContent } from '../../../core/store/starter-content';
import { openStore } from '../../../core/store/store';
import { annotation } from './helpers';

const [dir] = process.argv.slice(2) as [string];
try {
  const store = await openStore(dir, loadStarterContent);
  await store.apply([{ op: 'put', collection: 'annotations', record: annotation('from-the-child') }]);
  process.stdout.write('ready\n');
  setInterval(() => undefined, 60_000);
} catch (error) {
  process.stdout.write(`refused ${error instanceof KbError ? error.code : String(error)}\n`);
}
