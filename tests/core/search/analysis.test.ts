/**
 * The text analysis under the index: folding, splitting, stemming, compound
 * parts and snippets, including the traps named in the search issue.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeText, analyzeWord, plainText } from '../../../core/search/analyze';
import { CompoundParts } from '../../../core/search/compounds';
import { foldWord } from '../../../shared/fold';
import { makeSnippet } from '../../../core/search/snippet';
import { stemWord } from '../../../core/search/stem';
import { tokenize } from '../../../core/search/tokenize';

describe('folding', () => {
  it('writes umlauts typed three ways the same in German', () => {
    expect(new Set(['Grünfläche', 'gruenflaeche', 'grunflache', 'GRÜNFLÄCHE'].map((w) => foldWord(w, 'de')))).toEqual(
      new Set(['grunflache']),
    );
  });

  it('writes ß as ss', () => {
    expect(foldWord('Straße', 'de')).toBe(foldWord('STRASSE', 'de'));
  });

  it('keeps letter pairs that are not umlauts in German', () => {
    expect(['neue', 'Bauer', 'Quelle', 'Feuer'].map((w) => foldWord(w, 'de'))).toEqual([
      'neue',
      'bauer',
      'quelle',
      'feuer',
    ]);
  });

  it('keeps Dutch oe and ue, which are not umlauts', () => {
    expect(foldWord('groen', 'nl')).toBe('groen');
  });

  it('folds ë and ï to e and i instead of dropping them, in both spellings of Unicode', () => {
    expect(foldWord('ideeën', 'nl')).toBe('ideeen');
    expect(foldWord('ideee\u0308n', 'nl')).toBe('ideeen');
    expect(foldWord('coördinatie', 'nl')).toBe('coordinatie');
    expect(foldWord('naïef', 'nl')).toBe('naief');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.constantFrom('de' as const, 'nl' as const),
        (word, lang) => foldWord(foldWord(word, lang), lang) === foldWord(word, lang),
      ),
    );
  });
});

describe('splitting into words', () => {
  it('keeps words with diacritics whole', () => {
    expect(tokenize('De ideeën, coördinatie en naïeve reünie.').map((t) => t.text)).toEqual([
      'De',
      'ideeën',
      'coördinatie',
      'en',
      'naïeve',
      'reünie',
    ]);
  });

  it('keeps decomposed diacritics inside the word', () => {
    expect(tokenize('idee\u0308n').map((t) => t.text)).toEqual(['idee\u0308n']);
  });

  it('gives offsets that point at the words', () => {
    fc.assert(
      fc.property(fc.string(), (text) =>
        tokenize(text).every((token) => text.slice(token.start, token.end) === token.text),
      ),
    );
  });
});

describe('stemming', () => {
  it('gives German inflected forms one stem', () => {
    expect(
      new Set(['Kreisverkehr', 'Kreisverkehre', 'Kreisverkehren', 'Kreisverkehrs'].map((w) => analyzeWord(w, 'de'))),
    ).toEqual(new Set(['kreisverkehr']));
  });

  it('strips the Dutch plural -s that Snowball leaves', () => {
    expect(analyzeWord('rotondes', 'nl')).toBe(analyzeWord('rotonde', 'nl'));
    expect(analyzeWord('gemeentes', 'nl')).toBe(analyzeWord('gemeenten', 'nl'));
    expect(analyzeWord('fietsers', 'nl')).toBe(analyzeWord('fietser', 'nl'));
  });

  it('strips the Dutch plural -ën', () => {
    expect(analyzeWord('ideeën', 'nl')).toBe(analyzeWord('idee', 'nl'));
    expect(analyzeWord('zeeën', 'nl')).toBe(analyzeWord('zee', 'nl'));
  });

  it('never stems a German word to a stop word', () => {
    expect(analyzeWord('Sicherheit', 'de')).toBe('sicherheit');
    expect(analyzeWord('Sicherheiten', 'de')).toBe('sicherheit');
    expect(analyzeWord('sicher', 'de')).not.toBe('sich');
    expect(analyzeWord('sicheren', 'de')).toBe(analyzeWord('sicher', 'de'));
  });

  it('leaves out stop words', () => {
    expect(analyzeText('Die Kreisverkehre in der Stadt', 'de')).toEqual(['kreisverkehr', 'stadt']);
    expect(analyzeText('De rotondes van de gemeente', 'nl')).toEqual(['rotond', 'gemeent']);
  });

  it('leaves numbers alone', () => {
    expect(stemWord('2026', 'de')).toBe('2026');
  });
});

describe('compound parts', () => {
  const parts = new CompoundParts();
  for (const term of ['kreisverkehr', 'verkehrsinfrastruktur', 'strassenverkehrsplan', 'gesamt', 'kantoorinricht']) {
    parts.add(term, term.startsWith('kantoor') ? 'nl' : 'de');
  }

  it('finds terms that contain a word after a first part', () => {
    expect(parts.containing('verkehr', 'de').sort()).toEqual(['kreisverkehr', 'strassenverkehrsplan']);
    expect(parts.containing('inricht', 'nl')).toEqual(['kantoorinricht']);
  });

  it('does not look for short words inside others', () => {
    expect(parts.containing('amt', 'de')).toEqual([]);
  });

  it('keeps the languages apart', () => {
    expect(parts.containing('inricht', 'de')).toEqual([]);
  });
});

describe('snippets', () => {
  const isWord = (target: string) => (word: string) => word === target;

  it('show a short text whole, with the match marked', () => {
    expect(makeSnippet('Kreisverkehr am Innsbrucker Platz', isWord('Platz'))).toEqual({
      text: 'Kreisverkehr am Innsbrucker Platz',
      highlights: [[28, 33]],
    });
  });

  it('cut a long text at word boundaries around the first match', () => {
    const text = `${'Vorwort '.repeat(30)}Der Kreisverkehr wurde 2024 gebaut. ${'Nachwort '.repeat(30)}`;
    const snippet = makeSnippet(text, isWord('Kreisverkehr'), 100);
    expect(snippet.text.startsWith('…Vorwort')).toBe(true);
    expect(snippet.text.endsWith('…')).toBe(true);
    expect(snippet.text.length).toBeLessThanOrEqual(102);
    const [[start, end]] = snippet.highlights as [[number, number]];
    expect(snippet.text.slice(start, end)).toBe('Kreisverkehr');
  });

  it('always mark ranges inside the snippet text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('rotonde', 'fiets', 'pad', 'en', 'de'), { maxLength: 80 }), (words) => {
        const snippet = makeSnippet(words.join(' '), isWord('rotonde'), 60);
        return snippet.highlights.every(([start, end]) => snippet.text.slice(start, end) === 'rotonde');
      }),
    );
  });
});

describe('Markdown', () => {
  it('is reduced to its words', () => {
    expect(plainText('## Ziel\n\nMehr **Sicherheit** mit [Plan](https://example.org/plan.pdf).')).toBe(
      'Ziel Mehr Sicherheit mit Plan.',
    );
  });
});
