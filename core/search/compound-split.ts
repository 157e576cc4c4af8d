/**
 * Splits a compound the user typed ("Gründachförderung", "rotondeontwerp",
 * "Kanbanboard") into parts the index knows, so that records holding the
 * parts apart ("Gründach … Förderung") are found as when the user had typed
 * them apart. German and Dutch both compound freely; the index finds its own
 * compounds from their parts (compounds.ts), this is the other direction.
 *
 * A split uses the index's own vocabulary: every part but the last must be an
 * index term (possibly after a linking element: "verkehr|s|regel",
 * "rotond|e|ontwerp"), the last must stem to one (or, being typed, start one).
 * The fewest parts win, then the longest first part.
 */
import type { Lang } from '../../shared/model';
import { stemWord } from './stem';

/** What the splitter needs to know of the index. */
export interface Vocabulary {
  /** Whether `term` is an index term. */
  hasTerm(term: string): boolean;
  /** Whether some index term other than `prefix` starts with it. */
  hasPrefix(prefix: string): boolean;
}

/** A part has at least this many letters ("rat" in "stadtrat"). */
const MIN_PART = 3;
/** More parts would mostly be chance ("kan|ban|board"). */
const MAX_PARTS = 3;
/** A part found as the start of an index term has at least this many letters. */
const MIN_PREFIX_PART = 6;
/** Longer inputs are not words. */
const MAX_LENGTH = 40;
/** Linking elements between the parts of a compound (Fugenelemente, tussenklanken). */
const LINKS: Record<Lang, readonly string[]> = {
  de: ['s', 'es', 'n', 'en', 'e', 'er'],
  nl: ['s', 'en', 'e'],
};

/**
 * The parts of `folded` (a word folded for `lang`), or null when it is no
 * compound of known parts. `typing`: the word is still being typed, so its
 * last part may be unfinished. `byPrefix`: a part may also be the start of an
 * index term, as a compound drops an ending ("tegelwip|actie" for "tegelwippen"):
 * a weaker guess, for when parts the index holds as they are do not make the word.
 */
export function splitCompound(
  folded: string,
  lang: Lang,
  vocabulary: Vocabulary,
  typing: boolean,
  byPrefix = false,
): string[] | null {
  const n = folded.length;
  if (n < 2 * MIN_PART || n > MAX_LENGTH) return null;
  const whole = stemWord(folded, lang);
  if (vocabulary.hasTerm(whole) || vocabulary.hasTerm(folded)) return null;
  if (typing && vocabulary.hasPrefix(folded)) return null;
  // An inflection of a word the index knows ("verlängern" of "verlangt"), not a compound.
  if (vocabulary.hasPrefix(whole)) return null;

  const ends = fewestParts(folded, (part, last) => known(part, last, lang, vocabulary, typing, byPrefix));
  if (ends === undefined || ends.length < 2) return null;
  return ends.map((end, k) => folded.slice(k === 0 ? 0 : ends[k - 1], end));
}

/** Whether `part` can be a part of a compound: the last one stems to an index term, the others are one before a linking element. */
function known(
  part: string,
  last: boolean,
  lang: Lang,
  vocabulary: Vocabulary,
  typing: boolean,
  byPrefix: boolean,
): boolean {
  if (byPrefix && part.length >= MIN_PREFIX_PART && vocabulary.hasPrefix(part)) return true;
  if (last)
    return (
      vocabulary.hasTerm(stemWord(part, lang)) || vocabulary.hasTerm(part) || (typing && vocabulary.hasPrefix(part))
    );
  if (vocabulary.hasTerm(part)) return true;
  for (const link of LINKS[lang]) {
    if (part.length - link.length >= MIN_PART && part.endsWith(link) && vocabulary.hasTerm(part.slice(0, -link.length)))
      return true;
  }
  return false;
}

/** The end offsets of the fewest parts `folded` is made of (longest first part on a tie), or undefined. */
function fewestParts(folded: string, isPart: (part: string, last: boolean) => boolean): number[] | undefined {
  const n = folded.length;
  // parts[i]: the fewest parts that make up folded[i..], as their end offsets; undefined: none.
  const parts: (number[] | undefined)[] = new Array<number[] | undefined>(n + 1);
  parts[n] = [];
  for (let i = n - MIN_PART; i >= 0; i--) {
    let best: number[] | undefined;
    for (let j = n; j >= i + MIN_PART; j--) {
      const rest = parts[j];
      if (rest === undefined || rest.length + 1 > MAX_PARTS) continue;
      if (best !== undefined && rest.length + 1 >= best.length) continue;
      if (isPart(folded.slice(i, j), j === n)) best = [j, ...rest];
    }
    parts[i] = best;
  }
  return parts[0];
}
