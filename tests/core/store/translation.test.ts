import { describe, expect, it } from 'vitest';
import { textHash, translationStatuses } from '../../../core/store/translation';
import type { Practice } from '../../../shared/model';

const de = { title: 'Kreisverkehr', summary: 'Kurz', body: 'Text' };
const nl = (basedOn?: string) => ({
  title: 'Rotonde',
  summary: 'Kort',
  body: 'Tekst',
  ...(basedOn ? { basedOn } : {}),
});
const practice = (texts: Practice['texts']): Pick<Practice, 'texts' | 'originalLanguage'> => ({
  originalLanguage: 'de',
  texts,
});

describe('translation status', () => {
  it('is missing for a language without text', () => {
    expect(translationStatuses(practice({ de }))).toEqual({ de: 'current', nl: 'missing' });
  });

  it('is current for a translation made from the present original', () => {
    expect(translationStatuses(practice({ de, nl: nl(textHash(de)) }))).toEqual({ de: 'current', nl: 'current' });
  });

  it.each([
    ['title', { ...de, title: 'Kreisverkehre' }],
    ['summary', { ...de, summary: 'Kürzer' }],
    ['body', { ...de, body: 'Neuer Text' }],
  ])('becomes outdated when the original %s changes after the translation', (_field, changed) => {
    expect(translationStatuses(practice({ de: changed, nl: nl(textHash(de)) })).nl).toBe('outdated');
  });

  it('is current for a translation with no recorded basis: it agrees, as a comparison cell without one does', () => {
    expect(translationStatuses(practice({ de, nl: nl() })).nl).toBe('current');
  });

  it('does not depend on the translation basis recorded on the original itself', () => {
    expect(textHash({ ...de })).toBe(textHash({ title: de.title, summary: de.summary, body: de.body }));
  });
});
