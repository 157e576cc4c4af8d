/**
 * Where each record of a bundle's content sections is written in the file's
 * bytes, found by a quick scan that trusts the bytes to be JSON. Only for a
 * file that is checked elsewhere before anything taken from it is relied on
 * (check-in-worker.ts): once the check has found the content written as
 * canonical JSON, each record's bytes are its canonical JSON, to be hashed
 * and saved as they are instead of serialising the parsed record again.
 */
import { BUNDLE_COLLECTIONS, type BundleContent } from '../../shared/bundle';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** By section name, the start and end (exclusive) of each element of its array, in pairs; undefined if the bytes are not a JSON object as expected. */
export type RecordSpans = Map<string, number[]>;

export function recordSpans(bytes: Uint8Array): RecordSpans | undefined {
  const spans: RecordSpans = new Map();
  /** Per open container: whether it is an object. */
  const objects: boolean[] = [];
  /** Whether the next string in the innermost object is a key. */
  let expectKey = false;
  let rootKey = '';
  let section: number[] | undefined;
  let elementStart = -1;
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let i = start; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === QUOTE) {
      const end = closingQuote(bytes, i);
      if (end < 0) return undefined;
      const depth = objects.length;
      if (expectKey) {
        // Keys that matter here (the top level's "content", the section names) are ASCII.
        if (depth === 1) rootKey = latin1(bytes, i + 1, end);
        else if (depth === 2 && rootKey === 'content') {
          const name = latin1(bytes, i + 1, end);
          section = spans.get(name) ?? [];
          spans.set(name, section);
        }
        expectKey = false;
      } else if (depth === 3 && section && elementStart < 0) section.push(i, end + 1);
      i = end;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (objects.length === 3 && section && elementStart < 0) elementStart = i;
      objects.push(c === OPEN_OBJECT);
      expectKey = c === OPEN_OBJECT;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      objects.pop();
      const depth = objects.length;
      if (depth === 3 && section && elementStart >= 0) {
        section.push(elementStart, i + 1);
        elementStart = -1;
      } else if (depth === 2) section = undefined;
      expectKey = false;
    } else if (c === COMMA) {
      expectKey = objects.at(-1) === true;
    }
  }
  return objects.length === 0 ? spans : undefined;
}

/**
 * The bytes of each record of the bundle's collections (not tombstones and
 * conflicts, which wrap theirs), by the record as parsed from `bytes`; a
 * collection whose records the scan does not count alike is left out.
 */
export function recordsJson(content: BundleContent, bytes: Uint8Array): Map<object, Uint8Array> {
  const json = new Map<object, Uint8Array>();
  const spans = recordSpans(bytes);
  for (const collection of BUNDLE_COLLECTIONS) {
    const records = content[collection] ?? [];
    const at = spans?.get(collection);
    if (at?.length !== records.length * 2) continue;
    for (let i = 0; i < records.length; i++) json.set(records[i]!, bytes.subarray(at[2 * i], at[2 * i + 1]));
  }
  return json;
}

/** The index of the quote that closes the string opened at `open`, or -1. */
function closingQuote(bytes: Uint8Array, open: number): number {
  let at = open;
  for (;;) {
    at = bytes.indexOf(QUOTE, at + 1);
    if (at < 0) return -1;
    let backslashes = 0;
    while (bytes[at - 1 - backslashes] === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return at;
  }
}

function latin1(bytes: Uint8Array, from: number, to: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('latin1');
}
