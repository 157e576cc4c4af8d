/**
 * The index as the knowledge base uses it: filters, incremental updates for
 * every kind of change, saving and loading a copy, building in the background.
 */
import { describe, expect, it } from 'vitest';
import { SEARCH_INDEX_VERSION, SearchIndex, StaleSearchIndexError } from '../../../core/search/index';
import type { SearchSource } from '../../../core/search/types';
import type { SearchFilters, SearchHit } from '../../../shared/search';
import type { Store } from '../../../core/store/store';
import { Annotation, ComparisonEntry, GlossaryTerm, Organisation, Practice, Topic, Visit } from '../../../shared/model';
import { AV, TS, corpus, sourceOf, type Corpus } from './corpus';

const ids = (hits: SearchHit[]): string[] => hits.map((hit) => hit.id);
const fresh = (): { data: Corpus; index: SearchIndex } => {
  const data = corpus();
  return { data, index: SearchIndex.build(sourceOf(data)) };
};
const later = '2026-04-01T10:00:00.000Z';

describe('the corpus', () => {
  it('is valid against the model schemas', () => {
    const data = corpus();
    for (const record of data.organisations) Organisation.parse(record);
    for (const record of data.topics) Topic.parse(record);
    for (const record of data.practices) Practice.parse(record);
    for (const record of data.annotations) Annotation.parse(record);
    for (const record of data.visits) Visit.parse(record);
    for (const record of data.glossary) GlossaryTerm.parse(record);
    for (const record of data.comparison) ComparisonEntry.parse(record);
  });
});

describe('filters', () => {
  const { index } = fresh();
  const search = (text: string, filters: SearchFilters) => index.search({ text, filters });

  it('by topic keep only records on that topic', () => {
    expect(ids(search('verkehr ', { topicId: 'topic-roundabouts' }).practices)).toEqual(['p-kreisverkehr']);
  });

  it('by organisation keep only that organisation’s practices and visits, and drop the glossary', () => {
    const results = search('rotonde ', { organisationId: TS });
    expect(ids(results.practices)).toEqual(['p-kreisverkehr']);
    expect(ids(results.visits)).toEqual(['v-amstelveen-2026']);
    expect(results.glossary).toEqual([]);
  });

  it('by organisation keep notes written by it or about its practices', () => {
    expect(ids(search('Kreuzung ', { organisationId: AV }).annotations)).toEqual(['a-question-rotonde']);
    expect(ids(search('Kreuzung ', { organisationId: TS }).annotations)).toEqual(['a-question-rotonde']);
  });

  it('by content language keep only matches in text of that language', () => {
    expect(search('rotonde ', { language: 'de' }).practices.map((hit) => [hit.id, hit.language])).toEqual([
      ['p-kreisverkehr', 'de'],
    ]);
    expect(ids(search('Klimaanpassung ', { language: 'nl' }).practices)).toEqual([]);
    expect(ids(search('klimaatadaptatie ', { language: 'nl' }).practices)).toEqual(['p-klima']);
  });

  it.each([
    ['missing', 'Sicherheit ', ['p-sicherheit']],
    ['current', 'Sicherheit ', []],
    ['current', 'Rahmenplan ', ['p-infrastruktur']],
    ['missing', 'Rahmenplan ', []],
    ['outdated', 'Projektmanagement ', ['p-agile']],
    ['current', 'Projektmanagement ', []],
  ] as const)(
    'by translation status "%s" for "%s" keep practices whose translation has that status',
    (status, text, expected) => {
      const results = search(text, { translationStatus: status });
      expect(ids(results.practices)).toEqual(expected);
      expect(results.annotations).toEqual([]);
      expect(results.visits).toEqual([]);
    },
  );

  it('by kind of note keep only notes of that kind', () => {
    const results = search('Kreuzung Beteiligung ', { annotationKind: 'question' });
    expect(ids(results.annotations)).toEqual(['a-question-rotonde']);
    expect(results.practices).toEqual([]);
  });

  it('combine with each other and with the query', () => {
    const results = search('rotonde ', { topicId: 'topic-roundabouts', organisationId: AV, language: 'nl' });
    expect(ids(results.practices)).toEqual(['p-rotonde']);
  });

  it('also apply to practices found through their notes', () => {
    expect(ids(search('Lastenrad ', { organisationId: AV }).practices)).toEqual(['p-flexwerken']);
    expect(ids(search('Lastenrad ', { topicId: 'topic-traffic' }).practices)).not.toContain('p-flexwerken');
  });
});

