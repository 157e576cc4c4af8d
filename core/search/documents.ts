/**
 * How records become index documents: one document per record and language
 * (so a hit knows the language it matched in), with four generic fields whose
 * meaning depends on the kind. Also gives back the text of a field for snippets.
 */
import { resources } from '../../shared/i18n';
import { dimensionTopicId, LANGUAGES, type Lang } from '../../shared/model';
import { analyzeText, plainText } from './analyze';
import type { SearchField, SearchKind } from '../../shared/search';
import type { SearchRecords } from './types';

/** Generic index fields, in ranking order. */
export const INDEX_FIELDS = ['title', 'summary', 'body', 'meta'] as const;
export type IndexField = (typeof INDEX_FIELDS)[number];

/** Title over summary over body; tags and names count least. */
export const FIELD_BOOST: Record<IndexField, number> = { title: 3, summary: 2, body: 1, meta: 0.7 };

/** What each generic field holds, per kind, as reported in a hit. */
export const FIELD_NAMES: Record<SearchKind, Partial<Record<IndexField, SearchField>>> = {
  practices: { title: 'title', summary: 'summary', body: 'body', meta: 'tags' },
  annotations: { body: 'text' },
  visits: { title: 'participants', body: 'notes', meta: 'tags' },
  glossary: { title: 'term', body: 'definition' },
  comparison: { title: 'dimension', body: 'text', meta: 'tags' },
};

export interface IndexDoc {
  lang: Lang;
  /** Index terms per field, already analyzed in the document's language. */
  fields: Partial<Record<IndexField, string[]>>;
}

/** Names of topics and organisations, for the `meta` field. */
export interface NameLookup {
  topic(id: string, lang: Lang): string | undefined;
  organisation(id: string, lang: Lang): string | undefined;
  /** What a tag is called in `lang` (the label of the tag it counts under), if it has a label. */
  tag(key: string, lang: Lang): string | undefined;
}

type FieldTexts = Partial<Record<IndexField, string>>;

/**
 * The raw text of each field of a record in one language; undefined when the
 * record has no text in it. With `only`, just that field (for a snippet).
 */
export function fieldTexts<K extends SearchKind>(
  kind: K,
  record: SearchRecords[K],
  lang: Lang,
  names: NameLookup,
  only?: IndexField,
): FieldTexts | undefined {
  const want = (field: IndexField): boolean => only === undefined || only === field;
  const texts: FieldTexts = {};
  switch (kind) {
    case 'practices': {
      const practice = record as SearchRecords['practices'];
      const text = practice.texts[lang];
      if (!text) return undefined;
      if (want('title')) texts.title = text.title;
      if (want('summary')) texts.summary = text.summary;
      if (want('body')) texts.body = plainText(text.body);
      if (want('meta')) {
        texts.meta = joinNames([
          // The key as typed, and the name the tag is shown with.
          ...practice.tags.flatMap((key) => {
            const label = names.tag(key, lang);
            return label && label !== key ? [key, label] : [key];
          }),
          ...practice.topicIds.map((id) => names.topic(id, lang)),
          names.organisation(practice.organisationId, lang),
        ]);
      }
      return texts;
    }
    case 'annotations': {
      const annotation = record as SearchRecords['annotations'];
      return annotation.language === lang ? { body: annotation.text } : undefined;
    }
    case 'visits': {
      const visit = record as SearchRecords['visits'];
      const notes = visit.notes[lang];
      // Participants' names belong to no language: indexed with the first language that has notes.
      const first = LANGUAGES.find((l) => visit.notes[l]) ?? 'de';
      if (!notes && lang !== first) return undefined;
      if (want('title') && lang === first) texts.title = visit.participants.map((p) => p.name).join(', ');
      if (want('body')) texts.body = plainText(notes ?? '');
      if (want('meta')) {
        texts.meta = joinNames([
          names.organisation(visit.hostOrganisationId, lang),
          names.organisation(visit.guestOrganisationId, lang),
          ...visit.topicIds.map((id) => names.topic(id, lang)),
        ]);
      }
      return texts;
    }
    case 'glossary': {
      const term = record as SearchRecords['glossary'];
      if (want('title')) texts.title = term.term[lang];
      if (want('body')) texts.body = [term.definition[lang], term.note?.[lang] ?? ''].join(' ').trim();
      return texts;
    }
    case 'comparison': {
      const cell = record as SearchRecords['comparison'];
      const text = cell.text[lang];
      if (!text) return undefined;
      if (want('title')) texts.title = dimensionName(cell.dimension, lang, names);
      if (want('body')) texts.body = plainText(text);
      // The row's key too ("legal-status"): the English names staff of both sides use between them.
      if (want('meta'))
        texts.meta = joinNames([names.organisation(cell.organisationId, lang), cell.dimension.replace(/[-:]/g, ' ')]);
      return texts;
    }
  }
  return undefined;
}

/** The index documents of a record: one per language it has text in. */
export function indexDocs<K extends SearchKind>(kind: K, record: SearchRecords[K], names: NameLookup): IndexDoc[] {
  const docs: IndexDoc[] = [];
  for (const lang of LANGUAGES) {
    const texts = fieldTexts(kind, record, lang, names);
    if (!texts) continue;
    const fields: IndexDoc['fields'] = {};
    for (const field of INDEX_FIELDS) {
      const text = texts[field];
      if (text) fields[field] = analyzeText(text, lang);
    }
    docs.push({ lang, fields });
  }
  return docs;
}

/** A comparison row's name as the comparison view shows it: the topic's name, or the structure row's label. */
function dimensionName(dimension: string, lang: Lang, names: NameLookup): string {
  const topicId = dimensionTopicId(dimension);
  if (topicId !== undefined) return names.topic(topicId, lang) ?? '';
  const labels: Record<string, string> = resources[lang].compare.dimension;
  return labels[dimension] ?? '';
}

function joinNames(names: readonly (string | undefined)[]): string {
  return names.filter((name) => name !== undefined && name !== '').join(', ');
}
