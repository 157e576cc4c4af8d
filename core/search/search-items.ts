/**
 * Turns the index's hits into what a result list shows: each hit with the
 * titles (and for visits, the organisations and date) of the record behind it,
 * read from the store so the index need not keep them.
 */
import type { Lang } from '../../shared/model';
import {
  SEARCH_KINDS,
  type SearchHit,
  type SearchItem,
  type SearchItems,
  type SearchKind,
  type SearchResults,
} from '../../shared/search';
import type { Store } from '../store/store';

export function emptyItems(): SearchItems {
  return {
    practices: [],
    annotations: [],
    visits: [],
    glossary: [],
    comparison: [],
    totals: { practices: 0, annotations: 0, visits: 0, glossary: 0, comparison: 0 },
  };
}

export function toItems(results: SearchResults, store: Pick<Store, 'get'>): SearchItems {
  const items = emptyItems();
  for (const kind of SEARCH_KINDS) {
    items[kind] = results[kind].map((hit) => describe(kind, hit, store));
    items.totals[kind] = results.totals[kind];
  }
  return items;
}

function describe(kind: SearchKind, hit: SearchHit, store: Pick<Store, 'get'>): SearchItem {
  const practiceTitles = (id: string | undefined): Partial<Record<Lang, string>> => {
    const practice = id === undefined ? undefined : store.get('practices', id);
    const titles: Partial<Record<Lang, string>> = {};
    if (practice?.texts.de) titles.de = practice.texts.de.title;
    if (practice?.texts.nl) titles.nl = practice.texts.nl.title;
    return titles;
  };
  switch (kind) {
    case 'practices':
      return { ...hit, titles: practiceTitles(hit.id) };
    case 'annotations': {
      const annotation = store.get('annotations', hit.id);
      return {
        ...hit,
        titles: practiceTitles(annotation?.practiceId),
        ...(annotation ? { annotationKind: annotation.kind } : {}),
      };
    }
    case 'visits': {
      const visit = store.get('visits', hit.id);
      if (!visit) return { ...hit, titles: {} };
      const { hostOrganisationId, guestOrganisationId, startDate } = visit;
      return {
        ...hit,
        titles: {},
        visit: { hostOrganisationId, guestOrganisationId, ...(startDate ? { startDate } : {}) },
      };
    }
    case 'glossary': {
      const term = store.get('glossary', hit.id);
      return { ...hit, titles: term ? { ...term.term } : {} };
    }
    case 'comparison': {
      const cell = store.get('comparison', hit.id);
      if (!cell) return { ...hit, titles: {} };
      return { ...hit, titles: {}, cell: { dimension: cell.dimension, organisationId: cell.organisationId } };
    }
  }
}
