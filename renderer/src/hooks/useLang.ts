/**
 * The interface language as a `Lang`. i18next types its language as any
 * string; the renderer only ever sets one of LANGUAGES, so this is the one
 * place that says so.
 */
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../shared/model';

export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language as Lang;
}
