/**
 * Canonical JSON (RFC 8785, JCS): object keys sorted by UTF-16 code units, no
 * whitespace, numbers and strings as ECMAScript's JSON.stringify writes them.
 * The bundle's checksum and the identity of a record version are hashes of it,
 * so any tool on any platform computes the same value.
 */
import { hash } from 'node:crypto';

/**
 * Fast path: JSON.stringify with a property list writes every object's keys
 * in the list's order, natively. The list is every key the value uses,
 * sorted, so nothing is dropped. `__proto__` in the list would make
 * JSON.stringify read the prototype of objects that lack it: those values
 * take the plain recursive path.
 */
export function canonicalJson(value: unknown): string {
  const keys = new Set<string>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item !== 'object') continue;
    if (Array.isArray(item)) {
      for (const element of item) if (element !== null && typeof element === 'object') stack.push(element);
      continue;
    }
    for (const key in item) {
      if (!Object.hasOwn(item, key)) continue;
      keys.add(key);
      const child = (item as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
  return keys.has('__proto__') ? recursiveCanonicalJson(value) : JSON.stringify(value, [...keys].sort());
}

/** The same result, object by object; the reference the fast path is tested against. */
export function recursiveCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => recursiveCanonicalJson(item === undefined ? null : item)).join(',')}]`;
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

/** Identifies one version of a record by its content: equal content, equal hash, on every installation. */
export function recordHash(record: unknown): string {
  return sha256Hex(canonicalJson(record));
}
