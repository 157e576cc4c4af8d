/**
 * German and Dutch formatting through the shared i18next set-up, as main and
 * renderer use it: plural forms, numbers and dates, with real keys from the
 * locale files. The expected texts are written out, not computed with Intl.
 */
import i18next, { type i18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { i18nOptions } from '../../shared/i18n';
import type { Lang } from '../../shared/model';

const instances = {} as Record<Lang, i18n>;
beforeAll(async () => {
  for (const lang of ['de', 'nl'] as const) {
    instances[lang] = i18next.createInstance();
    await instances[lang].init(i18nOptions(lang));
  }
});
const t = (lang: Lang, key: string, options?: Record<string, unknown>) => instances[lang].t(key, options);

// Local time, so that the hour does not depend on the time zone the tests run in.
const date = new Date(2026, 10, 24, 14, 30);

describe('plural forms', () => {
  it.each([
    ['de', 'list.count', ['0 Praxisbeispiele', '1 Praxisbeispiel', '2 Praxisbeispiele']],
    ['nl', 'list.count', ['0 praktijkvoorbeelden', '1 praktijkvoorbeeld', '2 praktijkvoorbeelden']],
    ['de', 'list.annotations', ['0 Anmerkungen', '1 Anmerkung', '2 Anmerkungen']],
    ['nl', 'list.annotations', ['0 notities', '1 notitie', '2 notities']],
    ['de', 'cli:count.visits', ['0 Besuche', '1 Besuch', '2 Besuche']],
    ['nl', 'cli:count.visits', ['0 bezoeken', '1 bezoek', '2 bezoeken']],
  ] as const)('in %s for %s are plural for 0, singular for 1 and plural for 2', (lang, key, expected) => {
    expect([0, 1, 2].map((count) => t(lang, key, { count }))).toEqual(expected);
  });

  it('format the count with thousands separators in both languages', () => {
    expect(t('de', 'list.count', { count: 10_000 })).toBe('10.000 Praxisbeispiele');
    expect(t('nl', 'list.count', { count: 10_000 })).toBe('10.000 praktijkvoorbeelden');
  });
});

describe('numbers', () => {
  it.each(['de', 'nl'] as const)('in %s group thousands with a dot and separate decimals with a comma', (lang) => {
    expect(t(lang, 'number', { value: 10_000 })).toBe('10.000');
    expect(t(lang, 'number', { value: 1_234.5 })).toBe('1.234,5');
  });
});

describe('dates', () => {
  it('are written the German way in German', () => {
    expect(t('de', 'content.date', { date })).toBe('24.11.2026');
    expect(t('de', 'content.dateTime', { date })).toBe('24.11.2026, 14:30');
    expect(t('de', 'compare:print.made', { date, user: 'Erika Muster', organisation: 'Bezirksamt' })).toBe(
      'Stand: 24. November 2026 · Erstellt mit twinning-kb von Erika Muster (Bezirksamt)',
    );
    expect(t('de', 'exchange:import.exportedBy', { date, organisation: 'Amstelveen' })).toBe(
      'Exportiert von Amstelveen am 24. November 2026 um 14:30.',
    );
  });

  it('are written the Dutch way in Dutch', () => {
    expect(t('nl', 'content.date', { date })).toBe('24-11-2026');
    expect(t('nl', 'content.dateTime', { date })).toBe('24 nov 2026, 14:30');
    expect(t('nl', 'compare:print.made', { date, user: 'Jan de Vries', organisation: 'Gemeente' })).toBe(
      'Stand van zaken: 24 november 2026 · Gemaakt met twinning-kb door Jan de Vries (Gemeente)',
    );
    expect(t('nl', 'exchange:import.exportedBy', { date, organisation: 'Tempelhof-Schöneberg' })).toBe(
      'Geëxporteerd door Tempelhof-Schöneberg op 24 november 2026 om 14:30.',
    );
  });
});
