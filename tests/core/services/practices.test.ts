import { describe, expect, it } from 'vitest';
import { KbError } from '../../../core/base/errors';
import { openKnowledgeBase } from '../../../core/knowledge-base';
import { AV, germanPractice, TS, writableKnowledgeBase } from '../../helpers/knowledge-base';
import { useTempDirs } from '../../helpers/temp-dir';
import { abandon } from '../../helpers/abandon';
import { bundleText, encode, smallBundle } from '../../helpers/bundles';

const tempDir = useTempDirs();
const page = { offset: 0, limit: 500 };
const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (e: KbError) => e.code,
  );

describe('editing practices', () => {
  it('refuses to write before the user has said who they are', async () => {
    const kb = await openKnowledgeBase(await tempDir(), { systemLocales: ['de'] });
    const topicId = kb.store.all('topics')[0]!.id;
    expect(
      await code(
        kb.practices.save(undefined, {
          organisationId: TS,
          topicIds: [topicId],
          tags: [],
          originalLanguage: 'de',
          texts: { de: { title: 't', summary: '', body: '' } },
          sources: [],
        }),
      ),
    ).toBe('identityRequired');
  });

  it('creates a practice written in German first, stamped with its author, and persists it', async () => {
    const dir = await tempDir();
    const kb = await writableKnowledgeBase(dir);
    const { practice, translation } = await kb.practices.save(undefined, germanPractice(kb));
    expect(practice.createdBy).toEqual({ name: 'Erika Muster', organisationId: TS });
    expect(translation).toEqual({ de: 'current', nl: 'missing' });

    await abandon(dir);
    const reopened = await openKnowledgeBase(dir, { systemLocales: [] });
    expect(reopened.practices.get(practice.id).practice.texts.de?.title).toBe('Sichere Kreisverkehre');
  });

  it('shows a partner translation without a basis as current, and as outdated once the original changes here', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const bundle = smallBundle({ practices: 1, annotations: 0 });
    expect(bundle.content.practices[0]!.texts.nl!.basedOn).toBeUndefined();
    await kb.exchange.confirm(kb.exchange.preview(encode(bundleText(bundle)), 'partner.twinning-kb.json').previewId);
    const imported = kb.practices.get('practice-01');
    expect(imported.translation).toEqual({ de: 'current', nl: 'current' });

    const { practice } = imported;
    const input = {
      organisationId: practice.organisationId,
      topicIds: practice.topicIds,
      tags: practice.tags,
      originalLanguage: practice.originalLanguage,
      texts: {
        de: { ...practice.texts.de!, body: 'Geändert.' },
        nl: { title: practice.texts.nl!.title, summary: practice.texts.nl!.summary, body: practice.texts.nl!.body },
      },
      sources: practice.sources,
    };
    const edited = await kb.practices.save(practice.id, input);
    expect(edited.translation).toEqual({ de: 'current', nl: 'outdated' });
  });

  it('marks the Dutch translation current, then outdated when the German changes, then current once checked', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const input = germanPractice(kb);
    const created = await kb.practices.save(undefined, input);

    const nl = { title: 'Veilige rotondes', summary: 'In het kort.', body: '## Doel\n\nMeer veiligheid.' };
    const translated = await kb.practices.save(created.practice.id, { ...input, texts: { ...input.texts, nl } });
    expect(translated.translation).toEqual({ de: 'current', nl: 'current' });

    const editedGerman = {
      ...input,
      texts: { de: { ...input.texts.de!, body: '## Ziel\n\nNoch mehr Sicherheit.' }, nl },
    };
    const edited = await kb.practices.save(created.practice.id, editedGerman);
    expect(edited.translation).toEqual({ de: 'current', nl: 'outdated' });
    expect(kb.practices.list({ ...page, needsTranslationInto: 'nl' }).items.map((p) => p.id)).toContain(
      created.practice.id,
    );

    const checked = await kb.practices.markTranslationChecked(created.practice.id, 'nl');
    expect(checked.translation.nl).toBe('current');
    expect(checked.practice.texts.nl).toMatchObject(nl);
    expect(kb.practices.list({ ...page, needsTranslationInto: 'nl' }).items.map((p) => p.id)).not.toContain(
      created.practice.id,
    );
  });

  it('treats a practice written in Dutch first the same way', async () => {
    const kb = await writableKnowledgeBase(await tempDir(), { name: 'Jan de Vries', organisationId: AV });
    const nl = { title: 'Groene daken', summary: 'Kort.', body: 'Tekst.' };
    const input = germanPractice(kb, { organisationId: AV, originalLanguage: 'nl', texts: { nl } });
    const created = await kb.practices.save(undefined, input);
    expect(created.translation).toEqual({ de: 'missing', nl: 'current' });
    const de = { title: 'Gründächer', summary: 'Kurz.', body: 'Text.' };
    const translated = await kb.practices.save(created.practice.id, { ...input, texts: { nl, de } });
    expect(translated.translation).toEqual({ de: 'current', nl: 'current' });
    const edited = await kb.practices.save(created.practice.id, {
      ...input,
      texts: { nl: { ...nl, title: 'Groene daken en gevels' }, de },
    });
    expect(edited.translation.de).toBe('outdated');
  });

  it('refuses a practice whose original language has no text, or that points at no organisation', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    expect(await code(kb.practices.save(undefined, germanPractice(kb, { originalLanguage: 'nl' })))).toBe(
      'invalidRequest',
    );
    expect(await code(kb.practices.save(undefined, germanPractice(kb, { organisationId: 'org-nowhere' })))).toBe(
      'invalidReference',
    );
    expect(await code(kb.practices.save(undefined, germanPractice(kb, { topicIds: ['topic-nothing'] })))).toBe(
      'invalidReference',
    );
  });

  it('refuses to overwrite a version newer than the one the editor started from', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const created = await kb.practices.save(undefined, germanPractice(kb));
    await kb.practices.save(created.practice.id, germanPractice(kb, { tags: ['newer'] }), created.practice.updatedAt);
    expect(
      await code(
        kb.practices.save(created.practice.id, germanPractice(kb, { tags: ['stale'] }), created.practice.updatedAt),
      ),
    ).toBe('editConflict');
    expect(kb.practices.get(created.practice.id).practice.tags).toEqual(['newer']);
  });
});

