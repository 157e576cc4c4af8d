/**
 * The shortcuts that reading a big file takes decide exactly as the long way
 * does: a time already in the app's form, a version vector already in order,
 * and a record kept as parsed when the schema's output equals it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../core/base/canonical-json';
import { sameJson } from '../../../core/bundle/read-bundle';
import { scanJson } from '../../../core/bundle/scan-json';
import { ExchangedVersion } from '../../../shared/bundle';
import { Timestamp, UtcTimestamp } from '../../../shared/time';

/** The transforms as they were before the shortcuts. */
const slowTime = (time: string) => (Timestamp.safeParse(time).success ? new Date(time).toISOString() : 'refused');
function slowVersion(version: Record<string, number>): Record<string, number> {
  const counts = new Map<string, number>();
  for (const [key, count] of Object.entries(version)) {
    const id = key.toLowerCase();
    counts.set(id, Math.max(counts.get(id) ?? 0, count));
  }
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
const fastTime = (time: string) => {
  const parsed = UtcTimestamp.safeParse(time);
  return parsed.success ? parsed.data : 'refused';
};

describe('a time', () => {
  it.each([
    '2026-11-20T09:00:00.000Z',
    '2026-11-20T09:00:00Z',
    '2026-11-20T09:00:00.1Z',
    '2026-11-20T10:00:00.000+01:00',
    '2026-11-20T09:00:00.000z',
    '2024-02-29T23:59:59.999Z',
    '2023-02-29T00:00:00.000Z',
    '2026-04-31T00:00:00.000Z',
    '2026-01-01T24:00:00.000Z',
    '2026-01-01T23:59:60.000Z',
    '0000-01-01T00:00:00.000Z',
    '9999-12-31T23:59:59.999Z',
    '1900-02-29T00:00:00.000Z',
    '2000-02-29T00:00:00.000Z',
  ])('%s is read as the long way reads it', (time) => {
    expect(fastTime(time)).toBe(slowTime(time));
  });

  it('in any form, of any instant, is read as the long way reads it', () => {
    const instant = fc.date({
      min: new Date('0000-01-01T00:00:00.000Z'),
      max: new Date('9999-12-31T23:59:59.999Z'),
      noInvalidDate: true,
    });
    const written = fc.oneof(
      instant.map((d) => d.toISOString()),
      instant.map((d) => d.toISOString().replace('.000Z', 'Z')),
      fc.tuple(instant, fc.integer({ min: -12, max: 14 })).map(([d, hours]) => {
        const shifted = new Date(d.getTime() + hours * 3_600_000).toISOString().slice(0, 23);
        const sign = hours < 0 ? '-' : '+';
        return `${shifted}${sign}${String(Math.abs(hours)).padStart(2, '0')}:00`;
      }),
      // Any digits in the app's form, real dates or not.
      fc
        .tuple(...[4, 2, 2, 2, 2, 2, 3].map((n) => fc.stringMatching(new RegExp(`^\\d{${n}}$`))))
        .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`),
    );
    fc.assert(fc.property(written, (time) => fastTime(time) === slowTime(time)));
  });
});

describe('a version vector', () => {
  it('in any spelling is read as the long way reads it', () => {
    const id = fc.uuid().chain((uuid) => fc.constantFrom(uuid, uuid.toUpperCase()));
    const vector = fc.dictionary(id, fc.integer({ min: 1, max: 1_000 }), { maxKeys: 5 });
    fc.assert(
      fc.property(vector, (version) => {
        const parsed = ExchangedVersion.parse(version);
        expect(canonicalJson(parsed)).toBe(canonicalJson(slowVersion(version)));
        expect(Object.keys(parsed)).toEqual(Object.keys(slowVersion(version)));
      }),
    );
  });
});

describe('sameJson', () => {
  it('holds exactly when the canonical JSON is the same', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(sameJson(a, JSON.parse(JSON.stringify(a)))).toBe(true);
        expect(sameJson(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
      }),
    );
  });

  it.each([
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, true],
    [{ a: 1 }, { a: 1, b: undefined }, false],
    [{ a: [1, 2] }, { a: [2, 1] }, false],
    [{ a: {} }, { a: [] }, false],
    [{ a: null }, { a: {} }, false],
    [{ a: '1' }, { a: 1 }, false],
    [{ v: { x: 1 } }, { v: { X: 1 } }, false],
  ])('%j and %j: %s', (a, b, same) => {
    expect(sameJson(a, b)).toBe(same);
    expect(sameJson(b, a)).toBe(same);
  });
});

describe('the key scan', () => {
  const keys = (n: number) => Array.from({ length: n }, (_, i) => `"k${i}":${i}`);
  it.each([5, 16, 17, 40])('finds a key given twice in an object of %i keys, wherever the second one is', (n) => {
    for (const at of [0, n - 1]) {
      const text = `{"a":[{${[...keys(n), `"k${at}":true`].join(',')}}]}`;
      expect(scanJson(text, 64)).toMatchObject({ kind: 'duplicateKey', key: `k${at}` });
    }
    expect(scanJson(`{${keys(n).join(',')}}`, 64)).toBeNull();
  });

  it.each([
    ['{"a":{"b":1},"c":{"b":2}}', null],
    ['{"a":{"b":1,"b":2}}', 'duplicateKey'],
    ['{"a":"\\"b\\":1,\\"b\\":1"}', null],
    ['{"b":1,"\\u0062":2}', 'duplicateKey'],
    ['{"\\u005f_proto__":1}', 'forbiddenKey'],
    ['{ "a" :\n\t{ "constructor" : 1 } }', 'forbiddenKey'],
    ['{"a":1 , "a" :2}', 'duplicateKey'],
  ])('%s: %s', (text, kind) => {
    const problem = scanJson(text, 64);
    expect(problem?.kind ?? null).toBe(kind);
  });
});
