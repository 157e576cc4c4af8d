/**
 * Splitting a compound the user typed into parts the index knows, over a
 * small vocabulary of index terms.
 */
import { describe, expect, it } from 'vitest';
import { splitCompound, type Vocabulary } from '../../../core/search/compound-split';

const terms = new Set([
  'grun',
  'dach',
  'forder',
  'kanban',
  'board',
  'rotond',
  'ontwerp',
  'kreisverkehr',
  'regel',
  'kan',
  'ban',
  'sperr',
  'stadt',
  'rat',
  'fietser',
  'voorrang',
]);
const vocabulary: Vocabulary = {
  hasTerm: (term) => terms.has(term),
  hasPrefix: (prefix) => [...terms].some((term) => term !== prefix && term.startsWith(prefix)),
};
const split = (word: string, lang: 'de' | 'nl' = 'de', typing = false, byPrefix = false) =>
  splitCompound(word, lang, vocabulary, typing, byPrefix);

describe('splitting a typed compound', () => {
  it('finds the fewest known parts, the last one stemmed', () => {
    expect(split('grundachforderung')).toEqual(['grun', 'dach', 'forderung']);
    expect(split('kanbanboard')).toEqual(['kanban', 'board']);
  });

  it('allows a linking element after a part', () => {
    expect(split('kreisverkehrsregel')).toEqual(['kreisverkehrs', 'regel']);
    expect(split('rotondeontwerp', 'nl')).toEqual(['rotonde', 'ontwerp']);
    expect(split('fietsersvoorrang', 'nl')).toEqual(['fietsers', 'voorrang']);
  });

  it('leaves a word the index holds whole, or one with an unknown part', () => {
    expect(split('kanban')).toBeNull();
    expect(split('dach')).toBeNull();
    expect(split('xylophonforderung')).toBeNull();
    expect(split('grundachxyz')).toBeNull();
  });

  it('takes an unfinished last part only while the word is typed', () => {
    expect(split('kanbanboa')).toBeNull();
    expect(split('kanbanboa', 'de', true)).toEqual(['kanban', 'boa']);
    expect(split('kanba', 'de', true)).toBeNull(); // the start of a known word: no compound
  });

  it('takes a part that starts an index term only when asked to, as a weaker guess', () => {
    expect(split('grundaforderung')).toBeNull();
    expect(split('kanbanbforderung', 'de', false, true)).toBeNull(); // "kanbanb" is no start of a term
    expect(split('fietsevoorrang', 'nl', false, true)).toEqual(['fietse', 'voorrang']);
  });

  it('stops at three parts and at forty letters', () => {
    expect(split('grundachkanbanboard')).toBeNull();
    expect(split('stadtrat'.repeat(6))).toBeNull();
  });
});
