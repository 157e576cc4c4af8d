/**
 * German (and Dutch) compound parts. Prefix search finds "Verkehrsplanung"
 * for "verkehr", but not "Kreisverkehr": the part is inside the word. This
 * keeps, per language, every indexed term under each of its inner suffixes;
 * a lookup by prefix over those suffixes returns the terms that contain the
 * query word after a plausible first part ("kreis|verkehr", "straßen|verkehrs|planung").
 *
 * It works on the vocabulary, not on documents: the matching terms are then
 * searched as ordinary terms, so documents need no extra postings.
 */
import SearchableMap from 'minisearch/SearchableMap';
import { LANGUAGES, type Lang } from '../../shared/model';

/** The first part of a compound has at least this many letters ("amt" in "gesamt" is no part). */
const MIN_HEAD = 3;
/** Shorter query words would match inside too many unrelated words. */
export const MIN_PART = 4;
/** Enough for any real query; bounds the cost of a very common part. */
const MAX_EXPANSION = 200;

export class CompoundParts {
  readonly #terms: Record<Lang, Set<string>> = { de: new Set(), nl: new Set() };
  /** Built on the first lookup: a loaded index is usable before this is ready. */
  #suffixes: Record<Lang, SearchableMap<string[]>> | null = null;

  /** Registers an index term. Terms are never unregistered: a stale one only finds nothing. */
  add(term: string, lang: Lang): void {
    const terms = this.#terms[lang];
    if (term.length < MIN_HEAD + MIN_PART || terms.has(term)) return; // too short to hold a part
    terms.add(term);
    if (this.#suffixes) addSuffixes(this.#suffixes[lang], term);
  }

  /** Indexed terms that contain `part` after a first part, e.g. "verkehr" → "kreisverkehr". */
  containing(part: string, lang: Lang): string[] {
    if (part.length < MIN_PART) return [];
    const found = new Set<string>();
    for (const terms of this.#suffixMap(lang).atPrefix(part).values()) {
      for (const term of terms) {
        found.add(term);
        if (found.size >= MAX_EXPANSION) return [...found];
      }
    }
    return [...found];
  }

  /** The registered terms, to save with the index. */
  terms(lang: Lang): string[] {
    return [...this.#terms[lang]];
  }

  #suffixMap(lang: Lang): SearchableMap<string[]> {
    if (!this.#suffixes) {
      this.#suffixes = { de: new SearchableMap(), nl: new SearchableMap() };
      for (const l of LANGUAGES) for (const term of this.#terms[l]) addSuffixes(this.#suffixes[l], term);
    }
    return this.#suffixes[lang];
  }
}

function addSuffixes(suffixes: SearchableMap<string[]>, term: string): void {
  for (let i = MIN_HEAD; i <= term.length - MIN_PART; i++) suffixes.fetch(term.slice(i), () => []).push(term);
}
