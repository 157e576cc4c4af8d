/**
 * Folds a word to the form it is indexed and searched under, so that the
 * ways people type a word meet: case, diacritics and German umlaut spellings.
 */
import type { Lang } from './model';

const COMBINING_MARKS = /\p{M}+/gu;

/**
 * German "ue", "ae", "oe" as typed for ü, ä, ö on keyboards without umlauts.
 * Not after a vowel or q, where they are real letter pairs (neue, Bauer, Quelle).
 */
const UMLAUT_DIGRAPH = /(?<![aeiouq])([aou])e/g;

/**
 * Lower-cases, writes ß as ss and removes diacritics by decomposing (NFD) and
 * dropping the combining marks, so ë becomes e, never nothing.
 * For German also folds ae/oe/ue to a/o/u: "Grünfläche", "gruenflaeche" and
 * "grunflache" all become "grunflache". Dutch keeps oe/ue/ae (groen, boek are
 * not umlauts).
 */
export function foldWord(word: string, lang: Lang): string {
  const folded = foldDiacritics(word);
  return lang === 'de' ? folded.replace(UMLAUT_DIGRAPH, '$1') : folded;
}

/** Lower case, ß as ss, no diacritics: "größe", "GRÖSSE" and "grosse" meet; for filtering lists as the user types. */
export function foldDiacritics(text: string): string {
  return text.toLowerCase().replaceAll('ß', 'ss').normalize('NFD').replace(COMBINING_MARKS, '');
}
