/**
 * Translation status of a practice. The original language is always current.
 * A translation records (`basedOn`) the hash of the original text it was made
 * from; when the original changes, the hash no longer matches: outdated. A
 * translation without `basedOn` agrees with the original, the rule the
 * comparison's cells follow too (docs/bundle-format.md, "Translations").
 */
import { createHash } from 'node:crypto';
import { LANGUAGES, type Lang, type Practice, type PracticeText, type TranslationStatus } from '../../shared/model';
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
