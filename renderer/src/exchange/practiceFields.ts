/**
 * A practice in conflict, field by field: which fields its versions disagree
 * on, and the practice merged from the version chosen for each field, which
 * the editor then starts from. Pure, so the choice logic is tested on its own.
 */
import { LANGUAGES, type Lang, type Practice } from '../../../shared/model';

const TEXT_PARTS = ['title', 'summary', 'body'] as const;
type TextPart = (typeof TEXT_PARTS)[number];

export type PracticeFieldKey =
  `${TextPart}.${Lang}` | 'organisation' | 'scope' | 'topics' | 'tags' | 'sources' | 'contact';

export interface PracticeField {
  key: PracticeFieldKey;
  /** The part of a text (title, summary, body) and its language; absent for the fields outside the texts. */
  text?: { part: TextPart; lang: Lang };
  /** What each version holds, as the reader sees it; '' where the version has nothing. */
  values: string[];
}

/** Names for ids, so a field compares and shows what the reader sees. */
export interface FieldNames {
  organisation: (id: string) => string;
  topic: (id: string) => string;
  /** Whose practice it is, as the reader sees it; '' when not stated. */
  scope: (scope: Practice['scope']) => string;
  /** A tag as the reader sees it: its label, or the key as typed. */
  tag: (key: string) => string;
}

const FIELD_KEYS: PracticeFieldKey[] = [
  ...LANGUAGES.flatMap((lang) => TEXT_PARTS.map((part): PracticeFieldKey => `${part}.${lang}`)),
  'organisation',
  'scope',
  'topics',
  'tags',
  'sources',
  'contact',
];

function valueOf(practice: Practice, key: PracticeFieldKey, names: FieldNames): string {
  switch (key) {
    case 'organisation':
      return names.organisation(practice.organisationId);
    case 'scope':
      return names.scope(practice.scope);
    case 'topics':
      return practice.topicIds.map(names.topic).join(', ');
    case 'tags':
      return practice.tags.map(names.tag).join(', ');
    case 'sources':
      return practice.sources.map((s) => `${s.title} – ${s.url}`).join('\n');
    case 'contact':
      return practice.contact ?? '';
    default: {
      const [part, lang] = key.split('.') as [TextPart, Lang];
      return practice.texts[lang]?.[part] ?? '';
    }
  }
}

/** Every field of the versions, those they disagree on first in `differing`, the others named in `same`. */
export function practiceFields(
  versions: Practice[],
  names: FieldNames,
): { differing: PracticeField[]; same: PracticeField[] } {
  const fields = FIELD_KEYS.map((key): PracticeField => {
    const [part, lang] = key.split('.') as [TextPart, Lang | undefined];
    return {
      key,
      ...(lang ? { text: { part, lang } } : {}),
      values: versions.map((version) => valueOf(version, key, names)),
    };
  });
  const agree = (field: PracticeField) => field.values.every((value) => value === field.values[0]);
  return {
    differing: fields.filter((field) => !agree(field)),
    same: fields.filter((field) => agree(field) && field.values[0] !== ''),
  };
}

/**
 * The practice with each field taken from the version chosen for it (the
 * first version where nothing is chosen). A language whose title, summary and
 * body all end up empty is left out, as the editor would.
 */
export function composePractice(versions: Practice[], choices: Partial<Record<PracticeFieldKey, number>>): Practice {
  const from = (key: PracticeFieldKey) => versions[choices[key] ?? 0] ?? versions[0]!;
  const texts: Practice['texts'] = {};
  for (const lang of LANGUAGES) {
    const text = Object.fromEntries(
      TEXT_PARTS.map((part) => [part, from(`${part}.${lang}`).texts[lang]?.[part] ?? '']),
    ) as Record<TextPart, string>;
    if (TEXT_PARTS.some((part) => text[part] !== '')) texts[lang] = text;
  }
  const merged: Practice = {
    ...versions[0]!,
    organisationId: from('organisation').organisationId,
    topicIds: from('topics').topicIds,
    tags: from('tags').tags,
    sources: from('sources').sources,
    texts,
  };
  const scope = from('scope').scope;
  if (scope) merged.scope = scope;
  else delete merged.scope;
  const contact = from('contact').contact;
  if (contact) merged.contact = contact;
  else delete merged.contact;
  return merged;
}
