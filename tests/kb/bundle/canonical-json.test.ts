import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, recursiveCanonicalJson } from '../../../electron/kb/bundle/canonical-json';

describe('canonical JSON', () => {
  it('sorts keys by UTF-16 code units at every level and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [{ z: null, y: 'ü' }], '10': true, '9': false, é: 0 })).toBe(
      '{"10":true,"9":false,"a":[{"y":"ü","z":null}],"b":1,"é":0}',
    );
  });

  it('leaves out undefined members and writes undefined array items as null', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
  });

  it('writes a member called __proto__ that JSON.parse created, without reading any prototype', () => {
    const value = JSON.parse('{"x":{"__proto__":{"a":1}},"y":{}}') as unknown;
    expect(canonicalJson(value)).toBe('{"x":{"__proto__":{"a":1}},"y":{}}');
  });

  it('gives the same text on the fast path as object by object, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(recursiveCanonicalJson(value));
      }),
      { numRuns: 500 },
    );
  });
});
