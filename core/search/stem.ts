/**
 * Snowball stemming for German and Dutch, with fixes for the cases where
 * Snowball alone fails search:
 * - German "sicherheit" stems to "sich", a stop word, so "Sicherheit" would
 *   match every "sich". Nouns in -heit/-keit keep their suffix, and any stem
 *   that lands on a stop word falls back to a light stem.
 * - Dutch Snowball ignores the plural -s: "rotonde" → "rotond" but
 *   "rotondes" stays "rotondes". We strip a plural -s first.
 * - Dutch plurals in -ën ("ideeën", folded "ideeen") keep the "en" after
 *   folding; we strip it so "ideeën" meets "idee".
 * Input is a folded word (see normalize.ts).
 */
import { stemmer as germanStemmer } from '@orama/stemmers/german';
import { stemmer as dutchStemmer } from '@orama/stemmers/dutch';
import type { Lang } from '../../shared/model';
import { isStopword } from './stopwords';

const GERMAN_ABSTRACT_NOUN = /(?:heit|keit)(?:en)?$/;
const GERMAN_ENDINGS = ['ern', 'em', 'en', 'er', 'es', 'e', 's', 'n'];
/** Dutch words in -es/-ers/-els that are not plurals. */
const DUTCH_NOT_PLURAL = new Set(['proces', 'adres', 'kompas', 'anders', 'vers']);
const MIN_STEM = 3;

export function stemWord(folded: string, lang: Lang): string {
  if (/\d/.test(folded) || folded.length <= MIN_STEM) return folded;
  return lang === 'de' ? stemGerman(folded) : stemDutch(folded);
}

function stemGerman(word: string): string {
  if (GERMAN_ABSTRACT_NOUN.test(word)) return word.endsWith('en') ? word.slice(0, -2) : word;
  const stem = germanStemmer(word);
  if (!isStopword(stem, 'de') || stem === word) return stem;
  const light = stripEnding(word, GERMAN_ENDINGS);
  return isStopword(light, 'de') ? word : light;
}

function stemDutch(word: string): string {
  let base = word;
  if (/(?:ee|ie)en$/.test(base))
    base = base.slice(0, -2); // ideeën, knieën
  else if (isDutchPluralS(base)) base = base.slice(0, -1);
  const stem = dutchStemmer(base);
  return isStopword(stem, 'nl') && stem !== word ? base : stem;
}

/** -s plurals: after a schwa-e (rotondes, situaties) and after -el/-er (tafels, fietsers). */
function isDutchPluralS(word: string): boolean {
  if (DUTCH_NOT_PLURAL.has(word)) return false;
  if (/[^s]es$/.test(word)) return word.length >= 5;
  return /(?:el|er)s$/.test(word) && word.length >= 6;
}

function stripEnding(word: string, endings: readonly string[]): string {
  for (const ending of endings) {
    if (word.endsWith(ending) && word.length - ending.length >= 4) return word.slice(0, -ending.length);
  }
  return word;
}

/**
 * The stem a word gets as the last part of a compound. Snowball strips more
 * from a word's end when more letters precede it ("planung" stays, but
 * "verkehrsplanung" → "verkehrsplan"), so to find "planung" inside compounds
 * we stem it behind a dummy first part.
 */
export function stemAsCompoundPart(folded: string, lang: Lang): string {
  const stem = stemWord(DUMMY_HEAD + folded, lang);
  return stem.startsWith(DUMMY_HEAD) ? stem.slice(DUMMY_HEAD.length) : folded;
}
/** Vowel-consonant pairs: puts the whole part in Snowball's R1 and R2 regions. */
const DUMMY_HEAD = 'abab';
