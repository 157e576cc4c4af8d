/**
 * Canonical JSON (RFC 8785, JCS): object keys sorted by UTF-16 code units, no
 * whitespace, numbers and strings as ECMAScript's JSON.stringify writes them.
 * The bundle's checksum and the identity of a record version are hashes of it,
 * so any tool on any platform computes the same value.
 *
 * The store keeps its records canonicalized (`canonicalize`): their keys in
 * canonical order, so that plain JSON.stringify of a stored record is already
 * its canonical JSON and an export needs no sorting.
 */
import { hash } from 'node:crypto';

/**
 * Fast path: JSON.stringify of the value canonicalized. A key that looks
 * like an array index ("0", "42") defeats it (JavaScript lists those first,
 * in numeric order, whatever the order they were added in): such values
 * take the plain recursive path.
 */
export function canonicalJson(value: unknown): string {
  const ordered = inOrder(value, true);
  return ordered === UNORDERABLE ? recursiveCanonicalJson(value) : JSON.stringify(ordered);
}

/**
 * The value with every object's keys in canonical order: the value itself
 * when they already are, else a copy of what is out of order. Canonical
 * order holds for JSON.stringify as long as no key looks like an array
 * index; stored records have none (their keys are field names and
 * installation ids).
 */
export function canonicalize<T>(value: T): T {
  return inOrder(value, false) as T;
}

/** What `inOrder` returns, when asked to, for a value with a key that looks like an array index. */
const UNORDERABLE = Symbol('unorderable');

function inOrder(value: unknown, refuseIndexKeys: boolean): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = inOrder(value[i], refuseIndexKeys);
      if (item === UNORDERABLE) return UNORDERABLE;
      if (item !== value[i]) (copy ??= [...(value as unknown[])])[i] = item;
    }
    return copy ?? value;
  }
  const source = value as Record<string, unknown>;
  const keys = Object.keys(source);
  let sorted = true;
  let children: Map<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (refuseIndexKeys && isArrayIndex(key)) return UNORDERABLE;
    if (i > 0 && keys[i - 1]! > key) sorted = false;
    const child = inOrder(source[key], refuseIndexKeys);
    if (child === UNORDERABLE) return UNORDERABLE;
    if (child !== source[key]) (children ??= new Map()).set(key, child);
  }
  if (sorted && !children) return value;
  const copy: Record<string, unknown> = {};
  for (const key of keys.sort()) {
    const child = children?.has(key) ? children.get(key) : source[key];
    // An assignment to "__proto__" would set the copy's prototype instead of adding a member.
    if (key === '__proto__')
      Object.defineProperty(copy, key, { value: child, enumerable: true, writable: true, configurable: true });
    else copy[key] = child;
  }
  return copy;
}

function isArrayIndex(key: string): boolean {
  const first = key.charCodeAt(0);
  return first >= 48 && first <= 57 && /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 2 ** 32 - 1;
}

/** The same result, object by object; the reference the fast path is tested against. */
export function recursiveCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value))
    return `[${value.map((item) => recursiveCanonicalJson(item === undefined ? null : item)).join(',')}]`;
  const entries = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${recursiveCanonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

/**
 * SHA-256 of a text's UTF-8 bytes. One-shot hashing is far cheaper than
 * createHash for the many small texts of record versions; a large text is
 * encoded first, since hashing bytes is much faster than hashing a string.
 */
export function sha256Hex(data: string | Uint8Array): string {
  return hash('sha256', typeof data === 'string' && data.length > 4096 ? Buffer.from(data, 'utf8') : data, 'hex');
}

/**
 * A value canonicalized as the store keeps it, with its recordHash: one walk
 * and one serialisation for both. A value with a key that looks like an array
 * index is hashed the recursive way and kept as canonicalize would keep it.
 */
export function canonicalWithHash<T>(value: T): { value: T; hash: string } {
  const ordered = inOrder(value, true);
  if (ordered === UNORDERABLE) return { value: canonicalize(value), hash: sha256Hex(recursiveCanonicalJson(value)) };
  return { value: ordered as T, hash: sha256Hex(JSON.stringify(ordered)) };
}

/** Identifies one version of a record by its content: equal content, equal hash, on every installation. */
export function recordHash(record: unknown): string {
  return sha256Hex(canonicalJson(record));
}