describe('incremental updates', () => {
  it('find an added practice without a rebuild', () => {
    const { data, index } = fresh();
    const added: Practice = {
      ...data.practices[0]!,
      id: 'p-new',
      texts: { de: { title: 'Parklets vor Cafés', summary: '', body: '' } },
    };
    index.upsert('practices', added);
    expect(ids(index.search({ text: 'Parklets ' }).practices)).toEqual(['p-new']);
  });

  it('find an edited practice by its new words and no longer by its old ones', () => {
    const { data, index } = fresh();
    const original = data.practices.find((p) => p.id === 'p-strasse')!;
    index.upsert('practices', {
      ...original,
      updatedAt: later,
      texts: { de: { title: 'Schulstraße mit Fahrradzone', summary: '', body: '' } },
    });
    expect(ids(index.search({ text: 'Fahrradzone ' }).practices)).toEqual(['p-strasse']);
    expect(ids(index.search({ text: 'Spielstraße ' }).practices)).toEqual([]);
  });

  it('hide a practice moved to the trash, with its notes, and show it again when restored', () => {
    const { data, index } = fresh();
    const original = data.practices.find((p) => p.id === 'p-flexwerken')!;
    index.upsert('practices', { ...original, deletedAt: later });
    expect(index.search({ text: 'Flexibel ' }).practices).toEqual([]);
    expect(index.search({ text: 'kantoorinrichting ' }).annotations).toEqual([]);
    index.upsert('practices', original);
    expect(ids(index.search({ text: 'Flexibel ' }).practices)).toEqual(['p-flexwerken']);
    expect(ids(index.search({ text: 'kantoorinrichting ' }).annotations)).toEqual(['a-kantoorinrichting']);
  });

  it('forget a deleted practice and its notes', () => {
    const { index } = fresh();
    index.remove('practices', 'p-flexwerken');
    expect(index.search({ text: 'kantoorinrichting ' }).annotations).toEqual([]);
  });

  it('find an added note, and a note imported before its practice once the practice arrives', () => {
    const { data, index } = fresh();
    const note: Annotation = {
      ...data.annotations[0]!,
      id: 'a-new',
      practiceId: 'p-imported',
      text: 'Geluidsschermen langs de A9.',
    };
    index.upsert('annotations', note);
    expect(index.search({ text: 'geluidsschermen ' }).annotations).toEqual([]);
    index.upsert('practices', { ...data.practices[1]!, id: 'p-imported' });
    expect(ids(index.search({ text: 'geluidsschermen ' }).annotations)).toEqual(['a-new']);
  });

  it('hide a deleted note and forget a removed one', () => {
    const { data, index } = fresh();
    const note = data.annotations.find((a) => a.id === 'a-lastenrad')!;
    index.upsert('annotations', { ...note, deletedAt: later });
    expect(index.search({ text: 'Dienstfahrten ' }).annotations).toEqual([]);
    index.upsert('annotations', note);
    expect(ids(index.search({ text: 'Dienstfahrten ' }).annotations)).toEqual(['a-lastenrad']);
    index.remove('annotations', note.id);
    expect(index.search({ text: 'Dienstfahrten ' }).annotations).toEqual([]);
  });

  it('update visits', () => {
    const { data, index } = fresh();
    const visit = data.visits[1]!;
    index.upsert('visits', { ...visit, notes: { ...visit.notes, de: 'Gegenbesuch: Regenwassermanagement.' } });
    expect(ids(index.search({ text: 'Regenwassermanagement ' }).visits)).toEqual(['v-counter-visit']);
    index.remove('visits', visit.id);
    expect(index.search({ text: 'Regenwassermanagement ' }).visits).toEqual([]);
  });

  it('use a new glossary term for cross-language search at once', () => {
    const { data, index } = fresh();
    expect(ids(index.search({ text: 'Versickerungsmulde ' }).practices)).toEqual(['p-klima']);
    expect(index.search({ text: 'wadi ', filters: { language: 'de' } }).practices).toEqual([]);
    index.upsert('glossary', { ...data.glossary[0]!, id: 'g-wadi', term: { de: 'Versickerungsmulde', nl: 'wadi' } });
    const [hit] = index.search({ text: 'Versickerungsmulde ', filters: { language: 'nl' } }).practices;
    expect(hit).toMatchObject({ id: 'p-klima', viaGlossary: 'g-wadi', language: 'nl' });
    index.remove('glossary', 'g-wadi');
    expect(index.search({ text: 'Versickerungsmulde ', filters: { language: 'nl' } }).practices).toEqual([]);
  });

  it('keep answering right after so many edits that removed documents are swept out', () => {
    const { data, index } = fresh();
    const original = data.practices.find((p) => p.id === 'p-strasse')!;
    for (let edit = 1; edit <= 1_200; edit++) {
      index.upsert('practices', {
        ...original,
        texts: { de: { title: `Spielstraße Nummer${edit}`, summary: '', body: '' } },
      });
    }
    expect(ids(index.search({ text: 'Nummer1200 ' }).practices)).toEqual(['p-strasse']);
    expect(index.search({ text: 'Nummer7 ' }).practices).toEqual([]);
    expect(index.search({ text: 'Spielstraße ' }).totals.practices).toBe(1);
    expect(ids(index.search({ text: 'rotonde ' }).practices)).toEqual(['p-rotonde', 'p-kreisverkehr']);
  });

  it('re-index practices when a topic or organisation is renamed', () => {
    const { data, index } = fresh();
    index.upsert('topics', { ...data.topics[0]!, name: { de: 'Minikreisel', nl: 'Minirotondes' } });
    expect(ids(index.search({ text: 'Minikreisel ' }).practices)).toEqual(['p-kreisverkehr']);
  });
});

