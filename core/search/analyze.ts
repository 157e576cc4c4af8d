/**
 * Text analysis shared by indexing, querying and snippets: word → folded →
 * stop word check → stem. Indexing and querying must use exactly this, or
 * the terms would not meet.
 */
import type { Lang } from '../../shared/model';
import { foldWord } from '../../shared/fold';
import { stemWord } from './stem';
import { isStopword } from './stopwords';
import { wordsOf } from './tokenize';

/** Words are few compared to the words written: caching the analysis makes indexing several times faster. */
const cache: Record<Lang, Map<string, string | null>> = { de: new Map(), nl: new Map() };
const CACHE_LIMIT = 200_000;

/** The index term for a word as written, or null for a stop word. */
export function analyzeWord(word: string, lang: Lang): string | null {
  const memo = cache[lang];
  const known = memo.get(word);
  if (known !== undefined) return known;
  const folded = foldWord(word, lang);
  const term = folded.length < 2 || isStopword(folded, lang) ? null : stemWord(folded, lang);
  if (memo.size >= CACHE_LIMIT) memo.clear();
  memo.set(word, term);
  return term;
}

/** The index terms of a text, in order, stop words left out. */
export function analyzeText(text: string, lang: Lang): string[] {
  const terms: string[] = [];
  for (const word of wordsOf(text)) {
    const term = analyzeWord(word, lang);
    if (term !== null) terms.push(term);
  }
  return terms;
}

/**
 * Markdown reduced to its words: link targets, image sources and markup
 * characters would otherwise be indexed and shown in snippets.
 */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/^\s{0,3}(?:#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_`~|]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
