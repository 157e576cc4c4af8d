/**
 * Which language version of a text to show: the interface language's when
 * there is one, else the partner's, marked as a fallback so views can say so.
 */
import { LANGUAGES, otherLang, type Lang } from '../../../shared/model';

export interface Picked<T> {
  value: T;
  lang: Lang;
  /** True when the interface language had no text and the other language is shown. */
  fallback: boolean;
}

/** The text in the interface language, else the other one, saying which it is. */
export function pickText<T>(texts: Partial<Record<Lang, T>>, lang: Lang): Picked<T> | null {
  const own = texts[lang];
  if (own !== undefined) return { value: own, lang, fallback: false };
  const other = texts[otherLang(lang)];
  return other === undefined ? null : { value: other, lang: otherLang(lang), fallback: true };
}

/** What a print view shows: one language, or both side by side. */
export type ReadingMode = Lang | 'both';
export const modeLanguages = (mode: ReadingMode): Lang[] => (mode === 'both' ? [...LANGUAGES] : [mode]);
