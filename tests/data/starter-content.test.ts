// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { loadStarterContent } from '../../core/store/starter-content';
import published from '../../data/starter.json';
import releaseOne from './starter-release-1.json';
import { isStarterVersion, LANGUAGES, STARTER_RELEASES } from '../../shared/model';
import { compareVersions } from '../../core/base/versioning';
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

  it('says for every practice whose it is, naming the state or country where it is not the administration\'s own', () => {
    for (const practice of starter.practices) {
      expect(practice.scope, practice.id).toBeDefined();
      if (practice.scope!.level === 'organisation') continue;
      for (const lang of LANGUAGES) expect(practice.scope!.label?.[lang], `${practice.id} ${lang}`).toBeTruthy();
    }
    const level = (id: string) => starter.practices.find((p) => p.id === id)!.scope!.level;
    // The administrations' own, and what is Berlin's, the Netherlands' or nobody's in particular.
    expect(level('practice-de-encounter-zone')).toBe('organisation');
    expect(level('practice-nl-heemparken')).toBe('organisation');
    for (const id of ['practice-de-mobility-act', 'practice-de-green-roofs', 'practice-de-street-trees', 'practice-de-sponge-city'])
      expect(level(id), id).toBe('region');
    for (const id of ['practice-nl-roundabout-cyclist-priority', 'practice-nl-turbo-roundabout', 'practice-nl-fietsstraat', 'practice-nl-climate-stress-test', 'practice-nl-tiles-out-green-in'])
      expect(level(id), id).toBe('national');
    for (const id of ['practice-de-scrum-public-projects', 'practice-de-kanban-teams']) expect(level(id), id).toBe('general');
  });

  it('cites at least one https source with a title for every comparison cell and glossary term', () => {
    for (const record of [...starter.comparison, ...starter.glossary]) {
      expect(record.sources?.length, record.id).toBeGreaterThan(0);
      for (const source of record.sources!) {
        expect(source.url, record.id).toMatch(/^https:\/\//);
        expect(source.title.trim(), record.id).not.toBe('');
      }
    }
  });

  it('fills the size row for both administrations with population, area, reference date and the statistics office', () => {
    for (const [org, office] of [
      ['org-tempelhof-schoeneberg', 'statistik-berlin-brandenburg.de'],
      ['org-amstelveen', 'cbs.nl'],
    ] as const) {
      const cell = starter.comparison.find((c) => c.dimension === 'size' && c.organisationId === org);
      expect(cell, org).toBeDefined();
      for (const lang of LANGUAGES) {
        const text = cell!.text[lang]!;
        expect(text, `${org} ${lang}`).toMatch(/km²/);
        expect(text, `${org} ${lang}`).toMatch(/20\d\d/);
      }
      expect(cell!.sources!.some((s) => s.url.includes(office)), org).toBe(true);
    }
  });

  it('names the Dutch climate adaptation programme one way: Deltaprogramma Ruimtelijke Adaptatie', () => {
    const text = JSON.stringify(published);
    const mentions = text.match(/Delta[\p{L}-]*\s+(?:[Rr]uimtelijke|räumliche)\s+[\p{L}]+/gu) ?? [];
    expect(mentions.length).toBeGreaterThan(0);
    for (const mention of mentions) expect(['Deltaprogramma Ruimtelijke Adaptatie', 'Deltaprogramm räumliche Anpassung']).toContain(mention);
    expect(text).not.toMatch(/Deltaplan Ruimtelijke/i);
  });

  it('gives a record changed since the previous release a later version, and an unchanged one its old version', () => {
    const previous = releaseOne as unknown as Record<string, unknown[]>;
    const strip = ({ version: _v, updatedAt: _u, ...rest }: { version: object; updatedAt?: string }) => JSON.stringify(sorted(rest));
    for (const collection of ['organisations', 'topics', 'practices', 'visits', 'glossary', 'comparison'] as const) {
      for (const record of starter[collection]) {
        expect(isStarterVersion(record.version), record.id).toBe(true);
        expect(record.version[STARTER_RELEASES] ?? 1, record.id).toBeLessThanOrEqual(starter.release);
        const old = (previous[collection] as { id: string; version: Record<string, number> }[]).find((r) => r.id === record.id);
        if (!old) continue;
        if (strip(old) === strip(record)) expect(record.version, record.id).toEqual(old.version);
        else expect(compareVersions(record.version, old.version), record.id).toBe('after');
      }
    }
  });
});


function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])]));
  return value;
}
