import { describe, expect, it } from 'vitest';
import { composePractice, practiceFields } from '../../renderer/src/exchange/practiceFields';
import { practiceRecord } from '../helpers/bundles';

const names = {
  organisation: (id: string) => `org:${id}`,
  topic: (id: string) => `topic:${id}`,
  scope: (scope: { level: string } | undefined) => scope?.level ?? '',
  tag: (key: string) => ({ gruendach: 'Gründach' })[key] ?? key,
};

const berlin = practiceRecord(1, {
  tags: ['Gründach', 'Förderung'],
  texts: {
    de: { title: 'Gründächer – Berliner Fassung', summary: 'Kurz.', body: 'Förderung bis 60 000 Euro.' },
  },
  contact: 'Umweltamt',
});
const amstelveen = practiceRecord(1, {
  tags: ['Gründach', 'Förderung'],
  texts: {
    de: { title: 'Gründächer', summary: 'Kurz.', body: 'Förderung bis 75 000 Euro.' },
    nl: { title: 'Groene daken', summary: 'Kort.', body: 'Subsidie.' },
  },
});

describe('a practice in conflict, field by field', () => {
  it('lists the fields the versions disagree on, and names those they agree on', () => {
    const { differing, same } = practiceFields([berlin, amstelveen], names);
    expect(differing.map((field) => field.key)).toEqual([
      'title.de',
      'body.de',
      'title.nl',
      'summary.nl',
      'body.nl',
      'contact',
    ]);
    expect(differing[0]).toEqual({
      key: 'title.de',
      text: { part: 'title', lang: 'de' },
      values: ['Gründächer – Berliner Fassung', 'Gründächer'],
    });
    expect(differing.find((field) => field.key === 'title.nl')!.values).toEqual(['', 'Groene daken']);
    expect(same.map((field) => field.key)).toEqual(['summary.de', 'organisation', 'topics', 'tags']);
    expect(same.find((field) => field.key === 'topics')!.values[0]).toBe('topic:topic-traffic');
  });

  it('compares tags as the reader sees them: by their labels', () => {
    const labelled = { ...amstelveen, tags: ['gruendach', 'Förderung'] };
    const tags = (versions: (typeof berlin)[]) =>
      [...practiceFields(versions, names).differing, ...practiceFields(versions, names).same].find(
        (field) => field.key === 'tags',
      )!;
    expect(tags([berlin, labelled]).values).toEqual(['Gründach, Förderung', 'Gründach, Förderung']);
    expect(practiceFields([berlin, labelled], names).same.map((field) => field.key)).toContain('tags');
  });

  it('starts from the first version where nothing is chosen', () => {
    expect(composePractice([berlin, amstelveen], {})).toEqual(berlin);
  });

  it('takes each chosen field from its version, texts part by part', () => {
    const merged = composePractice([berlin, amstelveen], { 'body.de': 1, 'title.nl': 1, 'body.nl': 1, contact: 1 });
    expect(merged.texts).toEqual({
      de: { title: 'Gründächer – Berliner Fassung', summary: 'Kurz.', body: 'Förderung bis 75 000 Euro.' },
      nl: { title: 'Groene daken', summary: '', body: 'Subsidie.' },
    });
    expect(merged).not.toHaveProperty('contact');
    expect(merged.id).toBe(berlin.id);
  });

  it('leaves out a language whose every part comes from a version without it', () => {
    const merged = composePractice([amstelveen, berlin], { 'title.nl': 1, 'summary.nl': 1, 'body.nl': 1 });
    expect(Object.keys(merged.texts)).toEqual(['de']);
  });
});
