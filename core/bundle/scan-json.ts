/**
 * Checks that a text is well-formed JSON before JSON.parse sees it, without
 * recursion, so hostile input is refused with a precise reason instead of
 * crashing the app: the line and column of a syntax error, nesting deeper than
 * any bundle needs, keys that could reach an object's prototype, and keys
 * given twice in one object (JSON.parse would silently keep the last), and
 * escaped lone surrogates (`"\ud83d"`), which are no text: RFC 8785, which
 * the checksum follows, excludes them, and many JSON libraries cannot write them.
 */
export type JsonProblem =
  | { kind: 'syntax'; line: number; column: number; found: string }
  | { kind: 'truncated'; line: number; column: number }
  | { kind: 'tooDeep'; line: number; column: number; maxDepth: number }
  | { kind: 'forbiddenKey'; line: number; column: number; key: string }
  | { kind: 'duplicateKey'; line: number; column: number; key: string }
  | { kind: 'loneSurrogate'; line: number; column: number; escape: string };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Up to this many keys, an object's keys are looked up in a list. */
const MAX_KEY_LIST = 16;

// Sticky patterns: each matches at exactly `lastIndex`, so the scan stays linear and fast.
const WHITESPACE = /[ \t\n\r]*/y;
const PLAIN_CHARS = /[^"\\\u0000-\u001f]*/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;
/** An escaped low surrogate, which must follow an escaped high one. */
const LOW_SURROGATE = /\\u[dD][c-fC-F][0-9a-fA-F]{2}/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const LITERAL = /true|false|null/y;
/** Anything a number can start with, up to the end of the text: a file cut off inside a number. */
const NUMBER_CUT_OFF = /-?[0-9]*(?:\.[0-9]*)?(?:[eE][+-]?[0-9]*)?$/y;
const LITERALS = ['true', 'false', 'null'];

/** Where the value of each member of the top-level object starts and ends in the text. */
export type TopLevelSpans = Map<string, { start: number; end: number }>;

/**
 * Returns the first problem, or null when `text` is one well-formed JSON value
 * within the limits. `spans`, when given, receives the position of each
 * top-level member's value, so a caller can hash it as written.
 */
export function scanJson(text: string, maxDepth: number, spans?: TopLevelSpans): JsonProblem | null {
  /**
   * One entry per open container: the keys seen so far for an object (a list
   * while it is short, which is cheaper than a set; a set once it is long), null for an array.
   */
  const stack: (string[] | Set<string> | null)[] = [];
  let i = 0;
  let expect: 'value' | 'key' | 'after' = 'value';
  let topKey: string | undefined;
  let topStart = 0;

  const match = (pattern: RegExp): number => {
    pattern.lastIndex = i;
    return pattern.test(text) ? pattern.lastIndex : -1;
  };
  /** Past any whitespace at `i`; compact JSON has none, so the character is looked at before the pattern runs. */
  const skipWhitespace = (): number => {
    const code = text.charCodeAt(i);
    return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09 ? match(WHITESPACE) : i;
  };
  const at = (index: number) => position(text, index);
  const unexpected = (index: number): JsonProblem =>
    index >= text.length
      ? { kind: 'truncated', ...at(index) }
      : { kind: 'syntax', ...at(index), found: describe(text, index) };

  for (;;) {
    i = skipWhitespace();
    const c = text[i];
    if (expect === 'value') {
      if (stack.length === 1) topStart = i;
      if (c === '{' || c === '[') {
        if (stack.length >= maxDepth) return { kind: 'tooDeep', ...at(i), maxDepth };
        stack.push(c === '{' ? [] : null);
        i += 1;
        i = skipWhitespace();
        if (text[i] === (c === '{' ? '}' : ']')) {
          stack.pop();
          i += 1;
          expect = 'after';
        } else {
          expect = c === '{' ? 'key' : 'value';
        }
        continue;
      }
      const isNumber = c === '-' || (c !== undefined && c >= '0' && c <= '9');
      const end = c === '"' ? scanString(text, i) : isNumber ? match(NUMBER) : match(LITERAL);
      if (end === -1 && c === '"') return stringProblem(text, i);
      if (end < -1) return loneSurrogate(text, -end - 2);
      if (end === -1 || end < text.length) {
        const rest = text.slice(i, i + 6);
        const cutOff = isNumber
          ? match(NUMBER_CUT_OFF) === text.length
          : end === -1 && i + rest.length === text.length && LITERALS.some((literal) => literal.startsWith(rest));
        if (cutOff) return { kind: 'truncated', ...at(text.length) };
      }
      if (end === -1) return unexpected(i);
      i = end;
      expect = 'after';
      continue;
    }
    if (expect === 'key') {
      if (c !== '"') return unexpected(i);
      const end = scanString(text, i);
      if (end === -1) return stringProblem(text, i);
      if (end < -1) return loneSurrogate(text, -end - 2);
      // Decodes escapes: "\u005f_proto__" is __proto__ too. A key without any is its text as written.
      const raw = text.slice(i + 1, end - 1);
      const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end)) as string) : raw;
      if (FORBIDDEN_KEYS.has(key)) return { kind: 'forbiddenKey', ...at(i), key };
      const keys = stack[stack.length - 1]!;
      if (Array.isArray(keys)) {
        if (keys.includes(key)) return { kind: 'duplicateKey', ...at(i), key };
        keys.push(key);
        if (keys.length > MAX_KEY_LIST) stack[stack.length - 1] = new Set(keys);
      } else {
        if (keys.has(key)) return { kind: 'duplicateKey', ...at(i), key };
        keys.add(key);
      }
      if (stack.length === 1) topKey = key;
      i = end;
      i = skipWhitespace();
      if (text[i] !== ':') return unexpected(i);
      i += 1;
      expect = 'value';
      continue;
    }
    // expect === 'after': a value just ended.
    if (stack.length === 0) return i < text.length ? unexpected(i) : null;
    if (spans && stack.length === 1 && topKey !== undefined) {
      let end = i;
      while (end > topStart && ' \t\n\r'.includes(text[end - 1]!)) end -= 1;
      spans.set(topKey, { start: topStart, end });
      topKey = undefined;
    }
    const keys = stack[stack.length - 1]!;
    if (c === ',') {
      i += 1;
      expect = keys === null ? 'value' : 'key';
    } else if (c === (keys === null ? ']' : '}')) {
      stack.pop();
      i += 1;
    } else {
      return unexpected(i);
    }
  }
}

