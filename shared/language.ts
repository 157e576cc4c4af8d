import { LANGUAGES, type Lang } from './model';

/** The interface language for a list of OS locales: the first German or Dutch one, else German. */
export function pickLanguage(locales: readonly string[]): Lang {
  for (const locale of locales) {
    const base = locale.toLowerCase().split(/[-_]/)[0];
    const match = LANGUAGES.find((lang) => lang === base);
    if (match) return match;
  }
  return 'de';
}
