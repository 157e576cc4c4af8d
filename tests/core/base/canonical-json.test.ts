import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize, canonicalJson, recursiveCanonicalJson } from '../../../core/base/canonical-json';

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

describe('canonicalize', () => {
  it('puts the keys of every object in canonical order, so that JSON.stringify writes canonical JSON', () => {
    const value = { b: 1, a: [{ z: null, y: 'ü' }], é: { d: 2, c: 1 } };
    const ordered = canonicalize(value);
    expect(JSON.stringify(ordered)).toBe('{"a":[{"y":"ü","z":null}],"b":1,"é":{"c":1,"d":2}}');
    expect(value).toEqual({ b: 1, a: [{ z: null, y: 'ü' }], é: { d: 2, c: 1 } }); // the original is left as it was
    expect(Object.keys(value)).toEqual(['b', 'a', 'é']);
  });

  it('returns a value that is already in order itself, and copies only what is out of order', () => {
    const inOrder = { a: { x: 1 }, b: [{ c: 1, d: 2 }] };
    expect(canonicalize(inOrder)).toBe(inOrder);
    const partly = { a: { x: 1 }, b: [{ d: 2, c: 1 }] };
    const copy = canonicalize(partly);
    expect(copy).not.toBe(partly);
    expect(copy.a).toBe(partly.a);
  });

  it('keeps a member called __proto__ as a member', () => {
    const value = JSON.parse('{"z":1,"__proto__":{"b":1,"a":2}}') as Record<string, unknown>;
    const ordered = canonicalize(value);
    expect(Object.getPrototypeOf(ordered)).toBe(Object.prototype);
    expect(canonicalJson(ordered)).toBe('{"__proto__":{"a":2,"b":1},"z":1}');
    expect(Object.keys(ordered)).toEqual(['__proto__', 'z']);
  });

  it('makes JSON.stringify agree with canonicalJson for any JSON value whose keys are not array indexes', () => {
    const key = fc.string().filter((k) => !/^(0|[1-9]\d*)$/.test(k));
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 0 }), tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        expect(JSON.stringify(canonicalize(value))).toBe(canonicalJson(value));
      }),
      { numRuns: 500 },
    );
  });
});
