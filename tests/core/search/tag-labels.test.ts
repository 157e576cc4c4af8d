/**
 * Tags are found by what they are called: the key a practice carries (as
 * first typed), and the label of the tag it counts under in the language
 * searched, kept current when a label changes or a tag is merged.
 */
import { describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../../core/knowledge-base';
import { SearchIndex } from '../../../core/search/index';
import type { TagLabel } from '../../../shared/model';
import { germanPractice, TS } from '../../helpers/knowledge-base';
import { memoryKnowledgeBase } from '../../helpers/memory-store';
import { corpus, sourceOf } from './corpus';

const user = { name: 'Erika Muster', organisationId: TS };
const found = (kb: KnowledgeBase, text: string, language?: 'de' | 'nl') =>
  kb.search.search({ text, ...(language ? { filters: { language } } : {}) }).results.practices.map((p) => p.id);

function label(tag: string, de: string, nl: string, sameAs?: string): TagLabel {
  return {
    id: `tag-${tag}`,
    version: {},
    tag,
    label: { de, nl },
    ...(sameAs ? { sameAs } : {}),
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
  };
}

describe('searching for a tag', () => {
  it('finds a practice by the label of its tag in either language, and by the key it carries', () => {
    const data = corpus();
    const practice = data.practices.find((p) => p.texts.de && p.texts.nl)!;
    practice.tags = ['velo'];
    data.tagLabels = [label('velo', 'Radverkehr', 'Fietsverkeer')];
    expect(Object.keys(practice.texts).sort()).toEqual(['de', 'nl']);
    const index = SearchIndex.build(sourceOf(data));
    const ids = (text: string, language: 'de' | 'nl') =>
      index.search({ text, filters: { language } }).practices.map((r) => r.id);
    expect(ids('Radverkehr', 'de')).toContain(practice.id);
    expect(ids('Fietsverkeer', 'nl')).toContain(practice.id);
    expect(ids('velo', 'de')).toContain(practice.id);
  });

  it('finds a practice carrying a tag merged into another by the label of that other tag', () => {
    const data = corpus();
    const practice = data.practices[0]!;
    practice.tags = ['fietsen'];
    data.tagLabels = [
      label('fietsen', 'Fahrräder', 'Fietsen', 'mobiliteit'),
      label('mobiliteit', 'Mobilität', 'Mobiliteit'),
    ];
    const index = SearchIndex.build(sourceOf(data));
    expect(index.search({ text: 'Mobilität' }).practices.map((r) => r.id)).toContain(practice.id);
  });

  it('finds a practice by a label given while the app runs, and no longer by the label it replaced', async () => {
    const kb = memoryKnowledgeBase(user, { now: Date.parse('2026-11-20T09:00:00Z') });
    await kb.search.ready();
    const { practice } = await kb.practices.save(undefined, germanPractice(kb, { tags: ['velo'] }));
    expect(found(kb, 'Zweiradförderung')).not.toContain(practice.id);
    await kb.tags.rename({ tag: 'velo', label: { de: 'Zweiradförderung', nl: 'Tweewielerbeleid' } });
    expect(found(kb, 'Zweiradförderung', 'de')).toContain(practice.id);
    await kb.tags.rename({ tag: 'velo', label: { de: 'Radverkehrsplanung', nl: 'Fietspadenplanning' } });
    expect(found(kb, 'Zweiradförderung')).not.toContain(practice.id);
    expect(found(kb, 'Radverkehrsplanung', 'de')).toContain(practice.id);
  });
});
