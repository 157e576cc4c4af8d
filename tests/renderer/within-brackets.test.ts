import { describe, expect, it } from 'vitest';
import starter from '../../data/starter.json';
import deExchange from '../../locales/de/exchange.json';
import nlExchange from '../../locales/nl/exchange.json';
import { withinBrackets } from '../../renderer/src/lib/withinBrackets';

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');

describe('a name put in brackets after a person', () => {
  it('turns its own bracketed part into a comma, so brackets never nest', () => {
    expect(withinBrackets('Tempelhof-Schöneberg (Berlijn)')).toBe('Tempelhof-Schöneberg, Berlijn');
    expect(withinBrackets('Gemeente Amstelveen')).toBe('Gemeente Amstelveen');
    expect(withinBrackets('Bezirksamt Tempelhof-Schöneberg')).toBe('Bezirksamt Tempelhof-Schöneberg');
    expect(withinBrackets('A (b) (c)')).toBe('A, b, c');
    expect(withinBrackets('Unbalanced (name')).toBe('Unbalanced name');
    expect(withinBrackets('Empty ()')).toBe('Empty');
  });

  it('reads "Erika Muster (Tempelhof-Schöneberg, Berlijn)" in Dutch and "(Bezirksamt Tempelhof-Schöneberg)" in German', () => {
    const ts = starter.organisations.find((o) => o.id === 'org-tempelhof-schoeneberg')!;
    const nl = fill(nlExchange.conflicts.changedBy, { name: 'Erika Muster', organisation: withinBrackets(ts.name.nl) });
    expect(nl).toBe('Gewijzigd door Erika Muster (Tempelhof-Schöneberg, Berlijn)');
    const de = fill(deExchange.conflicts.changedBy, { name: 'Erika Muster', organisation: withinBrackets(ts.name.de) });
    expect(de).toBe('Geändert von Erika Muster (Bezirksamt Tempelhof-Schöneberg)');
    for (const organisation of starter.organisations)
      for (const name of Object.values(organisation.name)) expect(withinBrackets(name)).not.toMatch(/[()]/);
  });
});