describe('comparison cells', () => {
  it('are found by their text in each language, and by the name of their topic row', () => {
    const { index } = fresh();
    expect(ids(index.search({ text: 'Gemeinderat ' }).comparison)).toEqual(['c-council-av']);
    expect(index.search({ text: 'gemeenteraad ' }).comparison[0]).toMatchObject({ id: 'c-council-av', language: 'nl' });
    expect(ids(index.search({ text: 'Klimaanpassung ' }).comparison)).toEqual(['c-climate-ts']);
    expect(index.search({ text: 'Klimaanpassung ' }).comparison[0]?.field).toBe('dimension');
  });

  it('are updated, re-indexed when their topic is renamed, and forgotten', () => {
    const { data, index } = fresh();
    const cell = data.comparison[0]!;
    index.upsert('comparison', { ...cell, updatedAt: later, text: { de: 'Die Raadsleden tagen monatlich.' } });
    expect(ids(index.search({ text: 'Raadsleden ' }).comparison)).toEqual(['c-council-av']);
    expect(index.search({ text: 'gemeenteraad ' }).comparison).toEqual([]);
    index.upsert('topics', {
      ...data.topics.find((t) => t.id === 'topic-climate')!,
      name: { de: 'Hitze', nl: 'Hitte' },
    });
    expect(ids(index.search({ text: 'Hitze ' }).comparison)).toEqual(['c-climate-ts']);
    index.remove('comparison', 'c-climate-ts');
    expect(index.search({ text: 'Hitze ' }).comparison).toEqual([]);
  });

  it('are caught up with when a saved copy is loaded', () => {
    const { data, index } = fresh();
    const saved = JSON.stringify(index);
    data.comparison[1] = { ...data.comparison[1]!, updatedAt: later, text: { nl: 'Het districtsparlement.' } };
    const loaded = SearchIndex.load(saved, sourceOf(data));
    expect(ids(loaded.search({ text: 'districtsparlement ' }).comparison)).toEqual(['c-council-ts']);
    expect(loaded.search({ text: 'Abgeordnetenhaus ' }).comparison).toEqual([]);
  });
});

