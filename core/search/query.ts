/**
 * Turns what the user typed into query terms: one group per word (all groups
 * must match), each group the word's index terms in both languages, its
 * compounds, its glossary equivalents and, for the word still being typed, its
 * prefixes. A compound the index does not know is split into parts it does,
 * one group per part (each also matching the compound whole). `resolveTerms`
 * then looks the terms up in the index vocabulary, expanding prefixes and
 * typos (more edits for longer words), with a weight for each way a term was reached.
 */
import { LANGUAGES, type Lang } from '../../shared/model';
import { splitCompound, type Vocabulary } from './compound-split';
import { type CompoundParts, MIN_PART } from './compounds';
import type { GlossaryLinks } from './glossary-links';
import { MAX_WORDS, type InvertedIndex, type ScoringTerm } from './inverted-index';
import { foldWord } from '../../shared/fold';
import { stemAsCompoundPart, stemWord } from './stem';
import { isStopword } from './stopwords';
import { tokenize } from './tokenize';

/** Relative weight of each way a term can enter the query. */
export const BOOST = { direct: 1, typedPrefix: 0.8, compound: 0.5, glossary: 0.6, transposed: 0.45 } as const;
/** Weight of a term reached by prefix or by a typo, as in MiniSearch; a longer distance weighs less. */
const PREFIX_WEIGHT = 0.5;
const FUZZY_WEIGHT = 0.45;
/** Two edits are a guess more than a typo: below any exact, prefix or one-edit match. */
const FUZZY_TWO_WEIGHT = 0.3;
/** One typo in words of at least this many letters… */
const FUZZY_MIN_LENGTH = 5;
/** …and two from this many (only for words the index does not hold as they are). */
const FUZZY_TWO_MIN_LENGTH = 8;
/** Prefix matching for whole words: finds compounds that start with the word ("verkehr" → "verkehrsplanung"). */
const PREFIX_MIN_LENGTH = 4;
/** Prefix matching for the word being typed starts earlier. */
const TYPING_PREFIX_MIN_LENGTH = 2;
/** A short prefix may start thousands of words; the shortest completions are the likely ones. */
const MAX_PREFIX_TERMS = 200;
/** A word being typed may be an inflected form whose stem is shorter ("verwaltun" → "verwalt"). */
const TYPING_TRUNCATIONS = 3;

export interface TermSpec {
  term: string;
  boost: number;
  prefix: boolean;
  fuzzy: number;
  /** null for the user's own words, else the glossary term that brought this term in. */
  viaGlossary: string | null;
}

export interface QueryPlan {
  /** Per query word (or part of a compound), the terms that stand for it. */
  words: TermSpec[][];
  /** Per entry of `words`, what the user typed for it: to say what a result does not contain. */
  labels: string[];
  /** Per entry of `words`, the typed word it comes from: the parts of a compound share one. */
  sources: number[];
  /**
   * Per entry of `words`, whether it may stand in for its compound when no
   * record holds that whole: a long modifier of a sure split ("klimaatadaptatie"
   * in "klimaatadaptatiebeleid"), never the head ("vergunning", "beleid").
   */
  standsIn: boolean[];
  /**
   * Per entry of `words`, whether it names a thing rather than an action: an
   * infinitive ("beantragen", "aanvragen", "verlängern") says what to do, not
   * what about, so it neither finds a record alone nor decides that nothing fits.
   */
  topical: boolean[];
}

export function planQuery(
  text: string,
  glossary: GlossaryLinks,
  compounds: CompoundParts,
  vocabulary: Vocabulary,
): QueryPlan | null {
  const tokens = tokenize(text);
  const last = tokens.at(-1);
  const typing = last !== undefined && last.end === text.length;
  /** Each word, and for a compound of known parts, its parts. */
  const groups: { word: QueryWord; parts: (CompoundPart & { source: number })[] }[] = [];
  tokens.forEach((token, i) => {
    const word = analyzeQueryWord(token.text, typing && i === tokens.length - 1);
    if (!word) return;
    const parts = compoundParts(token.text, word, vocabulary) ?? [{ word, label: token.text, standsIn: false }];
    groups.push({ word, parts: parts.map((part) => ({ ...part, source: groups.length })) });
  });
  const units = groups
    .flatMap((group) => group.parts.map((part) => ({ ...part, whole: group.word })))
    .slice(0, MAX_WORDS);
  if (units.length === 0) return null;

  const queryTerms: Record<Lang, Set<string>> = { de: new Set(), nl: new Set() };
  for (const { word, whole } of units)
    for (const lang of LANGUAGES) for (const w of [word, whole]) if (w.terms[lang]) queryTerms[lang].add(w.terms[lang]);

  return {
    words: units.map(({ word, whole }) => {
      const specs = termsForWord(word, queryTerms, glossary, compounds);
      // A part also matches the compound whole, so records that hold it count for every part.
      return word === whole ? specs : merge(specs, termsForWord(whole, queryTerms, glossary, compounds));
    }),
    labels: units.map((unit) => unit.label),
    sources: units.map((unit) => unit.source),
    standsIn: units.map((unit) => unit.standsIn),
    topical: units.map((unit) => unit.whole !== unit.word || !isInfinitive(unit.word)),
  };
}

