/**
 * Relevance suite: each case of the search issue against the hand-written
 * corpus, with the expected top result. Queries end with a space unless a
 * case is about typing (a word without a space after it is still being typed).
 */
import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../../core/search/index';
import type { SearchHit, SearchKind } from '../../../shared/search';
import { corpus, sourceOf } from './corpus';

const index = SearchIndex.build(sourceOf(corpus()));
const search = (text: string, kind: SearchKind = 'practices'): SearchHit[] => index.search({ text })[kind];
const ids = (hits: SearchHit[]): string[] => hits.map((hit) => hit.id);
const highlighted = (hit: SearchHit): string[] =>
  hit.snippet.highlights.map(([start, end]) => hit.snippet.text.slice(start, end));

describe('inflected forms', () => {
  it('finds "Kreisverkehr" for the plural "Kreisverkehre"', () => {
    expect(search('Kreisverkehre ')[0]?.id).toBe('p-kreisverkehr');
  });

  it('finds "rotonde" for the Dutch plural "rotondes", which Snowball leaves unstemmed', () => {
    expect(search('rotondes ')[0]?.id).toBe('p-rotonde');
  });
});

describe('umlauts and ß', () => {
  it.each(['Grünfläche ', 'gruenflaeche ', 'grunflache '])('finds the Grünflächen practice for "%s"', (query) => {
    const [top] = search(query);
    expect(top?.id).toBe('p-gruenflaechen');
    expect(highlighted(top!)).toEqual(['Grünflächen']);
  });

  it.each(['Straße ', 'strasse ', 'STRASSE '])('finds "Spielstraße" for "%s"', (query) => {
    expect(search(query)[0]?.id).toBe('p-strasse');
  });
});

describe('German compounds', () => {
  it('finds "Kreisverkehr" and "Verkehrsinfrastruktur" for the part "verkehr"', () => {
    expect(ids(search('verkehr ')).slice(0, 2).sort()).toEqual(['p-infrastruktur', 'p-kreisverkehr']);
  });

  it('finds a compound inside a body text, ranked below titles', () => {
    const found = ids(search('verkehr '));
    expect(found.indexOf('p-sicherheit')).toBeGreaterThan(found.indexOf('p-infrastruktur'));
  });

  it('does not treat a short word inside another word as a compound part', () => {
    // "amt" is in "Bezirksamt", but also in "gesamt" or "Samt": too short to look inside words.
    expect(ids(search('amt '))).toEqual(['p-gruenflaechen']);
  });
});

describe('typos', () => {
  it('allows one wrong letter in a long word', () => {
    expect(search('Klimaanpasung ')[0]?.id).toBe('p-klima');
  });

  it('allows a typo in an inflection ending', () => {
    expect(search('Plats ')[0]?.id).toBe('p-kreisverkehr');
  });

  it('allows no typo in a word shorter than five letters', () => {
    expect(search('Plaz ')).toEqual([]);
  });
});

describe('typing', () => {
  it('finds words by the prefix being typed', () => {
    expect(search('Kreisv')[0]?.id).toBe('p-kreisverkehr');
  });

  it('keeps finding a word whose stem is shorter than what is typed so far', () => {
    expect(search('Verwaltun')[0]?.id).toBe('p-agile');
    expect(search('Verwaltung')[0]?.id).toBe('p-agile');
  });
});

describe('across languages through the glossary', () => {
  it('finds a German-only practice about a Kreisverkehr for "rotonde", below the Dutch direct hit', () => {
    const hits = search('rotonde ');
    expect(ids(hits).slice(0, 2)).toEqual(['p-rotonde', 'p-kreisverkehr']);
    expect(hits[0]!.viaGlossary).toBeUndefined();
    expect(hits[1]).toMatchObject({ viaGlossary: 'g-kreisverkehr', language: 'de', field: 'title' });
  });

  it('finds a Dutch-only note on kantoorinrichting for "Bürogestaltung"', () => {
    const [top] = search('Bürogestaltung ', 'annotations');
    expect(top).toMatchObject({
      id: 'a-kantoorinrichting',
      viaGlossary: 'g-buerogestaltung',
      language: 'nl',
      practiceId: 'p-flexwerken',
    });
    expect(highlighted(top!)).toEqual(['kantoorinrichting']);
  });

  it('finds the Dutch practice for "Kreisverkehr" through the glossary', () => {
    expect(search('Kreisverkehr ').find((hit) => hit.id === 'p-rotonde')?.viaGlossary).toBe('g-kreisverkehr');
  });

  it('links a multi-word glossary term only when all its words are in the query', () => {
    expect(search('agiles projektmanagement ')[0]?.id).toBe('p-agile');
    expect(search('agiles ').every((hit) => hit.viaGlossary === undefined)).toBe(true);
  });
});

