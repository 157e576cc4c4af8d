// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { glossaryMatcher, markGlossaryTerms, renderMarkdown, termVariants } from '../../renderer/src/lib/markdown';
import type { GlossaryTerm } from '../../shared/model';

const term = (id: string, de: string, nl: string): GlossaryTerm => ({
  id,
  version: {},
  term: { de, nl },
  definition: { de: `${de} erklärt`, nl: `${nl} uitgelegd` },
  topicIds: [],
  createdAt: '2026-11-25T00:00:00.000Z',
  updatedAt: '2026-11-25T00:00:00.000Z',
});
const glossary = [
  term('t-kreis', 'Kreisverkehr', 'rotonde'),
  term('t-bvv', 'Bezirksverordnetenversammlung (BVV)', 'Bezirksverordnetenversammlung (BVV, districtsraad)'),
  term('t-scrum', 'Scrum', 'Scrum'),
  term('t-master', 'Scrum Master', 'scrum master'),
  term('t-vorfahrt', 'Vorfahrt / Vorrang', 'voorrang'),
];
const mark = (markdown: string, lang: 'de' | 'nl' = 'de') =>
  markGlossaryTerms(renderMarkdown(markdown), glossaryMatcher(glossary, lang)!, (id) => `tip-${id}`);

describe('marking glossary terms in rendered Markdown', () => {
  it('derives the forms a term is written in from its label', () => {
    expect(termVariants('Bürgermeister(in) (burgemeester)')).toEqual(['burgemeester', 'Bürgermeister']);
    expect(termVariants('Vorfahrt / Vorrang')).toEqual(['Vorfahrt', 'Vorrang']);
    expect(termVariants('Heemtuin (naturnaher Schaugarten mit heimischer Flora)')).toEqual(['Heemtuin']);
  });

  it('marks the first mention of each term, inflected forms included, as a focusable span described by its tooltip', () => {
    const { html, termIds } = mark('Zwei **Kreisverkehre** und noch ein Kreisverkehr; Vorrang hat der Radverkehr.');
    expect(termIds).toEqual(['t-kreis', 't-vorfahrt']);
    expect(html).toContain(
      '<strong><span class="glossary-term" tabindex="0" data-term="t-kreis" aria-describedby="tip-t-kreis">Kreisverkehre</span></strong>',
    );
    expect(html.match(/glossary-term/g)).toHaveLength(2);
    expect(html).toContain('noch ein Kreisverkehr;');
  });

  it('prefers the longest form and takes abbreviations only as written', () => {
    expect(mark('Der Scrum Master moderiert.').termIds).toEqual(['t-master']);
    expect(mark('Die BVV tagt.').termIds).toEqual(['t-bvv']);
    expect(mark('Die bvv tagt.').termIds).toEqual([]);
    expect(mark('De districtsraad vergadert.', 'nl').termIds).toEqual(['t-bvv']);
  });

  it('leaves links, code, headings and parts of longer words alone', () => {
    const { termIds, html } = mark(
      '## Kreisverkehr\n\n[Kreisverkehr](https://example.org) `Kreisverkehr` Kreisverkehrsplanung',
    );
    expect(termIds).toEqual([]);
    expect(html).not.toContain('glossary-term');
  });

  it('never turns text from the content into markup', () => {
    const { html } = mark(
      'Kreisverkehr &lt;img src=x onerror=alert(1)&gt; <img src=x onerror="alert(2)"> <script>alert(3)</script>',
    );
    const parsed = new DOMParser().parseFromString(html, 'text/html');
    expect(parsed.querySelectorAll('img[onerror], script')).toHaveLength(0);
    expect(parsed.body.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});
