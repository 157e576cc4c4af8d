/**
 * Glossary links on their own: which other-language terms a query word
 * brings in, for labels with explanations in brackets, alternatives and
 * several words, and for a word still being typed.
 */
import { describe, expect, it } from 'vitest';
import { analyzeWord } from '../../../core/search/analyze';
import { GlossaryLinks } from '../../../core/search/glossary-links';
import type { GlossaryTerm, Lang } from '../../../shared/model';

const entry = (id: string, de: string, nl: string): GlossaryTerm => ({
  id,
  version: {},
  term: { de, nl },
  definition: { de: '', nl: '' },
  topicIds: [],
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-01T09:00:00.000Z',
});

const links = new GlossaryLinks([
  entry('hitze', 'Hitzeaktionsplan', 'hitteplan'),
  entry('beruhigung', 'Verkehrsberuhigung', 'verkeersluw maken (verkeersremming)'),
  entry('streifen', 'Radfahrstreifen', 'fietsstrook (met doorgetrokken streep)'),
  entry('agile', 'Agiles Projektmanagement', 'agile projectmanagement'),
  entry('beamte', 'Beamtin / Beamter', 'ambtenaar'),
  entry('groen-dak', 'Dachbegrünung', 'groen dak'),
]);

/** The terms `text` (one word per query word) brings in, per glossary id. */
function linked(text: string, typing = false): Record<string, string[]> {
  const words = text.split(' ').map((word) => ({
    de: analyzeWord(word, 'de') ?? undefined,
    nl: analyzeWord(word, 'nl') ?? undefined,
  }));
  const queryTerms: Record<Lang, Set<string>> = { de: new Set(), nl: new Set() };
  for (const word of words) for (const lang of ['de', 'nl'] as const) if (word[lang]) queryTerms[lang].add(word[lang]);
  const out: Record<string, string[]> = {};
  words.forEach((word, i) => {
    const terms = Object.fromEntries(Object.entries(word).filter(([, term]) => term !== undefined));
    for (const equivalent of links.equivalents(terms, queryTerms, typing && i === words.length - 1))
      (out[equivalent.termId] ??= []).push(...equivalent.terms);
  });
  return out;
}

describe('glossary links', () => {
  it('link a word still being typed to the term it starts', () => {
    expect(Object.keys(linked('Hitzeaktionspl', true))).toEqual(['hitze']);
  });

  it('link by the head word of a label, not by its explanation in brackets', () => {
    expect(Object.keys(linked('verkeersluw'))).toEqual(['beruhigung']);
    expect(Object.keys(linked('fietsstrook'))).toEqual(['streifen']);
  });

  it('bring in the head words of the other label, not the words of its explanation', () => {
    expect(linked('Radfahrstreifen')).toEqual({ streifen: [analyzeWord('fietsstrook', 'nl')] });
    expect(linked('Verkehrsberuhigung').beruhigung).toContain(analyzeWord('verkeersluw', 'nl'));
    expect(linked('Verkehrsberuhigung').beruhigung).not.toContain(analyzeWord('maken', 'nl'));
  });

  it('link a one-word explanation in brackets as a synonym', () => {
    expect(Object.keys(linked('verkeersremming'))).toEqual(['beruhigung']);
  });

  it('link each alternative of a label separated by a slash', () => {
    expect(Object.keys(linked('Beamter'))).toEqual(['beamte']);
    expect(linked('ambtenaar').beamte).toEqual(expect.arrayContaining(['beamtin', 'beamt']));
  });

  it('link a long word of a multi-word term alone, but not a short one', () => {
    expect(Object.keys(linked('projektmanagement'))).toEqual(['agile']);
    expect(linked('agiles')).toEqual({});
    expect(linked('groen')).toEqual({});
    expect(Object.keys(linked('groen dak'))).toEqual(['groen-dak']);
  });
});
