/**
 * What the search core reads (SearchSource). What it is asked and what it
 * answers lives in shared/search.ts.
 */
import type {
  Annotation,
  ComparisonEntry,
  GlossaryTerm,
  Organisation,
  Practice,
  TagLabel,
  Topic,
  Visit,
} from '../../shared/model';

/** The record collections the index reads, by the store's collection names. */
export interface SearchRecords {
  practices: Practice;
  annotations: Annotation;
  visits: Visit;
  glossary: GlossaryTerm;
  comparison: ComparisonEntry;
  organisations: Organisation;
  topics: Topic;
  tagLabels: TagLabel;
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
  all(collection: 'comparison'): readonly ComparisonEntry[];
  all(collection: 'organisations'): readonly Organisation[];
  all(collection: 'topics'): readonly Topic[];
  all(collection: 'tagLabels'): readonly TagLabel[];
}
