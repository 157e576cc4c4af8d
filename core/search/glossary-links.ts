/**
 * Cross-language search through the glossary: a query word that is a
 * glossary term in one language brings in the term's equivalent in the other
 * ("rotonde" → "Kreisverkehr", "Bürogestaltung" → "kantoorinrichting").
 */
import { LANGUAGES, otherLang, type GlossaryTerm, type Lang } from '../../shared/model';
import { analyzeText } from './analyze';

/** The other-language terms a query word adds, and the glossary term that links them. */
export interface GlossaryEquivalent {
  termId: string;
  /** The language of `terms`. */
  lang: Lang;
  terms: string[];
}

interface Link {
  termId: string;
  /** All terms of the phrase in the query's language: a multi-word term matches only when all are in the query. */
  phrase: string[];
  equivalent: GlossaryEquivalent;
}

/** Typed words this long already select a glossary term by prefix. */
const MIN_PREFIX = 4;

export class GlossaryLinks {
  /** Per language: index term → links whose phrase contains it. */
  readonly #byTerm: Record<Lang, Map<string, Link[]>> = { de: new Map(), nl: new Map() };

  constructor(glossary: Iterable<GlossaryTerm>) {
    for (const entry of glossary) {
      for (const lang of LANGUAGES) {
        const phrase = analyzeText(entry.term[lang], lang);
        const target = otherLang(lang);
        const terms = analyzeText(entry.term[target], target);
        if (phrase.length === 0 || terms.length === 0) continue;
        const link: Link = { termId: entry.id, phrase, equivalent: { termId: entry.id, lang: target, terms } };
        for (const term of new Set(phrase)) {
          const links = this.#byTerm[lang].get(term);
          if (links) links.push(link);
          else this.#byTerm[lang].set(term, [link]);
        }
      }
    }
  }

  /**
   * Equivalents for one query word, given as its index term per language.
   * `queryTerms` are all the query's terms per language (for multi-word
   * glossary terms); `prefix` lets a word still being typed select a term.
   */
  equivalents(
    word: Partial<Record<Lang, string>>,
    queryTerms: Record<Lang, ReadonlySet<string>>,
    prefix: boolean,
  ): GlossaryEquivalent[] {
    const found = new Map<string, GlossaryEquivalent>();
    for (const lang of LANGUAGES) {
      const term = word[lang];
      if (!term) continue;
      for (const link of this.#candidates(term, lang, prefix)) {
        const complete = link.phrase.every((part) => part === term || queryTerms[lang].has(part));
        if (complete) found.set(`${link.termId}|${link.equivalent.lang}`, link.equivalent);
      }
    }
    return [...found.values()];
  }

  #candidates(term: string, lang: Lang, prefix: boolean): Link[] {
    const exact = this.#byTerm[lang].get(term) ?? [];
    if (!prefix || term.length < MIN_PREFIX) return exact;
    const links = [...exact];
    for (const [key, more] of this.#byTerm[lang]) {
      if (key !== term && key.startsWith(term)) links.push(...more);
    }
    return links;
  }
}
