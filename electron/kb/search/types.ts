/**
 * Public types of the search core: what it reads (SearchSource), what it is
 * asked (SearchQuery) and what it answers (SearchResults).
 */
import type {
  Annotation,
  AnnotationKind,
  GlossaryTerm,
  Lang,
  Organisation,
  Practice,
  Topic,
  TranslationStatus,
  Visit,
} from '../../../shared/model';

/** The record collections the index reads, by the store's collection names. */
export interface SearchRecords {
  practices: Practice;
  annotations: Annotation;
  visits: Visit;
  glossary: GlossaryTerm;
  organisations: Organisation;
  topics: Topic;
}
export type SearchCollection = keyof SearchRecords;

/**
 * Where the index gets its records from. The store's `all` satisfies it, so
 * the knowledge base passes its Store as is. (One overload per collection:
 * TypeScript cannot match the store's generic signature to a generic one here.)
 */
export interface SearchSource {
  all(collection: 'practices'): readonly Practice[];
  all(collection: 'annotations'): readonly Annotation[];
  all(collection: 'visits'): readonly Visit[];
  all(collection: 'glossary'): readonly GlossaryTerm[];
  all(collection: 'organisations'): readonly Organisation[];
  all(collection: 'topics'): readonly Topic[];
}

/** The kinds of results, each its own group in the answer. */
export const SEARCH_KINDS = ['practices', 'annotations', 'visits', 'glossary'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/**
 * Filters that combine with the query. A filter that means nothing for a kind
 * leaves that kind out: translationStatus keeps only practices, annotationKind
 * only annotations, organisationId drops glossary terms. An annotation matches
 * organisationId when written by that organisation or about one of its practices.
 */
export interface SearchFilters {
  topicId?: string;
  organisationId?: string;
  /** The language of the matched text. */
  language?: Lang;
  /** Status of a practice's translation (its text in the language it was not written in). */
  translationStatus?: TranslationStatus;
  annotationKind?: AnnotationKind;
}

export interface SearchQuery {
  text: string;
  filters?: SearchFilters;
  /** At most this many hits per kind (default 10). */
  limitPerKind?: number;
}

/**
 * The part of a record the hit was found in. Practices: title, summary, body,
 * tags (its tags, topic and organisation names) or annotation (one of its
 * notes, see `annotationId`); annotations: text; visits: participants, notes
 * or tags (organisation and topic names); glossary terms: term or definition.
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
  | 'definition';

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
}

export interface SearchResults {
  practices: SearchHit[];
  annotations: SearchHit[];
  visits: SearchHit[];
  glossary: SearchHit[];
  /** How many records matched per kind, before `limitPerKind`. */
  totals: Record<SearchKind, number>;
}
