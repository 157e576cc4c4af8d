import { describe, expect, it } from 'vitest';
import { placeName } from '../../renderer/src/lib/visitLabel';

describe('the place a visit names for an administration', () => {
  it('drops the word for the office, so a label needs no articles', () => {
    expect(placeName('Gemeinde Amstelveen')).toBe('Amstelveen');
    expect(placeName('Bezirksamt Tempelhof-Schöneberg')).toBe('Tempelhof-Schöneberg');
    expect(placeName('Gemeente Amstelveen')).toBe('Amstelveen');
  });

  it('drops a city in brackets, so a label in brackets never nests them', () => {
    expect(placeName('Tempelhof-Schöneberg (Berlijn)')).toBe('Tempelhof-Schöneberg');
  });

  it('keeps any other name as it is', () => {
    expect(placeName('Miasto Stołeczne Warszawa')).toBe('Miasto Stołeczne Warszawa');
  });
});
