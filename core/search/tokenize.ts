/**
 * Splits text into words with their offsets. Our own splitter: library
 * presets split at ë, ï or é (treating them as punctuation), which would turn
 * "ideeën" into "idee" + "n".
 */

export interface Token {
  /** The word as written. */
  text: string;
  /** [start, end) offsets in the text. */
  start: number;
  end: number;
}

/** A letter or digit, then letters, combining marks (decomposed ë) and digits. */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

/** Longer "words" are URLs, hashes or ids: noise in the index. */
const MAX_WORD_LENGTH = 40;

export function tokenize(text: string): Token[] {
  return [...words(text)];
}

/** Just the words, for indexing: no offsets, no objects. */
export function wordsOf(text: string): string[] {
  const found = text.match(WORD) ?? [];
  return found.some((word) => word.length > MAX_WORD_LENGTH)
    ? found.filter((word) => word.length <= MAX_WORD_LENGTH)
    : found;
}

/** The words of a text one by one, for callers that may stop early. */
export function* words(text: string): Generator<Token> {
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    if (word.length > MAX_WORD_LENGTH) continue;
    yield { text: word, start: match.index, end: match.index + word.length };
  }
}
