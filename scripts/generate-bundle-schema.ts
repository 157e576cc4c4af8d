/**
 * Writes data/bundle.schema.json, the published JSON Schema of the exchange
 * bundle, from the zod schema in shared/bundle.ts. Run with `npm run schema`;
 * a test fails when the checked-in file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Bundle, BUNDLE_SCHEMA_VERSION } from '../shared/bundle';

export const SCHEMA_FILE = fileURLToPath(new URL('../data/bundle.schema.json', import.meta.url));

export function bundleJsonSchema(): string {
  const schema = {
    ...z.toJSONSchema(Bundle, { io: 'input', target: 'draft-2020-12' }),
    $id: `https://twinning-kb.invalid/bundle/v${BUNDLE_SCHEMA_VERSION}.schema.json`,
    title: 'twinning-kb exchange bundle',
    description:
      'An exchange bundle of twinning-kb (*.twinning-kb.json). See docs/bundle-format.md. ' +
      'Checks beyond this schema: no escaped lone surrogates, no key twice in an object, no __proto__, ' +
      'constructor or prototype keys; the checksum; every practice has a text in its original language; ' +
      'the empty version {} only on starter content; deleted records only in tombstones; unique ids per ' +
      'collection; one comparison record per dimension and organisation; references (a topic: dimension ' +
      'included) within the bundle. Times with an offset and upper-case installation ids are read as UTC ' +
      'and lower case.',
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_FILE, bundleJsonSchema());
  console.log(`wrote ${SCHEMA_FILE}`);
}
