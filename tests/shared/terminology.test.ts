import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../shared/model';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

interface Rule {
  concept: string;
  not: Record<Lang, string[]>;
  starter: boolean;
}

/** The rows of the table in locales/TERMS.md: the words each language must not use for the concept. */
function rules(): Rule[] {
  const rows = read('locales/TERMS.md')
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| concept') && !line.startsWith('| ---'));
  return rows.map((row) => {
    const [concept, , , notDe, notNl, starter] = row
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    const words = (cell = '') => cell.split(',').flatMap((word) => (word.trim() ? [word.trim()] : []));
    return { concept: concept!, not: { de: words(notDe), nl: words(notNl) }, starter: starter === 'yes' };
  });
}

/** Every string of a JSON value with where it is, as `path: text`. */
function strings(value: unknown, path: string): string[] {
  if (typeof value === 'string') return [`${path}: ${value}`];
  if (Array.isArray(value)) return value.flatMap((item, i) => strings(item, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => strings(item, path ? `${path}.${key}` : key));
  return [];
}

const interfaceStrings = (lang: Lang) =>
  readdirSync(new URL(`../../locales/${lang}/`, import.meta.url))
    .filter((file) => file.endsWith('.json'))
    .flatMap((file) => strings(JSON.parse(read(`locales/${lang}/${file}`)), file.replace(/\.json$/, '')));

/** The starter content's texts in one language: the values under a key named for it (`de`, `nl`). */
function starterStrings(lang: Lang): string[] {
  const found: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}[${i}]`));
    else if (value && typeof value === 'object')
      for (const [key, item] of Object.entries(value)) {
        if (key === lang) found.push(...strings(item, `${path}.${key}`));
        else walk(item, `${path}.${key}`);
      }
  };
  walk(JSON.parse(read('data/starter.json')), 'starter');
  return found;
}

const wholeWord = (word: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu');

describe('the terminology of locales/TERMS.md', () => {
  const table = rules();

  it('is a table the test can read', () => {
    expect(table.length).toBeGreaterThan(5);
    expect(table.some((rule) => rule.not.de.length > 0 && rule.not.nl.length > 0)).toBe(true);
  });

  it.each<Lang>(['de', 'nl'])('is followed by every interface string and starter text in %s', (lang) => {
    const texts = { interface: interfaceStrings(lang), starter: starterStrings(lang) };
    const offending = table.flatMap((rule) =>
      rule.not[lang].flatMap((word) =>
        [...texts.interface, ...(rule.starter ? texts.starter : [])]
          .filter((text) => wholeWord(word).test(text.slice(text.indexOf(': ') + 2)))
          .map((text) => `"${word}" (${rule.concept}) in ${text.slice(0, 120)}`),
      ),
    );
    expect(offending).toEqual([]);
  });

  it('finds a forbidden word as a whole word only, in any case', () => {
    expect(wholeWord('partnerstad').test('Exporteer een pakket voor de Partnerstad.')).toBe(true);
    expect(wholeWord('bestuur').test('Dagelijks bestuurder')).toBe(false);
    expect(wholeWord('Lessons learned').test('Lessons learned und Anmerkungen')).toBe(true);
  });
});
