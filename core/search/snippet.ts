/**
 * A short excerpt of a field around the first matching word, with the
 * matching words marked, so the result list shows why a record was found.
 */
import type { Highlight, Snippet } from '../../shared/search';
import { words, type Token } from './tokenize';

const ELLIPSIS = '…';
/** Characters of context kept before the first match. */
const LEAD = 40;

/** `isMatch` tells whether a written word is one of the matched index terms. */
export function makeSnippet(text: string, isMatch: (word: string) => boolean, maxLength = 160): Snippet {
  // Reads words only up to the end of the excerpt: bodies can be long.
  const before: Token[] = [];
  const matches: Token[] = [];
  let start = 0;
  let end = text.length;
  let cut: Token | undefined;
  for (const token of words(text)) {
    if (matches.length === 0) {
      if (!isMatch(token.text)) {
        before.push(token);
        continue;
      }
      if (text.length > maxLength && token.start > LEAD) {
        // Start at a word boundary a little before the first match.
        start = before.find((t) => t.start >= token.start - LEAD)?.start ?? token.start;
      }
      end = Math.min(text.length, start + maxLength);
    }
    if (token.end > end) break;
    if (matches.length > 0 && !isMatch(token.text)) {
      cut = token;
      continue;
    }
    matches.push(token);
    cut = token;
  }
  if (matches.length === 0) {
    end = Math.min(text.length, maxLength);
    cut = before.findLast((t) => t.end <= end);
  }
  // End after the last whole word that fits, unless the text ends first.
  if (end < text.length && cut && cut.end > start) end = Math.min(end, cut.end);
  const prefix = start > 0 ? ELLIPSIS : '';
  const suffix = end < text.length ? ELLIPSIS : '';
  const highlights: Highlight[] = matches
    .filter((token) => token.start >= start && token.end <= end)
    .map((token) => [token.start - start + prefix.length, token.end - start + prefix.length]);
  return { text: prefix + text.slice(start, end) + suffix, highlights };
}
