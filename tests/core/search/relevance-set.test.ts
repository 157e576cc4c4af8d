/**
 * Holds the relevance set's figures at a floor set from the measured value
 * (100 % success@3, MRR 0.985 when set), so a regression in any class of
 * queries fails here; `npm run bench` prints the figures.
 */
import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../../core/search/index';
import { measureRelevance, RELEVANCE_CASES, starterSource } from './relevance-set';

describe('the relevance set', () => {
  it('has at least 80 queries, covering every class', () => {
    expect(RELEVANCE_CASES.length).toBeGreaterThanOrEqual(80);
    const classes = new Set(RELEVANCE_CASES.map((c) => c.about));
    expect([...classes].sort()).toEqual(
      [
        'comparison',
        'compound apart',
        'compound joined',
        'cross-language',
        'de',
        'nl',
        'nothing',
        'typing',
        'typo 1',
        'typo 2',
      ].sort(),
    );
  });

  it('puts a right answer in the top 3 for at least 97 % of queries, with an MRR of at least 0.95', () => {
    const figures = measureRelevance(SearchIndex.build(starterSource()));
    expect(figures.misses).toHaveLength(Math.floor(figures.cases * (1 - figures.successAt3) + 1e-9));
    expect(figures.successAt3).toBeGreaterThanOrEqual(0.97);
    expect(figures.mrr).toBeGreaterThanOrEqual(0.95);
  });

  it('counts a query that should find nothing as missed when something is found', () => {
    const figures = measureRelevance(SearchIndex.build(starterSource()), [
      { about: 'nothing', query: 'Kanban ', expect: [] },
      { about: 'de', query: 'Kanban ', expect: ['practice-de-kanban-teams'] },
    ]);
    expect(figures).toMatchObject({ successAt3: 0.5, mrr: 0.5 });
  });
});
