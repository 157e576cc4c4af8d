/**
 * Translation status, the one mechanism for every text written in both
 * languages. A practice: the original language is always current; a
 * translation records (`basedOn`) the hash of the original text it was made
 * from; when the original changes, the hash no longer matches: outdated. An
 * annotation's translation works the same way. Comparison cells and visits,
 * written in either language first, record per language the hash of the
 * other language's text (pairTranslation). A translation without `basedOn`
 * agrees with its original (docs/bundle-format.md, "Translations").
 */
import { createHash } from 'node:crypto';
import {
  LANGUAGES,
  otherLang,
  type Annotation,
  type Lang,
  type Practice,
  type PracticeText,
  type TranslationStatus,
} from '../../shared/model';
import type { TranslationStatuses } from '../../shared/responses';

/** Identifies a text version: changes whenever title, summary or body changes. */
export function textHash(text: Pick<PracticeText, 'title' | 'summary' | 'body'>): string {
  return createHash('sha256')
    .update(JSON.stringify([text.title, text.summary, text.body]))
    .digest('hex');
}

export function translationStatuses(practice: Pick<Practice, 'texts' | 'originalLanguage'>): TranslationStatuses {
  const original = practice.texts[practice.originalLanguage];
  const originalHash = original ? textHash(original) : undefined;
  const status = (lang: Lang): TranslationStatus => {
    const text = practice.texts[lang];
    if (!text) return 'missing';
    if (lang === practice.originalLanguage || text.basedOn === undefined) return 'current';
    return text.basedOn === originalHash ? 'current' : 'outdated';
  };
  return Object.fromEntries(LANGUAGES.map((lang) => [lang, status(lang)])) as TranslationStatuses;
}

/** Identifies one plain text (a language of a comparison cell or a visit, an annotation's original). */
export function plainTextHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What a record written in both languages, either first, says per language; undefined where it says nothing. */
export type PairTexts = Partial<Record<Lang, string>>;
/** Per language: the hash of the other language's text it was last written or checked against. */
export type PairBasis = Partial<Record<Lang, string>>;

/**
 * The status of a record written in both languages, either of them first
 * (comparison cells, visits). A language is current when the other has no
 * text, or when it was written or checked against the other's present text;
 * outdated when the other changed since.
 */
export function pairTranslation(texts: PairTexts, basedOn: PairBasis | undefined): TranslationStatuses {
  const status = (lang: Lang): TranslationStatus => {
    if (!texts[lang]) return 'missing';
    const other = texts[otherLang(lang)];
    const basis = basedOn?.[lang];
    if (!other || basis === undefined) return 'current';
    return basis === plainTextHash(other) ? 'current' : 'outdated';
  };
  return { de: status('de'), nl: status('nl') };
}

/**
 * Each language's basis after a save. A language written now is based on the
 * other's new text. One left as it was falls behind when the other changed,
 * unless the other was itself behind (or missing): then that change was the
 * translation catching up, and both are current.
 */
export function stampPairBasis(
  next: PairTexts,
  previous: { texts: PairTexts; basedOn: PairBasis | undefined } | undefined,
): PairBasis | undefined {
  if (!next.de || !next.nl) return undefined; // a single language needs no basis
  const before = previous ? pairTranslation(previous.texts, previous.basedOn) : undefined;
  const changed = (lang: Lang) => next[lang] !== previous?.texts[lang];
  const basis: PairBasis = {};
  for (const lang of LANGUAGES) {
    const other = otherLang(lang);
    const otherText = next[other]!;
    if (changed(lang) || !previous) {
      basis[lang] = plainTextHash(otherText);
    } else if (!changed(other)) {
      if (previous.basedOn?.[lang]) basis[lang] = previous.basedOn[lang];
    } else if (before?.[other] !== 'current') {
      basis[lang] = plainTextHash(otherText);
    } else {
      basis[lang] = previous.basedOn?.[lang] ?? plainTextHash(previous.texts[other]!);
    }
  }
  return basis;
}

/** An annotation's translation: missing, current, or outdated once its original text changed. */
export function annotationTranslation(annotation: Pick<Annotation, 'text' | 'translation'>): TranslationStatus {
  if (!annotation.translation) return 'missing';
  return annotation.translation.basedOn === plainTextHash(annotation.text) ? 'current' : 'outdated';
}
