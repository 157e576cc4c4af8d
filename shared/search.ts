/**
 * What the search is asked and what it answers, shared by the core's index,
 * the IPC contract and the renderer. Requests are zod schemas (main validates
 * them); answers are plain types.
 */
import { z } from 'zod';
import { AnnotationKind, Id, Lang, TranslationStatus } from './model';

/** The kinds of results, each its own group in the answer (comparison: cells of the comparison table). */
export const SEARCH_KINDS = ['practices', 'annotations', 'visits', 'glossary', 'comparison'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/**
 * Filters that combine with the query. A filter that means nothing for a kind
 * leaves that kind out: translationStatus keeps only practices, annotationKind
 * only annotations, organisationId drops glossary terms. An annotation matches
 * organisationId when written by that organisation or about one of its practices.
 */
export const SearchFilters = z
  .object({
    topicId: Id.optional(),
    organisationId: Id.optional(),
    /** The language of the matched text. */
    language: Lang.optional(),
    /** Status of a practice's translation (its text in the language it was not written in). */
    translationStatus: TranslationStatus.optional(),
    annotationKind: AnnotationKind.optional(),
  })
  .strict();
export type SearchFilters = z.infer<typeof SearchFilters>;

export const MAX_LIMIT_PER_KIND = 100;
export const MAX_QUERY_LENGTH = 1_000;

export const SearchQuery = z
  .object({
    text: z.string().max(MAX_QUERY_LENGTH),
    filters: SearchFilters.optional(),
    /** At most this many hits per kind (default 10). */
    limitPerKind: z.number().int().min(1).max(MAX_LIMIT_PER_KIND).optional(),
  })
  .strict();
export type SearchQuery = z.infer<typeof SearchQuery>;

/**
 * The part of a record the hit was found in. Practices: title, summary, body,
 * tags (its tags, topic and organisation names) or annotation (one of its
 * notes, see `annotationId`); annotations: text; visits: participants, notes
 * or tags (organisation and topic names); glossary terms: term or definition;
 * comparison cells: dimension (the row's name), text or tags (organisation).
 */
export type SearchField =
  | 'title'
  | 'summary'
  | 'body'
  | 'tags'
  | 'annotation'
  | 'text'
  | 'participants'
  | 'notes'
  | 'term'
  | 'definition'
  | 'dimension';

/** [start, end) offsets into `Snippet.text`. */
export type Highlight = readonly [start: number, end: number];

export interface Snippet {
  text: string;
  highlights: Highlight[];
}

export interface SearchHit {
  /** The record's id (for a practice found through an annotation: the practice's id). */
  id: string;
  score: number;
  field: SearchField;
  /** Language of the matched text. */
  language: Lang;
  snippet: Snippet;
  /** Set when the record was found only through this glossary term's other-language equivalent. */
  viaGlossary?: string;
  /** For annotations: the practice they belong to; for practices found through an annotation: that annotation. */
  practiceId?: string;
  annotationId?: string;
  /**
   * Query words this record does not contain, as typed (or the part of a
   * compound). Set only when no record holds every word and results match
   * part of the query: shown as "does not contain: …".
   */
  missing?: string[];
}

export interface SearchResults {
  practices: SearchHit[];
  annotations: SearchHit[];
  visits: SearchHit[];
  glossary: SearchHit[];
  comparison: SearchHit[];
  /** How many records matched per kind, before `limitPerKind`. */
  totals: Record<SearchKind, number>;
}

/** What a result list shows of the record behind a hit, besides its snippet. */
export interface SearchItem extends SearchHit {
  /**
   * Practices: their titles; annotations: the titles of their practice;
   * glossary terms: the term in each language; visits: none.
   */
  titles: Partial<Record<Lang, string>>;
  annotationKind?: AnnotationKind;
  visit?: { hostOrganisationId: string; guestOrganisationId: string; startDate?: string };
  /** For comparison cells: the row and the column. */
  cell?: { dimension: string; organisationId: string };
}

export type SearchItems = Record<SearchKind, SearchItem[]> & { totals: Record<SearchKind, number> };

/** Whether the index can answer yet. While building, `done` of `total` records are indexed. */
export type SearchStatus = { state: 'ready' } | { state: 'building'; done: number; total: number };

/** The answer of the `search` channel: no results until the index is ready. */
export interface SearchResponse {
  status: SearchStatus;
  results: SearchItems;
}