describe('revision history', () => {
  it('keeps every replaced version with its author and time, newest first', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const v1 = await kb.practices.save(undefined, germanPractice(kb));
    const v2 = await kb.practices.save(v1.practice.id, germanPractice(kb, { tags: ['zwei'] }));
    await kb.practices.save(v1.practice.id, germanPractice(kb, { tags: ['drei'] }));

    const revisions = kb.practices.revisions(v1.practice.id);
    expect(revisions.map((r) => r.record.tags)).toEqual([['zwei'], ['test']]);
    expect(revisions[0]!.record).toEqual(v2.practice);
    expect(revisions[0]!.record.updatedBy).toEqual({ name: 'Erika Muster', organisationId: TS });
  });

  it('restores an older version as a new revision, which can itself be undone', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const v1 = await kb.practices.save(undefined, germanPractice(kb));
    const id = v1.practice.id;
    await kb.practices.save(id, germanPractice(kb, { tags: ['zwei'] }));

    const oldest = kb.practices.revisions(id).at(-1)!;
    const restored = await kb.practices.restoreRevision(id, oldest.id);
    expect(restored.practice.tags).toEqual(['test']);
    expect(restored.practice.createdAt).toBe(v1.practice.createdAt);
    expect(kb.practices.revisions(id).map((r) => r.record.tags)).toEqual([['zwei'], ['test']]);

    const undo = kb.practices.revisions(id)[0]!;
    expect((await kb.practices.restoreRevision(id, undo.id)).practice.tags).toEqual(['zwei']);
  });

  it('refuses a revision of another practice', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const a = await kb.practices.save(undefined, germanPractice(kb));
    await kb.practices.save(a.practice.id, germanPractice(kb, { tags: ['x'] }));
    const b = await kb.practices.save(undefined, germanPractice(kb));
    const revisionOfA = kb.practices.revisions(a.practice.id)[0]!;
    expect(await code(kb.practices.restoreRevision(b.practice.id, revisionOfA.id))).toBe('notFound');
  });
});