/**
 * The index after the string token starting at `start`; -1 when it is not
 * well-formed; `-2 - index` when the escape at `index` is a lone surrogate.
 * Runs of plain characters match in one step. (The text came from valid
 * UTF-8, so a surrogate can only be written as an escape.)
 */
function scanString(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    PLAIN_CHARS.lastIndex = i;
    PLAIN_CHARS.test(text);
    i = PLAIN_CHARS.lastIndex;
    if (text[i] === '"') return i + 1;
    if (text[i] !== '\\') return -1;
    ESCAPE.lastIndex = i;
    if (!ESCAPE.test(text)) return -1;
    if (text[i + 1] === 'u') {
      const unit = parseInt(text.slice(i + 2, i + 6), 16);
      if (unit >= 0xdc00 && unit <= 0xdfff) return -2 - i;
      if (unit >= 0xd800 && unit <= 0xdbff) {
        LOW_SURROGATE.lastIndex = i + 6;
        if (!LOW_SURROGATE.test(text)) return -2 - i;
        i = LOW_SURROGATE.lastIndex; // the pair is one character
        continue;
      }
    }
    i = ESCAPE.lastIndex;
  }
}

function loneSurrogate(text: string, index: number): JsonProblem {
  return { kind: 'loneSurrogate', ...position(text, index), escape: text.slice(index, index + 6) };
}

/** Where exactly a string token goes wrong: an unescaped control character, a bad escape, or no closing quote. */
function stringProblem(text: string, start: number): JsonProblem {
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) break;
    if (code < 0x20) return { kind: 'syntax', ...position(text, i), found: describe(text, i) };
    if (code === 0x5c) {
      const escape = text.slice(i + 1, i + 6);
      if (!/^(["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(escape)) {
        const cutOff = i + 1 + escape.length >= text.length && /^(u[0-9a-fA-F]{0,3})?$/.test(escape);
        return cutOff
          ? { kind: 'truncated', ...position(text, text.length) }
          : { kind: 'syntax', ...position(text, i), found: describe(text, i) };
      }
      i += escape[0] === 'u' ? 5 : 1;
    }
  }
  return { kind: 'truncated', ...position(text, text.length) };
}

/** 1-based line and column (in characters) of an index; only computed when reporting a problem. */
function position(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

/** A short, printable description of the character at `index`. */
function describe(text: string, index: number): string {
  const code = text.codePointAt(index)!;
  return code < 0x20 || code === 0x7f
    ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
    : String.fromCodePoint(code);
}
