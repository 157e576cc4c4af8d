import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../core/base/canonical-json';
import { recordSpans, recordsJson } from '../../../core/bundle/record-spans';
import { BUNDLE_COLLECTIONS, type Bundle } from '../../../shared/bundle';
import { changed, encode, smallBundle } from '../../helpers/bundles';

const decode = (bytes: Uint8Array | string | undefined) =>
  typeof bytes === 'string' || bytes === undefined ? bytes : Buffer.from(bytes).toString('utf8');
/** A bundle whose texts hold what a scan must not mistake for structure. */
const awkward = (): Bundle =>
  changed(smallBundle({ practices: 3, annotations: 2 }), (b) => {
    b.content.practices[0]!.texts.de!.body = 'Zitat: "}]," und \\" und \\\\ und {"[" – Straße';
    b.content.annotations[1]!.text = '\\';
  });
const records = (bundle: Bundle) =>
  BUNDLE_COLLECTIONS.flatMap((collection) => (bundle.content[collection] ?? []) as object[]);

describe("the records' bytes in a bundle file", () => {
  it('are each record exactly as JSON.stringify writes it, in a file written as canonical JSON', () => {
    const bytes = encode(canonicalJson(awkward()));
    const parsed = JSON.parse(decode(bytes)!) as Bundle;
    const json = recordsJson(parsed.content, bytes);
    expect(records(parsed).length).toBeGreaterThan(8);
    for (const record of records(parsed)) expect(decode(json.get(record))).toBe(JSON.stringify(record));
  });

  it('are found in an indented file and after a byte order mark, as written there', () => {
    const bytes = encode(`\uFEFF${JSON.stringify(awkward(), null, 2)}`);
    const parsed = JSON.parse(decode(bytes)!.slice(1)) as Bundle;
    const json = recordsJson(parsed.content, bytes);
    for (const record of records(parsed)) expect(JSON.parse(decode(json.get(record))!)).toEqual(record);
  });

  it('are left out for a collection whose records the scan counts otherwise', () => {
    const bundle = awkward();
    const bytes = encode(canonicalJson(bundle));
    const parsed = JSON.parse(decode(bytes)!) as Bundle;
    parsed.content.practices.push(parsed.content.practices[0]!);
    const json = recordsJson(parsed.content, bytes);
    expect(parsed.content.practices.some((p) => json.has(p))).toBe(false);
    expect(parsed.content.annotations.every((a) => json.has(a))).toBe(true);
  });

  it('are not looked for in bytes that are not one complete JSON value', () => {
    expect(recordSpans(encode('{"content":{"practices":[{"id":"p"'))).toBeUndefined();
    expect(recordSpans(encode('{"content":{"practices":[{"id":"p\\"}]}}'))).toBeUndefined();
  });
});