describe('the trash', () => {
  it('hides a deleted practice and its annotations, and brings both back on restore', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const { practice } = await kb.practices.save(undefined, germanPractice(kb));
    await kb.annotations.save(undefined, { practiceId: practice.id, kind: 'lesson', text: 'Gelernt.', language: 'de' });
    const before = kb.overview().practiceCount;

    await kb.practices.trash(practice.id);
    expect(kb.overview().practiceCount).toBe(before - 1);
    expect(kb.overview().trashCount).toBe(1);
    expect(kb.practices.listTrash().map((p) => p.id)).toEqual([practice.id]);
    expect(await code(Promise.resolve().then(() => kb.practices.get(practice.id)))).toBe('notFound');
    expect(kb.annotations.list({ ...page }).items.map((a) => a.practiceId)).not.toContain(practice.id);

    await kb.practices.restore(practice.id);
    expect(kb.practices.get(practice.id).practice.deletedAt).toBeUndefined();
    expect(kb.annotations.list({ ...page, practiceId: practice.id }).total).toBe(1);
  });

  it('deletes for good only what is in the trash, with its revisions and annotations', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const { practice } = await kb.practices.save(undefined, germanPractice(kb));
    await kb.practices.save(practice.id, germanPractice(kb, { tags: ['zwei'] }));
    await kb.annotations.save(undefined, { practiceId: practice.id, kind: 'comment', text: 'x', language: 'de' });
    expect(await code(kb.practices.purge(practice.id))).toBe('invalidRequest');

    await kb.practices.trash(practice.id);
    await kb.practices.purge(practice.id);
    expect(kb.store.get('practices', practice.id)).toBeUndefined();
    expect(kb.store.all('revisions').filter((r) => r.recordId === practice.id)).toEqual([]);
    expect(kb.store.all('annotations').filter((a) => a.practiceId === practice.id)).toEqual([]);
  });
});

describe('the order of the practice list', () => {
  it('sorts practices by title and organisation in the reader’s language', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const titles = ['Zebrastreifen', 'Ärztehaus', 'Abwasser', 'ijsbaan', 'Ulme'];
    for (const title of titles)
      await kb.practices.save(
        undefined,
        germanPractice(kb, { tags: ['sortiert'], texts: { de: { title, summary: '', body: '' } } }),
      );
    const list = (sort: 'title' | 'changed', lang: 'de' | 'nl') =>
      kb.practices
        .list({ tag: 'sortiert', sort, lang, offset: 0, limit: 100 })
        .items.map((p) => p.titles.de ?? p.titles.nl);
    expect(list('title', 'de')).toEqual(['Abwasser', 'Ärztehaus', 'ijsbaan', 'Ulme', 'Zebrastreifen']);
    expect(list('changed', 'de')).toEqual([...titles].reverse());
    const byOrg = kb.practices.list({ sort: 'organisation', lang: 'nl', offset: 0, limit: 500 }).items;
    const orgs = byOrg.map((p) => p.organisationId);
    expect(orgs.indexOf(TS)).toBeGreaterThan(orgs.lastIndexOf(AV));
  });

  it('sorts German titles with umlauts among their letters and Dutch “ij” as i-j, not by code point', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    for (const title of ['Zuid', 'IJsbaan', 'Inrit', 'Öffnung', 'Ost'])
      await kb.practices.save(
        undefined,
        germanPractice(kb, { tags: ['abc'], originalLanguage: 'nl', texts: { nl: { title, summary: '', body: '' } } }),
      );
    const titles = (lang: 'de' | 'nl') =>
      kb.practices.list({ tag: 'abc', sort: 'title', lang, ...page }).items.map((p) => p.titles.nl);
    expect(titles('de')).toEqual(['IJsbaan', 'Inrit', 'Öffnung', 'Ost', 'Zuid']);
    expect(titles('nl')).toEqual(['IJsbaan', 'Inrit', 'Öffnung', 'Ost', 'Zuid']);
    // Plain code-point order would put "Öffnung" last: the collator is what sorts it.
    expect(['Zuid', 'Öffnung'].sort()).toEqual(['Zuid', 'Öffnung']);
  });
});
