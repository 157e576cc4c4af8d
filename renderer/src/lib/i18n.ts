/** The renderer's i18n instance: the one global singleton the renderer has. */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { i18nOptions } from '../../../shared/i18n';
import type { Lang } from '../../../shared/model';

export function initI18n(language: Lang): typeof i18next {
  void i18next.use(initReactI18next).init(i18nOptions(language));
  document.documentElement.lang = language;
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  return i18next;
}
