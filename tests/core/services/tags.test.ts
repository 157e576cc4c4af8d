import { describe, expect, it } from 'vitest';
import type { KbError } from '../../../core/base/errors';
import { openKnowledgeBase, type KnowledgeBase } from '../../../core/knowledge-base';
import { tagLabelId } from '../../../core/services/tags';
import { TagCatalog } from '../../../core/store/tag-catalog';
import { loadStarterContent } from '../../../core/store/starter-content';
import type { Practice, TagLabel } from '../../../shared/model';
import { bundleText, changed, encode, exportText, smallBundle, withChecksum } from '../../helpers/bundles';
import { AV, germanPractice, writableKnowledgeBase } from '../../helpers/knowledge-base';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (e: KbError) => e.code,
  );

/** A knowledge base with three practices of its own besides the starter content. */
async function withPractices(kb: KnowledgeBase): Promise<[Practice, Practice, Practice]> {
  const a = await kb.practices.save(undefined, germanPractice(kb, { tags: ['kreisel', 'radverkehr'] }));
  const b = await kb.practices.save(undefined, germanPractice(kb, { tags: ['rotonde', 'kreisel'] }));
  const c = await kb.practices.save(undefined, germanPractice(kb, { tags: ['kreisel'] }));
  return [a.practice, b.practice, c.practice];
}

const importInto = async (to: KnowledgeBase, text: string) =>
  to.exchange.confirm(to.exchange.preview(encode(text), 'bundle.twinning-kb.json').previewId);

