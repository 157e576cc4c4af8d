/**
 * Filters that combine with the query. A filter that means nothing for a kind
 * (translation status for a visit, annotation kind for a practice) leaves that
 * kind out of the results: the user asked for something narrower.
 */
import { dimensionTopicId, type Lang, type Practice, type TranslationStatus } from '../../shared/model';
import type { SearchFilters, SearchKind } from '../../shared/search';
import type { SearchRecords } from './types';

export interface FilterContext {
  practice(id: string): Practice | undefined;
  /** Status of the practice's translation (its text in the language it was not written in). */
  translationStatus(practiceId: string): TranslationStatus | undefined;
}

export function kindApplies(kind: SearchKind, filters: SearchFilters): boolean {
  if (filters.translationStatus && kind !== 'practices') return false;
  if (filters.annotationKind && kind !== 'annotations') return false;
  if (filters.organisationId && kind === 'glossary') return false;
  return true;
}

export function hasFilters(filters: SearchFilters): boolean {
  return Object.values(filters).some((value) => value !== undefined);
}

/** Whether a record, matched in `lang`, passes the filters. */
export function passes<K extends SearchKind>(
  kind: K,
  record: SearchRecords[K],
  lang: Lang,
  filters: SearchFilters,
  context: FilterContext,
): boolean {
  if (filters.language && lang !== filters.language) return false;
  switch (kind) {
    case 'practices':
      return practicePasses(record as Practice, filters, context);
    case 'annotations': {
      const annotation = record as SearchRecords['annotations'];
      const practice = context.practice(annotation.practiceId);
      if (filters.annotationKind && annotation.kind !== filters.annotationKind) return false;
      if (filters.topicId && !practice?.topicIds.includes(filters.topicId)) return false;
      // Written by someone from the organisation, or about one of its practices.
      const organisations = [annotation.organisationId, practice?.organisationId];
      return !filters.organisationId || organisations.includes(filters.organisationId);
    }
    case 'visits': {
      const visit = record as SearchRecords['visits'];
      if (filters.topicId && !visit.topicIds.includes(filters.topicId)) return false;
      const organisations = [visit.hostOrganisationId, visit.guestOrganisationId];
      return !filters.organisationId || organisations.includes(filters.organisationId);
    }
    case 'glossary': {
      const term = record as SearchRecords['glossary'];
      return !filters.topicId || term.topicIds.includes(filters.topicId);
    }
    case 'comparison': {
      const cell = record as SearchRecords['comparison'];
      if (filters.topicId && dimensionTopicId(cell.dimension) !== filters.topicId) return false;
      return !filters.organisationId || cell.organisationId === filters.organisationId;
    }
  }
  return false;
}

export function practicePasses(practice: Practice, filters: SearchFilters, context: FilterContext): boolean {
  if (filters.topicId && !practice.topicIds.includes(filters.topicId)) return false;
  if (filters.organisationId && practice.organisationId !== filters.organisationId) return false;
  return !filters.translationStatus || context.translationStatus(practice.id) === filters.translationStatus;
}