/** The parts of a compound typed as one word, analyzed, with their text as typed; null when it is none. */
/** German and Dutch infinitives end in -en, -ern or -eln (also many plurals: they count as actions here, which only costs a partial match). */
const INFINITIVE = /(?:en|ern|eln)$/;

function isInfinitive(word: QueryWord): boolean {
  return LANGUAGES.some((lang) => word.folded[lang].length >= 6 && INFINITIVE.test(word.folded[lang]));
}

interface CompoundPart {
  word: QueryWord;
  label: string;
  standsIn: boolean;
}

/** A modifier this long means something alone ("klimaatadaptatie|beleid"), a shorter one does not ("sperr|müll"). */
const MIN_STAND_IN_LENGTH = 7;

/**
 * The parts of a compound typed as one word, analyzed, with their text as
 * typed; null when it is none. Parts the index holds as they are first, in
 * either language; only then parts that start index terms.
 */
function compoundParts(typed: string, word: QueryWord, vocabulary: Vocabulary): CompoundPart[] | null {
  // A word the index knows in either language, or an inflection of one, is no compound to split.
  for (const term of Object.values(word.terms)) if (vocabulary.hasTerm(term) || vocabulary.hasPrefix(term)) return null;
  for (const byPrefix of [false, true]) {
    for (const lang of LANGUAGES) {
      const folded = word.folded[lang];
      const parts = splitCompound(folded, lang, vocabulary, word.typing, byPrefix);
      if (!parts) continue;
      const out: CompoundPart[] = [];
      let at = 0;
      parts.forEach((part, i) => {
        const last = i === parts.length - 1;
        const analyzed = analyzeQueryWord(part, word.typing && last);
        // Folding kept the length (no ß or ae): the part as typed, else as folded.
        const label = folded.length === typed.length ? typed.slice(at, at + part.length) : part;
        at += part.length;
        const standsIn = !byPrefix && !last && part.length >= MIN_STAND_IN_LENGTH;
        if (analyzed) out.push({ word: analyzed, label, standsIn });
      });
      if (out.length >= 2) return out;
    }
  }
  return null;
}

function merge(a: TermSpec[], b: TermSpec[]): TermSpec[] {
  const specs = new Map(a.map((spec) => [spec.term, spec]));
  for (const spec of b) {
    const known = specs.get(spec.term);
    specs.set(spec.term, known ? strongest(known, spec) : spec);
  }
  return [...specs.values()];
}

function termsForWord(
  word: QueryWord,
  queryTerms: Record<Lang, Set<string>>,
  glossary: GlossaryLinks,
  compounds: CompoundParts,
): TermSpec[] {
  const specs = new Map<string, TermSpec>();
  const use = (
    term: string,
    boost: number,
    options: Partial<Pick<TermSpec, 'prefix' | 'fuzzy' | 'viaGlossary'>> = {},
  ): void => {
    const spec: TermSpec = {
      term,
      boost,
      prefix: options.prefix ?? false,
      fuzzy: options.fuzzy ?? 0,
      viaGlossary: options.viaGlossary ?? null,
    };
    const known = specs.get(term);
    specs.set(term, known ? strongest(known, spec) : spec);
  };
  for (const lang of LANGUAGES) {
    const term = word.terms[lang];
    if (!term) continue;
    const folded = word.folded[lang];
    const typo = folded.length >= FUZZY_MIN_LENGTH;
    const prefix = term.length >= (word.typing ? TYPING_PREFIX_MIN_LENGTH : PREFIX_MIN_LENGTH);
    const edits = folded.length >= FUZZY_TWO_MIN_LENGTH ? 2 : 1;
    use(term, BOOST.direct, { prefix, fuzzy: typo && term.length >= FUZZY_MIN_LENGTH ? edits : 0 });
    // The typo may be in an ending the stemmer would have removed ("Plats" for "Platz").
    if (typo && folded !== term) use(folded, BOOST.direct, { fuzzy: 1 });
    if (typo) for (const swapped of transpositions(folded)) use(stemWord(swapped, lang), BOOST.transposed);
    if (word.typing) for (const shorter of truncations(folded)) use(shorter, BOOST.typedPrefix);
    for (const part of new Set([term, stemAsCompoundPart(folded, lang)])) {
      for (const compound of compounds.containing(part, lang)) use(compound, BOOST.compound);
    }
  }
  for (const equivalent of glossary.equivalents(word.terms, queryTerms, word.typing)) {
    for (const term of equivalent.terms)
      // Linked through an unfinished word: the equivalent as it is, not everything it starts too.
      use(term, equivalent.partial ? BOOST.glossary * PREFIX_WEIGHT : BOOST.glossary, {
        prefix: !equivalent.partial && term.length >= PREFIX_MIN_LENGTH,
        viaGlossary: equivalent.termId,
      });
  }
  return [...specs.values()];
}