describe('a saved copy', () => {
  it('loads and answers like the index it was saved from', () => {
    const { data, index } = fresh();
    const loaded = SearchIndex.load(JSON.stringify(index), sourceOf(data));
    for (const text of ['rotonde ', 'verkehr ', 'Bürogestaltung ', 'Kreisv', 'sicherheit ']) {
      expect(loaded.search({ text })).toEqual(index.search({ text }));
    }
  });

  it('catches up with changes made after it was saved', () => {
    const { data, index } = fresh();
    const saved = JSON.parse(JSON.stringify(index)) as unknown;
    const strasse = data.practices.findIndex((p) => p.id === 'p-strasse');
    data.practices[strasse] = {
      ...data.practices[strasse]!,
      updatedAt: later,
      texts: { de: { title: 'Fahrradstraße', summary: '', body: '' } },
    };
    data.practices = data.practices.filter((p) => p.id !== 'p-flexwerken');
    data.glossary.push({ ...data.glossary[0]!, id: 'g-wadi', term: { de: 'Versickerungsmulde', nl: 'wadi' } });
    const loaded = SearchIndex.load(saved, sourceOf(data));
    expect(ids(loaded.search({ text: 'Fahrradstraße ' }).practices)).toEqual(['p-strasse']);
    expect(loaded.search({ text: 'Spielstraße ' }).practices).toEqual([]);
    expect(loaded.search({ text: 'Flexibel ' }).practices).toEqual([]);
    expect(loaded.search({ text: 'kantoorinrichting ' }).annotations).toEqual([]);
    expect(loaded.search({ text: 'wadi ', filters: { language: 'de' } }).practices[0]?.viaGlossary).toBe('g-wadi');
  });

  it('of another version is refused', () => {
    const { data, index } = fresh();
    const saved = { ...index.toJSON(), version: SEARCH_INDEX_VERSION + 1 };
    expect(() => SearchIndex.load(saved, sourceOf(data))).toThrow(StaleSearchIndexError);
  });

  it('that is damaged is refused', () => {
    const { data, index } = fresh();
    const saved = index.toJSON();
    expect(() => SearchIndex.load('{"format":', sourceOf(data))).toThrow(StaleSearchIndexError);
    expect(() => SearchIndex.load({ format: 'something else' }, sourceOf(data))).toThrow(StaleSearchIndexError);
    expect(() =>
      SearchIndex.load(
        { ...saved, index: { ...saved.index, postings: saved.index.postings.slice(8) } },
        sourceOf(data),
      ),
    ).toThrow(StaleSearchIndexError);
    expect(() => SearchIndex.load({ ...saved, index: { ...saved.index, recordIds: 'x' } }, sourceOf(data))).toThrow(
      StaleSearchIndexError,
    );
  });

  it('survives a second save and load, with edits in between', () => {
    const { data, index } = fresh();
    const once = SearchIndex.load(JSON.stringify(index), sourceOf(data));
    once.upsert('practices', {
      ...data.practices[0]!,
      updatedAt: later,
      texts: { de: { title: 'Minikreisel', summary: '', body: '' } },
    });
    const twice = SearchIndex.load(JSON.stringify(once), sourceOf({ ...data, practices: [] }));
    expect(twice.search({ text: 'Minikreisel ' }).practices).toEqual([]);
    expect(
      ids(SearchIndex.load(JSON.stringify(once), sourceOf(data)).search({ text: 'Innsbrucker ' }).practices),
    ).toEqual(['p-kreisverkehr']);
  });
});

describe('limits', () => {
  it('cut each kind to the limit and still count everything found', () => {
    const { index } = fresh();
    const results = index.search({ text: 'verkehr ', limitPerKind: 2 });
    expect(results.practices).toHaveLength(2);
    expect(results.totals.practices).toBeGreaterThan(2);
  });
});

describe('building', () => {
  it('in the background gives the same index', async () => {
    const { data, index } = fresh();
    const background = await SearchIndex.buildAsync(sourceOf(data), { chunkSize: 3 });
    expect(background.search({ text: 'rotonde ' })).toEqual(index.search({ text: 'rotonde ' }));
    expect(background.documentCounts).toEqual(index.documentCounts);
  });

  it('takes the knowledge base’s store as its source', () => {
    // Compile-time check: the store's `all` satisfies SearchSource.
    const asSource = (store: Store): SearchSource => store;
    expect(asSource).toBeTypeOf('function');
  });
});
