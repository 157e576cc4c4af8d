// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { loadStarterContent } from '../../core/store/starter-content';
import published from '../../data/starter.json';
import { LANGUAGES } from '../../shared/model';
import { textHash, translationStatuses } from '../../core/store/translation';
import { renderMarkdown } from '../../renderer/src/lib/markdown';

const starter = loadStarterContent();
const ids = (records: { id: string }[]) => new Set(records.map((r) => r.id));

describe('the starter content', () => {
  it('introduces both partner administrations and the exchange topics', () => {
    expect([...ids(starter.organisations)].sort()).toEqual(['org-amstelveen', 'org-tempelhof-schoeneberg']);
    expect(starter.topics.length).toBeGreaterThanOrEqual(6);
    for (const topic of starter.topics) expect(starter.practices.some((p) => p.topicIds.includes(topic.id))).toBe(true);
  });

  it('holds at least a dozen practices, several from each administration', () => {
    expect(starter.practices.length).toBeGreaterThanOrEqual(12);
    for (const org of starter.organisations) {
      expect(starter.practices.filter((p) => p.organisationId === org.id).length).toBeGreaterThanOrEqual(5);
    }
  });

  it('gives every practice a title, summary and body in German and Dutch', () => {
    for (const practice of starter.practices) {
      for (const lang of LANGUAGES) {
        const text = practice.texts[lang];
        expect(text, `${practice.id} ${lang}`).toBeDefined();
        expect(text!.summary.length, `${practice.id} ${lang} summary`).toBeGreaterThan(40);
        expect(text!.body.length, `${practice.id} ${lang} body`).toBeGreaterThan(400);
      }
    }
  });

  it('starts every translation out current', () => {
    for (const practice of starter.practices) {
      const translated = LANGUAGES.filter((lang) => lang !== practice.originalLanguage);
      for (const lang of translated) {
        expect(practice.texts[lang]!.basedOn).toBe(textHash(practice.texts[practice.originalLanguage]!));
        expect(translationStatuses(practice)[lang]).toBe('current');
      }
    }
  });

  it('publishes in data/starter.json exactly the records the store is filled with', () => {
    expect(starter).toEqual(published);
  });

  it('cites at least one https source for every practice', () => {
    for (const practice of starter.practices) {
      expect(practice.sources.length, practice.id).toBeGreaterThan(0);
      for (const source of practice.sources) expect(source.url).toMatch(/^https:\/\//);
    }
  });

  it('writes every body in plain Markdown with section headings and no raw HTML', () => {
    for (const practice of starter.practices) {
      for (const lang of LANGUAGES) {
        const body = practice.texts[lang]!.body;
        expect(body, `${practice.id} ${lang}`).not.toMatch(/<[a-z!/]/i);
        expect(renderMarkdown(body)).toContain('<h2>');
      }
    }
  });

  it('records the visit to Amstelveen as held and the counter-visit as planned', () => {
    const visit = (id: string) => starter.visits.find((v) => v.id === id)!;
    expect(visit('visit-ts-to-amstelveen')).toMatchObject({ status: 'held', hostOrganisationId: 'org-amstelveen' });
    expect(visit('visit-amstelveen-to-ts')).toMatchObject({ status: 'planned', hostOrganisationId: 'org-tempelhof-schoeneberg' });
    for (const v of starter.visits) for (const lang of LANGUAGES) expect(v.notes[lang]).toBeTruthy();
  });

  it('has a glossary of at least forty terms, each defined in both languages', () => {
    expect(starter.glossary.length).toBeGreaterThanOrEqual(40);
    const terms = starter.glossary.map((t) => t.term.de.toLowerCase());
    expect(new Set(terms).size).toBe(terms.length);
    for (const term of starter.glossary) for (const lang of LANGUAGES) expect(term.definition[lang].length, term.id).toBeGreaterThan(20);
  });

  it('compares both administrations on the same dimensions', () => {
    const dimensions = (org: string) => new Set(starter.comparison.filter((c) => c.organisationId === org).map((c) => c.dimension));
    const ts = dimensions('org-tempelhof-schoeneberg');
    expect(ts.size).toBeGreaterThanOrEqual(4);
    expect(dimensions('org-amstelveen')).toEqual(ts);
  });

  it('refers only to organisations, topics and records that exist, with unique ids', () => {
    const orgs = ids(starter.organisations);
    const topics = ids(starter.topics);
    const all = [...starter.organisations, ...starter.topics, ...starter.practices, ...starter.visits, ...starter.glossary, ...starter.comparison];
    expect(ids(all).size).toBe(all.length);
    for (const p of starter.practices) {
      expect(orgs.has(p.organisationId)).toBe(true);
      for (const t of p.topicIds) expect(topics.has(t), `${p.id} ${t}`).toBe(true);
    }
    for (const v of starter.visits) {
      expect(orgs.has(v.hostOrganisationId) && orgs.has(v.guestOrganisationId)).toBe(true);
      for (const t of v.topicIds) expect(topics.has(t)).toBe(true);
    }
    for (const g of starter.glossary) for (const t of g.topicIds) expect(topics.has(t), `${g.id} ${t}`).toBe(true);
    for (const c of starter.comparison) expect(orgs.has(c.organisationId)).toBe(true);
  });
});
