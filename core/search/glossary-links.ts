/**
 * Cross-language search through the glossary: a query word that is a
 * glossary term in one language brings in the term's equivalent in the other
 * ("rotonde" → "Kreisverkehr", "Bürogestaltung" → "kantoorinrichting").
 *
 * Labels are written for people, not for matching: "verkeersluw maken
 * (verkeersremming)", "Beamtin / Beamter", "fietsstrook (met doorgetrokken
 * streep)". So a label is read as alternatives (split at "/"), each a phrase,
 * with explanations in brackets apart. A phrase links when all its words are
 * in the query, or when its head word is: the longest word of a multi-word
 * phrase, if long enough to mean something on its own ("verkeersluw",
 * "projectmanagement"; not "agile" or "groen"). A one-word explanation in
 * brackets is a synonym and links too. What a link brings in is the other
 * label's head words (all words of a phrase without one) and its one-word
 * synonyms, never the words of an explanation.
 */
import { LANGUAGES, otherLang, type GlossaryTerm, type Lang } from '../../shared/model';
import { analyzeText } from './analyze';

/** The other-language terms a query word adds, and the glossary term that links them. */
export interface GlossaryEquivalent {
  termId: string;
  /** The language of `terms`. */
  lang: Lang;
  terms: string[];
  /** Linked through a word still being typed that only starts the glossary term: weighs less. */
  partial?: boolean;
}

interface Link {
  /** All terms of the phrase in the query's language: it links when all are in the query… */
  phrase: string[];
  /** …or when one of these is. */
  heads: ReadonlySet<string>;
  equivalent: GlossaryEquivalent;
}

/** Typed words this long already select a glossary term by prefix. */
const MIN_PREFIX = 4;
/** A head word stands for its phrase alone only from this many letters (as an index term). */
const MIN_HEAD = 7;

/** A label read for matching: its alternatives and the synonyms given in brackets. */
export interface LabelPhrases {
  alternatives: string[][];
  /** Bracketed explanations, each a phrase (split at ";" and ","). */
  explanations: string[][];
}

/** "verkeersluw maken (verkeersremming)" → alternatives [["verkeersluw", "mak"]], explanations [["verkeersremming"]]. */
export function labelPhrases(label: string, lang: Lang): LabelPhrases {
  const explanations: string[][] = [];
  const main = label.replace(/\(([^()]*)\)/g, (_, inner: string) => {
    for (const part of inner.split(/[;,]/)) explanations.push(analyzeText(part, lang));
    return ' ';
  });
  const alternatives = main.split('/').map((part) => analyzeText(part, lang));
  const nonEmpty = (phrases: string[][]) => phrases.filter((phrase) => phrase.length > 0);
  return { alternatives: nonEmpty(alternatives), explanations: nonEmpty(explanations) };
}

/** The words that stand for a multi-word phrase alone: its longest, when long enough. */
function headsOf(phrase: readonly string[]): string[] {
  if (phrase.length < 2) return [];
  const longest = Math.max(...phrase.map((term) => term.length));
  return longest < MIN_HEAD ? [] : phrase.filter((term) => term.length === longest);
}

/** What a label brings into a query in its language: head words (or whole short phrases) and one-word synonyms. */
function broughtIn({ alternatives, explanations }: LabelPhrases): string[] {
  const terms = new Set<string>();
  for (const phrase of alternatives) {
    const heads = headsOf(phrase);
    for (const term of heads.length > 0 ? heads : phrase) terms.add(term);
  }
  for (const phrase of explanations) if (phrase.length === 1) terms.add(phrase[0]!);
  return [...terms];
}

export class GlossaryLinks {
  /** Per language: index term → links whose phrase contains it. */
  readonly #byTerm: Record<Lang, Map<string, Link[]>> = { de: new Map(), nl: new Map() };

  constructor(glossary: Iterable<GlossaryTerm>) {
    for (const entry of glossary) {
      const phrases = { de: labelPhrases(entry.term.de, 'de'), nl: labelPhrases(entry.term.nl, 'nl') };
      for (const lang of LANGUAGES) {
        const target = otherLang(lang);
        const terms = broughtIn(phrases[target]);
        if (terms.length === 0) continue;
        const equivalent: GlossaryEquivalent = { termId: entry.id, lang: target, terms };
        const { alternatives, explanations } = phrases[lang];
        const links: Link[] = [
          ...alternatives.map((phrase) => ({ phrase, heads: new Set(headsOf(phrase)), equivalent })),
          ...explanations
            .filter((phrase) => phrase.length === 1)
            .map((phrase) => ({ phrase, heads: new Set<string>(), equivalent })),
        ];
        for (const link of links) {
          for (const term of new Set(link.phrase)) {
            const known = this.#byTerm[lang].get(term);
            if (known) known.push(link);
            else this.#byTerm[lang].set(term, [link]);
          }
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
      for (const [matched, link] of this.#candidates(term, lang, prefix)) {
        // The word stands for `matched`: the phrase term it equals or, being typed, starts.
        const complete =
          link.heads.has(matched) || link.phrase.every((part) => part === matched || queryTerms[lang].has(part));
        if (!complete) continue;
        const key = `${link.equivalent.termId}|${link.equivalent.lang}`;
        if (matched === term) found.set(key, link.equivalent);
        else if (!found.has(key)) found.set(key, { ...link.equivalent, partial: true });
      }
    }
    return [...found.values()];
  }

  /** Links with a phrase term equal to `term` or, for a word being typed, starting with it; with that phrase term. */
  #candidates(term: string, lang: Lang, prefix: boolean): [string, Link][] {
    const byTerm = this.#byTerm[lang];
    const out: [string, Link][] = (byTerm.get(term) ?? []).map((link) => [term, link]);
    if (!prefix || term.length < MIN_PREFIX) return out;
    for (const [key, links] of byTerm) {
      if (key !== term && key.startsWith(term)) for (const link of links) out.push([key, link]);
    }
    return out;
  }
}
