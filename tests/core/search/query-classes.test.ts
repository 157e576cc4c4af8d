/**
 * The classes of queries the relevance review found failing, each against the
 * starter content: compounds typed as one word, typos of two edits, queries
 * that match only part of what is asked, and the comparison table.
 */
import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../../core/search/index';
import type { SearchHit, SearchKind } from '../../../shared/search';
import { starterSource } from './relevance-set';

const index = SearchIndex.build(starterSource());
const search = (text: string, kind: SearchKind = 'practices'): SearchHit[] => index.search({ text })[kind];
const ids = (hits: SearchHit[]): string[] => hits.map((hit) => hit.id);

describe('compounds typed as one word', () => {
  it.each([
    ['Gründachförderung ', 'practice-de-green-roofs'],
    ['rotondeontwerp ', 'practice-nl-turbo-roundabout'],
    ['Kanbanboard ', 'practice-de-kanban-teams'],
    ['fietsersvoorrang ', 'practice-nl-roundabout-cyclist-priority'],
  ])('are split into known parts: "%s" finds %s', (query, expected) => {
    expect(ids(search(query)).slice(0, 3)).toContain(expected);
  });

  it('rank a record holding the compound whole above records holding its parts apart', () => {
    // "Kanbanbord" is in the Dutch text of the Kanban practice; "kanban" and "bord" alone are elsewhere too.
    expect(search('Kanbanbordteam ')[0]?.id).toBe('practice-de-kanban-teams');
    expect(search('kanbanbord ')[0]?.id).toBe('practice-de-kanban-teams');
  });

  it('are not split into parts the knowledge base does not know', () => {
    expect(index.search({ text: 'Xylophonförderung ' }).practices).toEqual([]);
  });
});

describe('typos', () => {
  it('allow two edits in a word of eight letters or more', () => {
    expect(search('klimaatadaptie ').length).toBeGreaterThan(0);
    expect(search('Mobiltätsgestz ')[0]?.id).toBe('practice-de-mobility-act');
  });

  it('allow no second edit in a shorter word', () => {
    expect(search('Scrumm ').length).toBeGreaterThan(0); // one edit
    expect(search('Skrumm ')).toEqual([]); // two edits, six letters
  });

  it('rank a match two edits away below an exact one', () => {
    const hits = search('Stresstest ');
    const exact = hits.findIndex((hit) => hit.id === 'practice-nl-climate-stress-test');
    expect(exact).toBe(0);
  });
});

describe('queries only part of which the knowledge base holds', () => {
  it('find nothing when an informative word matches nothing', () => {
    const results = index.search({ text: 'parkeervergunning aanvragen ' });
    expect(results.practices).toEqual([]);
    expect(results.glossary).toEqual([]);
  });

  it('find nothing when the only word that matches is common and the rest unknown', () => {
    expect(index.search({ text: 'Sperrmüll abholen lassen ' }).practices).toEqual([]);
  });

  it('say which words a result does not contain when no record has them all', () => {
    const hits = search('Schwammstadt Kanban ');
    expect(ids(hits).slice(0, 2).sort()).toEqual(['practice-de-kanban-teams', 'practice-de-sponge-city']);
    expect(hits.find((hit) => hit.id === 'practice-de-kanban-teams')?.missing).toEqual(['Schwammstadt']);
    expect(hits.find((hit) => hit.id === 'practice-de-sponge-city')?.missing).toEqual(['Kanban']);
  });

  it('let an infinitive nothing holds pass, and never let one find a record alone', () => {
    const [top] = search('Personalausweis verlängern ', 'glossary');
    expect(top).toMatchObject({ id: 'term-buergeramt', missing: ['verlängern'] });
    // No practice names an identity card: "verlängern" alone (found in "verlangt" two edits away) finds none.
    expect(search('Personalausweis verlängern ')).toEqual([]);
    expect(index.search({ text: 'parkeervergunningen aanvragen ' }).glossary).toEqual([]);
  });

  it('let a long first part stand in for a compound no record holds whole, but not its head', () => {
    expect(search('klimaatadaptatiebeleid ')[0]).toMatchObject({
      id: 'practice-nl-climate-stress-test',
      missing: ['beleid'],
    });
    expect(search('Fahrradstraßenmodell ')[0]).toMatchObject({ id: 'practice-nl-fietsstraat', missing: ['modell'] });
    expect(index.search({ text: 'Sperrmüll ' }).practices).toEqual([]); // "sperr|müll": no part means it alone
  });

  it('say nothing is missing when records hold every word', () => {
    expect(search('Schwammstadt Regenwasser ').every((hit) => hit.missing === undefined)).toBe(true);
  });
});

describe('the comparison table', () => {
  it('is searched in both languages as its own group', () => {
    expect(ids(search('Gemeinderat ', 'comparison'))).toContain('cmp-council-av');
    expect(ids(search('gemeenteraad ', 'comparison'))).toContain('cmp-council-av');
  });

  it('is found by the names of its rows', () => {
    expect(ids(search('legal status ', 'comparison')).slice(0, 2).sort()).toEqual([
      'cmp-legal-status-av',
      'cmp-legal-status-ts',
    ]);
    expect(ids(search('Gewählte Vertretung ', 'comparison')).slice(0, 2).sort()).toEqual([
      'cmp-council-av',
      'cmp-council-ts',
    ]);
  });

  it('is filtered by organisation and topic', () => {
    const byOrganisation = index.search({ text: 'Bezirk ', filters: { organisationId: 'org-amstelveen' } });
    expect(byOrganisation.comparison.every((hit) => hit.id.endsWith('-av'))).toBe(true);
    const byTopic = index.search({ text: 'Amstelveen ', filters: { topicId: 'topic-climate-adaptation' } });
    expect(ids(byTopic.comparison)).toEqual(['cmp-climate-adaptation-av']);
  });

  it('ranks the district councillor above passing mentions for "Stadtrat"', () => {
    expect(search('Stadtrat ', 'glossary')[0]?.id).toBe('term-bezirksstadtrat');
    expect(search('Stadtrat ', 'comparison')[0]?.id).toBe('cmp-executive-ts');
  });
});