describe('tags', () => {
  it('gives every starter tag a German and a Dutch label and reads merged starter tags as one', () => {
    const starter = loadStarterContent();
    const catalog = new TagCatalog(starter.tagLabels);
    for (const practice of starter.practices)
      for (const tag of practice.tags) expect(catalog.labels.get(tag)?.label, tag).toBeDefined();
    for (const label of starter.tagLabels) expect(label.id).toBe(tagLabelId(label.tag));
    const summary = catalog.summarize(starter.practices);
    const safety = summary.find((t) => t.tag === 'verkeersveiligheid')!;
    expect(safety).toMatchObject({ label: { de: 'Verkehrssicherheit' }, aliases: ['verkehrssicherheit'], count: 3 });
    expect(summary.find((t) => t.tag === 'verkehrssicherheit')).toBeUndefined();
    const german = summary.map((t) => t.label!.de.toLocaleLowerCase('de'));
    expect(new Set(german).size).toBe(german.length);
  });

  it('renames a tag by its labels, without touching the practices, and refuses a label another tag has', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const [a] = await withPractices(kb);
    const renamed = await kb.tags.rename({ tag: 'kreisel', label: { de: 'Kreisel', nl: 'rotondes' } });
    expect(renamed).toMatchObject({ tag: 'kreisel', label: { de: 'Kreisel', nl: 'rotondes' }, count: 3 });
    expect(kb.practices.get(a.id).practice.updatedAt).toBe(a.updatedAt);
    const record = kb.store.get('tagLabels', tagLabelId('kreisel'))!;
    expect(Object.values(record.version)).toEqual([1]);
    // 'rotonde' is a starter tag whose German label is 'Kreisverkehr'.
    expect(await code(kb.tags.rename({ tag: 'kreisel', label: { de: 'Kreisverkehr', nl: 'x' } }))).toBe('tagExists');
    expect(await code(kb.tags.rename({ tag: 'kreisel', label: { de: 'x', nl: ' Rotonde ' } }))).toBe('tagExists');
    expect(await code(kb.tags.rename({ tag: 'nirgends', label: { de: 'x', nl: 'y' } }))).toBe('notFound');
    expect(kb.tags.list().find((t) => t.tag === 'kreisel')!.label).toEqual({ de: 'Kreisel', nl: 'rotondes' });
  });

  it('merges a tag into another on every practice, keeping each replaced version, and counts later arrivals there', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const [a, b, c] = await withPractices(kb);
    const before = kb.tags.list().find((t) => t.tag === 'rotonde')!.count;
    const change = await kb.tags.merge('kreisel', 'rotonde');
    expect(change.practices.map((p) => p.id).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(kb.practices.get(a.id).practice.tags).toEqual(['rotonde', 'radverkehr']);
    expect(kb.practices.get(b.id).practice.tags).toEqual(['rotonde']);
    expect(kb.practices.revisions(b.id)[0]!.record.tags).toEqual(['rotonde', 'kreisel']);
    expect(kb.tags.list().find((t) => t.tag === 'kreisel')).toBeUndefined();
    expect(kb.tags.list().find((t) => t.tag === 'rotonde')!.count).toBe(before + 2);
    // A practice that still carries the merged tag (a partner's, say) counts under the tag it went into.
    const late = await kb.practices.save(undefined, germanPractice(kb, { tags: ['kreisel'] }));
    expect(kb.tags.list().find((t) => t.tag === 'rotonde')!.aliases).toContain('kreisel');
    expect(kb.practices.list({ tag: 'rotonde', offset: 0, limit: 100 }).items.map((p) => p.id)).toContain(
      late.practice.id,
    );
    expect(await code(kb.tags.merge('rotonde', 'rotonde'))).toBe('invalidRequest');
    expect(await code(kb.tags.merge('nirgends', 'rotonde'))).toBe('notFound');
  });

  it('takes a merge back on the practices not edited since, and says how many it left alone', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const [a, b] = await withPractices(kb);
    const change = await kb.tags.merge('kreisel', 'rotonde');
    await kb.practices.save(b.id, germanPractice(kb, { tags: ['rotonde', 'neu'] }));
    expect(await kb.tags.undo(change)).toEqual({ restored: 2, skipped: 1 });
    expect(kb.practices.get(a.id).practice.tags).toEqual(['kreisel', 'radverkehr']);
    expect(kb.practices.get(b.id).practice.tags).toEqual(['rotonde', 'neu']);
    expect(kb.store.get('tagLabels', tagLabelId('kreisel'))!.sameAs).toBeUndefined();
    expect(kb.tags.list().find((t) => t.tag === 'kreisel')!.count).toBe(2);
  });

  it('deletes a tag from every practice, with revisions, and undoes the deletion', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const [a, b, c] = await withPractices(kb);
    const change = await kb.tags.delete('kreisel');
    expect(change.practices).toHaveLength(3);
    expect(kb.practices.get(c.id).practice.tags).toEqual([]);
    expect(kb.practices.get(a.id).practice.tags).toEqual(['radverkehr']);
    expect(kb.practices.revisions(a.id)).toHaveLength(1);
    expect(kb.tags.list().find((t) => t.tag === 'kreisel')).toBeUndefined();
    expect(await code(kb.tags.delete('kreisel'))).toBe('notFound');
    expect(await kb.tags.undo(change)).toEqual({ restored: 3, skipped: 0 });
    expect(kb.practices.get(b.id).practice.tags).toEqual(['rotonde', 'kreisel']);
  });

  it('asks who writes before changing a tag', async () => {
    const kb = await openKnowledgeBase(await tempDir(), { systemLocales: ['de-DE'] });
    expect(await code(kb.tags.delete('rotonde'))).toBe('identityRequired');
    expect(kb.tags.list().find((t) => t.tag === 'rotonde')!.count).toBe(2);
  });

  it('sends labels in bundles and merges labels given on two installations like any record', async () => {
    const ts = await writableKnowledgeBase(await tempDir());
    const av = await writableKnowledgeBase(await tempDir(), { name: 'Jan de Vries', organisationId: AV });
    await withPractices(ts);
    await importInto(av, exportText(ts));
    // Both label the same tag, neither knowing of the other.
    await ts.tags.rename({ tag: 'kreisel', label: { de: 'Kreisel', nl: 'rotondes' } });
    await av.tags.rename({ tag: 'kreisel', label: { de: 'Kreisel', nl: 'kleine rotondes' } });
    await importInto(av, exportText(ts));
    await importInto(ts, exportText(av));
    const id = tagLabelId('kreisel');
    expect(ts.store.get('tagLabels', id)).toEqual(av.store.get('tagLabels', id));
    expect(ts.conflicts.list().filter((c) => c.collection === 'tagLabels')).toHaveLength(1);
    // A merge travels with the practices it rewrote.
    await ts.tags.merge('kreisel', 'rotonde');
    await importInto(av, exportText(ts));
    expect(av.tags.list().find((t) => t.tag === 'kreisel')).toBeUndefined();
    expect(av.store.get('tagLabels', id)!.sameAs).toBe('rotonde');
  });

  it('imports a bundle made before tags had labels, which changes no label', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const bundle = smallBundle();
    expect(bundle.content.tagLabels).toBeUndefined();
    const labels = kb.store.all('tagLabels').length;
    const summary = await importInto(kb, bundleText(bundle));
    expect(summary.counts.practices!.added).toBe(4);
    expect(kb.store.all('tagLabels')).toHaveLength(labels);
  });

  it('refuses a bundle whose tag label has no label in one language, naming the record', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const label: TagLabel = {
      id: 'tag-x',
      version: { '0b6f2a52-1c3e-4b7a-9d3f-5e2c8a1b4c6d': 1 },
      tag: 'kreisel',
      label: { de: 'Kreisel', nl: '' },
      createdAt: '2026-12-01T10:00:00.000Z',
      updatedAt: '2026-12-01T10:00:00.000Z',
    };
    const bundle = withChecksum(changed(smallBundle(), (b) => (b.content.tagLabels = [label])));
    expect(() => kb.exchange.preview(encode(bundleText(bundle)), 'b.twinning-kb.json')).toThrow(
      expect.objectContaining({ code: 'bundleInvalidRecord' }),
    );
  });
});