/** The same term reached in two ways: keep the strongest way to match it. */
function strongest(a: TermSpec, b: TermSpec): TermSpec {
  return {
    term: a.term,
    boost: Math.max(a.boost, b.boost),
    prefix: a.prefix || b.prefix,
    fuzzy: Math.max(a.fuzzy, b.fuzzy),
    viaGlossary: a.viaGlossary === null || b.viaGlossary === null ? null : a.viaGlossary,
  };
}

export interface ResolvedQuery {
  /** Per query word, the index terms to score. */
  words: ScoringTerm[][];
  /** Every index term that can match, to mark words in snippets. */
  terms: Set<string>;
  /** Glossary term ids, by the origin numbers in `words`. */
  glossaryIds: string[];
}

/** Looks the planned terms up in the index, expanding prefixes and typos. */
export function resolveTerms(plan: QueryPlan, index: InvertedIndex): ResolvedQuery {
  const terms = new Set<string>();
  const glossaryIds: string[] = [];
  const words = plan.words.map((specs) => {
    const found = new Map<number, ScoringTerm>();
    const add = (term: string, termNum: number, weight: number, origin: number): void => {
      terms.add(term);
      const known = found.get(termNum);
      if (!known) return void found.set(termNum, { termNum, weight, origin });
      known.weight = Math.max(known.weight, weight);
      if (origin < 0) known.origin = -1;
    };
    for (const spec of specs) {
      let origin = -1;
      if (spec.viaGlossary !== null) {
        origin = glossaryIds.indexOf(spec.viaGlossary);
        if (origin < 0) origin = glossaryIds.push(spec.viaGlossary) - 1;
      }
      const exact = index.termNum(spec.term);
      if (exact !== undefined) add(spec.term, exact, spec.boost, origin);
      if (spec.prefix) {
        const completions = index.withPrefix(spec.term);
        if (completions.length > MAX_PREFIX_TERMS)
          completions.sort((a, b) => a[0].length - b[0].length).length = MAX_PREFIX_TERMS;
        for (const [term, termNum] of completions) {
          const distance = term.length - spec.term.length;
          add(term, termNum, (spec.boost * PREFIX_WEIGHT * term.length) / (term.length + 0.3 * distance), origin);
        }
      }
      if (spec.fuzzy > 0) {
        // A second edit only for a word the index does not hold as it is: else it is no typo.
        const edits = exact === undefined ? spec.fuzzy : 1;
        for (const [term, termNum, distance] of index.withinDistance(spec.term, edits)) {
          const weight = distance > 1 ? FUZZY_TWO_WEIGHT : FUZZY_WEIGHT;
          add(term, termNum, (spec.boost * weight * term.length) / (term.length + distance), origin);
        }
      }
    }
    return [...found.values()];
  });
  return { words, terms, glossaryIds };
}

interface QueryWord {
  folded: Record<Lang, string>;
  /** The word's index term per language; absent where it is a stop word. */
  terms: Partial<Record<Lang, string>>;
  typing: boolean;
}

function analyzeQueryWord(word: string, typing: boolean): QueryWord | null {
  const folded = { de: foldWord(word, 'de'), nl: foldWord(word, 'nl') };
  // A stop word in either language is dropped: the other language's documents do not index it,
  // so requiring it would make the query find nothing there. While typed it may still grow into a word.
  const stop = isStopword(folded.de, 'de') || isStopword(folded.nl, 'nl');
  if (stop && !typing) return null;
  const terms: Partial<Record<Lang, string>> = {};
  for (const lang of LANGUAGES) {
    if (folded[lang].length < 2) continue;
    terms[lang] = stop ? folded[lang] : stemWord(folded[lang], lang);
  }
  return Object.keys(terms).length > 0 ? { folded, terms, typing } : null;
}

/** "verwaltun" → "verwaltu", "verwalt", "verwal": stems an unfinished word may already match exactly. */
function truncations(folded: string): string[] {
  const out: string[] = [];
  for (let cut = 1; cut <= TYPING_TRUNCATIONS && folded.length - cut >= MIN_PART; cut++)
    out.push(folded.slice(0, -cut));
  return out;
}

/** Two neighbouring letters swapped, the typo Levenshtein distance counts as two ("inrichitng"). */
function transpositions(folded: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < folded.length; i++) {
    if (folded[i] !== folded[i + 1]) out.push(folded.slice(0, i) + folded[i + 1] + folded[i] + folded.slice(i + 2));
  }
  return out;
}
