import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { i18nOptions, NAMESPACES, resources } from '../../shared/i18n';
import { pickLanguage } from '../../shared/language';

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): Record<string, string> =>
  Object.fromEntries(
    Object.entries(tree).flatMap(([key, value]) =>
      typeof value === 'string' ? [[prefix + key, value]] : Object.entries(flatten(value, `${prefix}${key}.`)),
    ),
  );
const keys = (lang: 'de' | 'nl') =>
  NAMESPACES.flatMap((ns) => Object.keys(flatten(resources[lang][ns] as Tree)).map((k) => `${ns}:${k}`)).sort();

describe('the interface translations', () => {
  it('have the same keys in German and Dutch', () => {
    expect(keys('nl')).toEqual(keys('de'));
  });

  it('have no empty value', () => {
    for (const lang of ['de', 'nl'] as const) {
      for (const ns of NAMESPACES) {
        for (const [key, value] of Object.entries(flatten(resources[lang][ns] as Tree))) {
          expect(value.trim(), `${lang}/${ns}.json ${key}`).not.toBe('');
        }
      }
    }
  });

  it("give every plural key exactly the plural forms of the language's plural rules", () => {
    for (const lang of ['de', 'nl'] as const) {
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories.slice().sort();
      const forms = new Map<string, string[]>();
      for (const key of keys(lang)) {
        const plural = /^(.*)_(zero|one|two|few|many|other)$/.exec(key);
        if (plural) forms.set(plural[1]!, [...(forms.get(plural[1]!) ?? []), plural[2]!]);
      }
      expect(forms.size).toBeGreaterThan(0);
      for (const [base, found] of forms) expect(found.sort(), `${lang} ${base}`).toEqual(categories);
    }
  });

  it('use the right plural form in each language', async () => {
    for (const [lang, one, many] of [
      ['de', '1 Praxisbeispiel', '7 Praxisbeispiele'],
      ['nl', '1 praktijkvoorbeeld', '7 praktijkvoorbeelden'],
    ] as const) {
      const i18n = i18next.createInstance();
      await i18n.init(i18nOptions(lang));
      expect(i18n.t('list.count', { count: 1 })).toBe(one);
      expect(i18n.t('list.count', { count: 7 })).toBe(many);
    }
  });

  it('format dates the way each language writes them', async () => {
    const date = new Date('2026-09-14T10:00:00Z');
    const de = i18next.createInstance();
    await de.init(i18nOptions('de'));
    const nl = i18next.createInstance();
    await nl.init(i18nOptions('nl'));
    expect(de.t('content.date', { date })).toBe('14.9.2026');
    expect(nl.t('content.date', { date })).toBe('14-9-2026');
  });
});

describe('the first-start language', () => {
  it.each([
    [['de-DE'], 'de'],
    [['nl-NL'], 'nl'],
    [['en-US', 'nl-BE'], 'nl'],
    [['de_AT', 'nl'], 'de'],
    [['fr-FR'], 'de'],
    [[], 'de'],
  ] as const)('is %j → %s', (locales, expected) => {
    expect(pickLanguage(locales)).toBe(expected);
  });
});
