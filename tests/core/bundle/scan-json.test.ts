import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanJson, type TopLevelSpans } from '../../../core/bundle/scan-json';
import { bundleText, smallBundle } from '../../helpers/bundles';

const DEPTH = 64;
const scan = (text: string) => scanJson(text, DEPTH);

describe('scanning JSON', () => {
  it.each([
    ['an object', '{"a":1,"b":[true,false,null],"c":{"d":"e"}}'],
    ['an array', '[1,"two",[3],{"four":4}]'],
    ['an empty object and an empty array', '{"a":{},"b":[],"c":[{}],"d":[[]]}'],
    ['whitespace everywhere JSON allows it', ' \t\r\n{ "a" : [ 1 , 2 ] , "b" : { } }\r\n '],
    ['a string', '"text"'],
    ['the empty string', '""'],
    ['every escape', '"\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\uD83D\\uDE00"'],
    ['non-ASCII text', '{"straße":"Grün – “quoted” 😀","nl":"thema’s"}'],
    ['an escaped surrogate pair, in either case', '["\\ud83d\\ude00","\\uD83D\\uDE00","x\\uDBFF\\uDFFFy"]'],
    ['zero', '0'],
    ['a negative number', '-12'],
    ['a fraction', '3.25'],
    ['exponents', '[1e5,1E+5,1e-5,-0.5e10,0e0]'],
    ['a huge number', '1e400'],
    ['true', 'true'],
    ['false', 'false'],
    ['null', 'null'],
    ['a trailing newline', '{"a":1}\n'],
    ['the same key in different objects', '{"a":{"a":1},"b":[{"a":1},{"a":2}]}'],
    ['keys that differ only in case', '{"Format":1,"format":2}'],
    ['dangerous words as values', '{"a":"__proto__","b":["constructor","prototype"]}'],
    ['keys that only contain a dangerous word', '{"__proto__x":1,"my constructor":2,"prototypes":3}'],
    ['nesting exactly as deep as allowed', '['.repeat(DEPTH) + ']'.repeat(DEPTH)],
  ])('accepts %s', (_name, text) => {
    expect(scan(text)).toBeNull();
    expect(() => JSON.parse(text)).not.toThrow();
  });

  it.each([
    ['a lone high surrogate', '"\\ud83d"', 1, 2, '\\ud83d'],
    ['a lone low surrogate', '["ok","\\uDE00"]', 1, 8, '\\uDE00'],
    ['a high surrogate followed by another high one', '"a\\ud83d\\ud83d"', 1, 3, '\\ud83d'],
    ['a high surrogate followed by a plain character', '{"t":\n"\\uD800x"}', 2, 2, '\\uD800'],
    ['a high surrogate at the end of a string', '"\\ud800"', 1, 2, '\\ud800'],
    ['a lone surrogate in a key', '{"\\udc00":1}', 1, 3, '\\udc00'],
  ])('refuses %s, which is no text (RFC 8785 excludes it)', (_name, text, line, column, escape) => {
    expect(scan(text)).toEqual({ kind: 'loneSurrogate', line, column, escape });
  });

  it('accepts every value JSON.stringify writes (property test)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.constantFrom(undefined, 2, '\t'), (value, space) => {
        const text = JSON.stringify(value, null, space);
        fc.pre(!/"(__proto__|constructor|prototype)":/.test(text)); // refused on purpose

        expect(scan(text)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('accepts a valid bundle, compact and indented', () => {
    const bundle = smallBundle();
    expect(scan(bundleText(bundle))).toBeNull();
    expect(scan(bundleText(bundle, 2))).toBeNull();
  });

  it('reports a syntax error with its line and column in multi-line input', () => {
    const text = ['{', '  "format": "twinning-kb.bundle",', '  "schemaVersion": 1,', '  "content": [1, 2 3]', '}'].join(
      '\n',
    );
    expect(scan(text)).toEqual({ kind: 'syntax', line: 4, column: 20, found: '3' });
  });

  it('counts lines after Windows line endings the same way', () => {
    const text = ['{', '  "a": 1,', '  "b": x', '}'].join('\r\n');
    expect(scan(text)).toEqual({ kind: 'syntax', line: 3, column: 8, found: 'x' });
  });

  it('reports a problem on the first line and first column', () => {
    expect(scan("{'a':1}")).toEqual({ kind: 'syntax', line: 1, column: 2, found: "'" });
    expect(scan('x')).toEqual({ kind: 'syntax', line: 1, column: 1, found: 'x' });
  });

  it.each([
    ['a trailing comma in an object', '{"a":1,}', 1, 8, '}'],
    ['a trailing comma in an array', '[1,]', 1, 4, ']'],
    ['a missing comma', '[1 2]', 1, 4, '2'],
    ['a missing colon', '{"a" 1}', 1, 6, '1'],
    ['a key without quotes', '{a:1}', 1, 2, 'a'],
    ['single quotes', "['a']", 1, 2, "'"],
    ['a leading zero', '[01]', 1, 3, '1'],
    ['a plus sign', '[+1]', 1, 2, '+'],
    ['NaN', '[NaN]', 1, 2, 'N'],
    ['Infinity', '[Infinity]', 1, 2, 'I'],
    ['a comment', '{"a":1 // note\n}', 1, 8, '/'],
    ['a second value after the first', '{"a":1} {"b":2}', 1, 9, '{'],
    ['a misspelled literal', '[ture]', 1, 2, 't'],
    ['a literal with trailing letters', '[nullx]', 1, 6, 'x'],
    ['a raw tab inside a string', '["a\tb"]', 1, 4, 'U+0009'],
    ['a raw newline inside a string', '{\n"a":"line\nnext"}', 2, 10, 'U+000A'],
    ['an unknown escape', '["\\x41"]', 1, 3, '\\'],
    ['a short unicode escape', '["\\u12"]', 1, 3, '\\'],
    ['a closing bracket of the wrong kind', '{"a":[1}', 1, 8, '}'],
    ['a byte order mark left in the text', '\uFEFF{}', 1, 1, '\uFEFF'],
    ['a non-breaking space between tokens', '{"a":\u00a01}', 1, 6, '\u00a0'],
  ])('reports %s as a syntax error with the position and character', (_name, text, line, column, found) => {
    expect(scan(text)).toEqual({ kind: 'syntax', line, column, found });
    expect(() => JSON.parse(text)).toThrow();
  });

  it('describes control characters readably', () => {
    expect(scan('\u0000')).toMatchObject({ kind: 'syntax', found: 'U+0000' });
    expect(scan('[\u001b]')).toMatchObject({ kind: 'syntax', found: 'U+001B' });
    expect(scan('[\u007f]')).toMatchObject({ kind: 'syntax', found: 'U+007F' });
  });

  it('counts columns in UTF-16 code units after text outside the BMP', () => {
    // "😀" is two code units, as in JavaScript and in most editors' column counts.
    expect(scan('["😀" x]')).toMatchObject({ kind: 'syntax', line: 1, column: 7 });
  });

  it.each([
    ['an open object', '{', 1, 2],
    ['an open array', '[1,2', 1, 5],
    ['a key without a value', '{"a":', 1, 6],
    ['a key without a colon', '{"a"', 1, 5],
    ['an unterminated key', '{"ab', 1, 5],
    ['an unterminated string', '["abc', 1, 6],
    ['a string ending in a backslash', '["abc\\', 1, 7],
    ['an open object over several lines', '{\n  "a": [\n    1,\n', 4, 1],
    ['an open object followed by whitespace', '{"a":1,   ', 1, 11],
  ])('reports %s as truncated, at the end of the text', (_name, text, line, column) => {
    expect(scan(text)).toEqual({ kind: 'truncated', line, column });
  });

  it.each([
    ['the literal true', '{"a":tru', 9],
    ['the literal null', '[nu', 4],
    ['a negative number', '{"a":-', 7],
    ['a fraction', '{"a":1.', 8],
    ['an exponent', '{"a":1e', 8],
    ['a unicode escape', '["\\u00', 7],
  ])('reports a file cut off in the middle of %s as truncated, not as a syntax error', (_name, text, column) => {
    expect(scan(text)).toEqual({ kind: 'truncated', line: 1, column });
  });

  it('refuses every prefix of a valid bundle, without crashing', () => {
    const text = bundleText(smallBundle({ practices: 1 }), 1);
    for (let end = 1; end < text.length; end++) {
      const problem = scan(text.slice(0, end));
      expect(problem, `prefix of ${end} characters`).not.toBeNull();
      expect(['truncated', 'syntax']).toContain(problem!.kind);
    }
  });

  it('refuses nesting deeper than allowed, at the bracket that goes too deep', () => {
    expect(scan('['.repeat(DEPTH + 1) + ']'.repeat(DEPTH + 1))).toEqual({
      kind: 'tooDeep',
      line: 1,
      column: DEPTH + 1,
      maxDepth: DEPTH,
    });
    expect(scan('{"a":'.repeat(DEPTH + 1))).toEqual({
      kind: 'tooDeep',
      line: 1,
      column: DEPTH * 5 + 1,
      maxDepth: DEPTH,
    });
    expect(scan('[\n'.repeat(DEPTH + 1))).toEqual({ kind: 'tooDeep', line: DEPTH + 1, column: 1, maxDepth: DEPTH });
  });

  it('handles 200 000 levels of nesting without recursion, and quickly', () => {
    const started = performance.now();
    expect(scan('['.repeat(200_000))).toMatchObject({ kind: 'tooDeep' });
    expect(scanJson('['.repeat(200_000) + ']'.repeat(200_000), 1_000_000)).toBeNull();
    expect(scanJson('['.repeat(200_000), 1_000_000)).toMatchObject({ kind: 'truncated', line: 1, column: 200_001 });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('scans a long input in linear time', () => {
    const text = JSON.stringify(
      Array.from({ length: 100_000 }, (_, i) => ({ id: `record-${i}`, text: 'x'.repeat(50), n: i, ok: true })),
    );
    const started = performance.now();
    expect(scan(text)).toBeNull();
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it.each([
    ['__proto__', '{"__proto__":{}}', '__proto__', 2],
    ['constructor', '{"constructor":{}}', 'constructor', 2],
    ['prototype', '{"prototype":1}', 'prototype', 2],
    ['__proto__ written with an escape', '{"\\u005f_proto__":{}}', '__proto__', 2],
    [
      'constructor written with escapes only',
      '{"\\u0063\\u006F\\u006e\\u0073\\u0074\\u0072\\u0075\\u0063\\u0074\\u006f\\u0072":1}',
      'constructor',
      2,
    ],
    ['__proto__ deep inside', '{"a":[{"b":{"c":1,"__proto__":null}}]}', '__proto__', 19],
  ])('refuses the key %s with its position', (_name, text, key, column) => {
    expect(scan(text)).toEqual({ kind: 'forbiddenKey', line: 1, column, key });
  });

  it('refuses a forbidden key even where the value after it would be a syntax error', () => {
    expect(scan('{"__proto__":')).toMatchObject({ kind: 'forbiddenKey' });
  });

  it.each([
    ['a key twice', '{"a":1,"a":2}', 'a', 8],
    ['a key twice, once escaped', '{"a":1,"\\u0061":2}', 'a', 8],
    ['a key twice in a nested object', '{"x":{"b":1,"c":2,"b":3}}', 'b', 19],
    ['the empty key twice', '{"":1,"":2}', '', 7],
  ])('refuses %s, at the second occurrence', (_name, text, key, column) => {
    expect(scan(text)).toEqual({ kind: 'duplicateKey', line: 1, column, key });
  });

  it('reports the first problem in the text when there are several', () => {
    expect(scan('{"a":1,"a":2,"__proto__":{}}')).toMatchObject({ kind: 'duplicateKey' });
    expect(scan('{"__proto__":{},"a":1,"a":2}')).toMatchObject({ kind: 'forbiddenKey' });
    expect(scan('{"a":1,"a":2 x')).toMatchObject({ kind: 'duplicateKey' });
  });

  it('tells where the value of each top-level member is written, without the spaces around it', () => {
    const text = '{ "a" : [1, {"b": 2}] ,\n "c":"x" }';
    const spans: TopLevelSpans = new Map();
    expect(scanJson(text, DEPTH, spans)).toBeNull();
    expect([...spans].map(([key, { start, end }]) => [key, text.slice(start, end)])).toEqual([
      ['a', '[1, {"b": 2}]'],
      ['c', '"x"'],
    ]);
  });
});