describe('Dutch diacritics', () => {
  it.each(['ideeën ', 'ideeen ', 'idee '])('finds "Ideeën" for "%s"', (query) => {
    const [top] = search(query);
    expect(top?.id).toBe('p-ideeen');
    expect(highlighted(top!)).toEqual(['Ideeën']);
  });

  it.each(['coördinatie ', 'coordinatie '])('finds "coördinatie" for "%s"', (query) => {
    const [top] = search(query);
    expect(top?.id).toBe('p-ideeen');
    expect(highlighted(top!)).toEqual(['coördinatie']);
  });
});

describe('the "sicherheit" trap', () => {
  it('finds "Sicherheit" without matching every "sich"', () => {
    expect(ids(search('sicherheit '))).toEqual(['p-sicherheit']);
  });

  it('finds "Verkehrssicherheit" as a compound of "Sicherheit"', () => {
    expect(ids(search('Verkehrssicherheit '))).toEqual(['p-sicherheit']);
    expect(search('sicherheit ')[0]?.field).toBe('title');
  });

  it('ignores stop words in a query', () => {
    expect(search('die Sicherheit der Kreuzungen ')[0]?.id).toBe('p-sicherheit');
  });
});

describe('ranking', () => {
  it('ranks title over summary over body over a note on the practice', () => {
    const hits = search('Lastenrad ');
    expect(ids(hits)).toEqual(['p-lastenrad-title', 'p-lastenrad-summary', 'p-lastenrad-body', 'p-flexwerken']);
    expect(hits.map((hit) => hit.field)).toEqual(['title', 'summary', 'body', 'annotation']);
    expect(hits[3]).toMatchObject({ annotationId: 'a-lastenrad' });
  });

  it('groups results by kind', () => {
    const results = index.search({ text: 'rotonde ' });
    expect(ids(results.glossary)).toEqual(['g-kreisverkehr']);
    expect(ids(results.visits)).toEqual(['v-amstelveen-2026']);
    expect(results.totals).toMatchObject({ practices: 2, glossary: 1, visits: 1 });
  });

  it('needs every word of a query when some record has them all', () => {
    expect(ids(search('Amstelveen rotonde '))).toEqual(['p-rotonde']);
  });

  it('falls back to any word when no record has them all', () => {
    expect(ids(search('Lastenrad Grünfläche ')).slice(0, 2).sort()).toEqual(['p-gruenflaechen', 'p-lastenrad-title']);
  });
});

describe('snippets', () => {
  it('cut a long text around the match and mark the matching words', () => {
    const hit = search('Reparaturstation ')[0]!;
    expect(hit.snippet.text.length).toBeLessThanOrEqual(162);
    expect(highlighted(hit)).toEqual(['Reparaturstation']);
  });

  it('mark every matching word of the query', () => {
    const hit = search('Amstelveen turborotondes ', 'visits')[0]!;
    expect(highlighted(hit)).toEqual(['Amstelveen', 'turborotondes']);
  });
});

describe('what is never found', () => {
  it('leaves out practices in the trash and their notes', () => {
    const results = index.search({ text: 'Damm ' });
    expect(results.practices).toEqual([]);
    expect(results.annotations).toEqual([]);
  });

  it('leaves out deleted notes', () => {
    expect(ids(search('Innsbrucker ', 'annotations'))).toEqual([]);
  });

  it('answers an empty or stop-word-only query with nothing', () => {
    expect(index.search({ text: '  ' }).totals).toEqual({
      practices: 0,
      annotations: 0,
      visits: 0,
      glossary: 0,
      comparison: 0,
    });
    expect(index.search({ text: 'die der und ' }).practices).toEqual([]);
  });
});
