import { describe, expect, it } from 'vitest';
import type { KbError } from '../../../core/base/errors';
import { openKnowledgeBase } from '../../../core/knowledge-base';
import { contract } from '../../../shared/contract';
import { type GlossaryTermInput } from '../../../shared/requests';
import { TS, writableKnowledgeBase } from '../../helpers/knowledge-base';
import { exportBytes } from '../../helpers/bundles';
import { useTempDirs } from '../../helpers/temp-dir';
import { abandon } from '../../helpers/abandon';

const tempDir = useTempDirs();
const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (e: KbError) => e.code,
  );
const input: GlossaryTermInput = {
  term: { de: 'Grünpflegeplan', nl: 'groenbeheerplan' },
  definition: { de: 'Plan für die Pflege der Grünflächen.', nl: 'Plan voor het beheer van het groen.' },
  note: { de: '', nl: '' },
  topicIds: ['topic-green-spaces'],
};

describe('the glossary', () => {
  it('lists the starter terms sorted by German term', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const terms = kb.glossary.list();
    expect(terms.length).toBe(kb.store.all('glossary').length);
    const german = terms.map((t) => t.term.de);
    expect(german).toEqual([...german].sort((a, b) => a.localeCompare(b, 'de')));
  });

  it('adds a term with its author, without a note when none was given, and keeps it after reopening', async () => {
    const dir = await tempDir();
    const kb = await writableKnowledgeBase(dir);
    const term = await kb.glossary.save(undefined, input);
    expect(term).toMatchObject({ term: input.term, definition: input.definition, topicIds: ['topic-green-spaces'] });
    expect(term.note).toBeUndefined();
    expect(term.createdBy).toEqual({ name: 'Erika Muster', organisationId: TS });
    await abandon(dir);
    const reopened = await openKnowledgeBase(dir, { systemLocales: [] });
    expect(reopened.glossary.list().find((t) => t.id === term.id)?.term.nl).toBe('groenbeheerplan');
  });

  it('edits a starter term, which then is no longer starter content', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const starter = kb.store.get('glossary', 'term-bezirksamt')!;
    const note = { de: 'Anders als eine Gemeinde.', nl: 'Anders dan een gemeente.' };
    const edited = await kb.glossary.save(
      starter.id,
      { term: starter.term, definition: starter.definition, note, topicIds: starter.topicIds },
      starter.updatedAt,
    );
    expect(edited.note).toEqual(note);
    expect(edited.starter).toBeUndefined();
    expect(edited.version[kb.store.installationId]).toBe(1);
  });

  it('refuses a stale edit, a term that already exists, an unknown topic, and a term without its Dutch side', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const term = await kb.glossary.save(undefined, input);
    await kb.glossary.save(term.id, { ...input, definition: { ...input.definition, de: 'Neu.' } }, term.updatedAt);
    expect(await code(kb.glossary.save(term.id, input, term.updatedAt))).toBe('editConflict');
    expect(await code(kb.glossary.save(undefined, { ...input, term: { de: 'kreisverkehr', nl: 'iets anders' } }))).toBe(
      'glossaryTermExists',
    );
    expect(
      await code(
        kb.glossary.save(undefined, { ...input, term: { de: 'Neu', nl: 'nieuw' }, topicIds: ['topic-nowhere'] }),
      ),
    ).toBe('invalidReference');
    const request = contract.saveGlossaryTerm.request;
    expect(request.safeParse({ term: { ...input, term: { de: 'Neu', nl: '  ' } } }).success).toBe(false);
    expect(request.safeParse({ term: input }).success).toBe(true);
  });

  it('deletes a term for good, and a partner bundle holding the same version does not bring it back', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const partner = await writableKnowledgeBase(await tempDir(), {
      name: 'Jan de Vries',
      organisationId: 'org-amstelveen',
    });
    const id = kb.glossary.list().find((t) => t.term.de === 'Kreisverkehr')!.id;
    await kb.glossary.delete(id);
    expect(kb.glossary.list().some((t) => t.id === id)).toBe(false);

    const preview = kb.exchange.preview(exportBytes(partner), 'partner.twinning-kb.json');
    await kb.exchange.confirm(preview.previewId);
    expect(kb.glossary.list().some((t) => t.id === id)).toBe(false);
    expect(await code(kb.glossary.delete('term-nowhere'))).toBe('notFound');
  });

  it('keeps every saved version of a term and restores one as a new save', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const term = await kb.glossary.save(undefined, input);
    await kb.glossary.save(term.id, { ...input, definition: { ...input.definition, de: 'Neue Definition.' } });
    const revisions = kb.glossary.revisions(term.id);
    expect(revisions.map((r) => r.record.definition.de)).toEqual(['Plan für die Pflege der Grünflächen.']);
    const restored = await kb.glossary.restoreRevision(term.id, revisions[0]!.id);
    expect(restored.definition.de).toBe('Plan für die Pflege der Grünflächen.');
    expect(restored.updatedBy?.name).toBe('Erika Muster');
    expect(kb.glossary.revisions(term.id).map((r) => r.record.definition.de)).toEqual([
      'Neue Definition.',
      'Plan für die Pflege der Grünflächen.',
    ]);
    await kb.glossary.delete(term.id);
    expect(kb.store.all('revisions').filter((r) => r.recordId === term.id)).toEqual([]);
  });
});
