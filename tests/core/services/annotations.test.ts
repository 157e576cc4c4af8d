import { describe, expect, it } from 'vitest';
import type { KbError } from '../../../core/base/errors';
import { openKnowledgeBase } from '../../../core/knowledge-base';
import { AV, germanPractice, TS, writableKnowledgeBase } from '../../helpers/knowledge-base';
import { useTempDirs } from '../../helpers/temp-dir';
import { abandon } from '../../helpers/abandon';

const tempDir = useTempDirs();
const page = { offset: 0, limit: 500 };
const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (e: KbError) => e.code,
  );

describe('annotations', () => {
  it('records a lesson learned stamped with its author, organisation and installation', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const { practice } = await kb.practices.save(undefined, germanPractice(kb));
    const visit = kb.visits.list()[0]!;
    const saved = await kb.annotations.save(undefined, {
      practiceId: practice.id,
      kind: 'lesson',
      text: 'Radfahrende zuerst.',
      language: 'de',
      visitId: visit.id,
    });
    expect(saved).toMatchObject({
      author: 'Erika Muster',
      organisationId: TS,
      installationId: kb.store.installationId,
      mine: true,
      visitId: visit.id,
    });
    expect(saved.practiceTitles.de).toBe('Sichere Kreisverkehre');
    expect(kb.practices.list(page).items.find((p) => p.id === practice.id)?.annotationCount).toBe(1);
  });

  it('lists newest first and filters by visit, topic, organisation and kind', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const [topicA, topicB] = kb.store.all('topics');
    const a = (await kb.practices.save(undefined, germanPractice(kb, { topicIds: [topicA!.id] }))).practice;
    const b = (await kb.practices.save(undefined, germanPractice(kb, { topicIds: [topicB!.id] }))).practice;
    const visit = kb.visits.list()[0]!;
    const first = await kb.annotations.save(undefined, {
      practiceId: a.id,
      kind: 'lesson',
      text: 'eins',
      language: 'de',
      visitId: visit.id,
    });
    const second = await kb.annotations.save(undefined, {
      practiceId: b.id,
      kind: 'question',
      text: 'zwei',
      language: 'nl',
    });
    await kb.settings.setUser({ name: 'Jan', organisationId: AV });
    const third = await kb.annotations.save(undefined, {
      practiceId: b.id,
      kind: 'lesson',
      text: 'drie',
      language: 'nl',
    });

    const ids = (filter: object) => kb.annotations.list({ ...page, ...filter }).items.map((x) => x.id);
    expect(ids({})).toEqual([third.id, second.id, first.id]);
    expect(ids({ visitId: visit.id })).toEqual([first.id]);
    expect(ids({ topicId: topicB!.id })).toEqual([third.id, second.id]);
    expect(ids({ organisationId: AV })).toEqual([third.id]);
    expect(ids({ kind: 'lesson' })).toEqual([third.id, first.id]);
    expect(ids({ kind: 'lesson', topicId: topicA!.id })).toEqual([first.id]);
  });

  it('lets authors edit and delete their own annotations, with undo', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const { practice } = await kb.practices.save(undefined, germanPractice(kb));
    const saved = await kb.annotations.save(undefined, {
      practiceId: practice.id,
      kind: 'comment',
      text: 'alt',
      language: 'de',
    });
    const edited = await kb.annotations.save(saved.id, {
      practiceId: practice.id,
      kind: 'question',
      text: 'neu',
      language: 'de',
    });
    expect(edited).toMatchObject({ id: saved.id, kind: 'question', text: 'neu', createdAt: saved.createdAt });

    await kb.annotations.trash(saved.id);
    expect(kb.annotations.list({ ...page, practiceId: practice.id }).total).toBe(0);
    await kb.annotations.restore(saved.id);
    expect(kb.annotations.list({ ...page, practiceId: practice.id }).items[0]?.text).toBe('neu');
  });

  it('refuses to change or delete an annotation written on another installation', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const { practice } = await kb.practices.save(undefined, germanPractice(kb));
    const foreign = {
      id: 'annotation-from-amstelveen',
      practiceId: practice.id,
      kind: 'lesson' as const,
      text: 'Van de partner.',
      language: 'nl' as const,
      author: 'Partner',
      organisationId: AV,
      installationId: '00000000-0000-4000-8000-000000000000',
      version: { '00000000-0000-4000-8000-000000000000': 1 },
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
    };
    await kb.store.apply([{ op: 'put', collection: 'annotations', record: foreign }]);
    expect(kb.annotations.list({ ...page, practiceId: practice.id }).items[0]?.mine).toBe(false);
    expect(
      await code(
        kb.annotations.save(foreign.id, {
          practiceId: practice.id,
          kind: 'lesson',
          text: 'überschrieben',
          language: 'de',
        }),
      ),
    ).toBe('notYours');
    expect(await code(kb.annotations.trash(foreign.id))).toBe('notYours');
    expect(kb.store.get('annotations', foreign.id)).toEqual(foreign);
  });

  it('refuses an annotation on a missing practice or visit', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const { practice } = await kb.practices.save(undefined, germanPractice(kb));
    expect(
      await code(
        kb.annotations.save(undefined, { practiceId: 'practice-gone', kind: 'comment', text: 'x', language: 'de' }),
      ),
    ).toBe('invalidReference');
    expect(
      await code(
        kb.annotations.save(undefined, {
          practiceId: practice.id,
          kind: 'comment',
          text: 'x',
          language: 'de',
          visitId: 'visit-gone',
        }),
      ),
    ).toBe('invalidReference');
  });

  it('is kept across a restart', async () => {
    const dir = await tempDir();
    const kb = await writableKnowledgeBase(dir);
    const { practice } = await kb.practices.save(undefined, germanPractice(kb));
    const saved = await kb.annotations.save(undefined, {
      practiceId: practice.id,
      kind: 'lesson',
      text: 'bleibt',
      language: 'de',
    });
    await abandon(dir);
    const reopened = await openKnowledgeBase(dir, { systemLocales: [] });
    expect(reopened.annotations.list({ ...page }).items.map((a) => a.id)).toContain(saved.id);
  });
});

describe('an annotation in both languages', () => {
  it('is translated, then shows as outdated when its original is edited, and current again once checked', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const { practice } = await kb.practices.save(undefined, germanPractice(kb));
    const input = {
      practiceId: practice.id,
      kind: 'lesson' as const,
      text: 'Radfahrende zuerst.',
      language: 'de' as const,
    };
    const lesson = await kb.annotations.save(undefined, input);
    expect(lesson.translationStatus).toBe('missing');

    const translated = await kb.annotations.translate(lesson.id, ' Fietsers eerst. ');
    expect(translated.translation).toMatchObject({ text: 'Fietsers eerst.', translator: 'Erika Muster' });
    expect(translated.translationStatus).toBe('current');

    const edited = await kb.annotations.save(lesson.id, { ...input, text: 'Radfahrende und Zufußgehende zuerst.' });
    expect(edited.translation?.text).toBe('Fietsers eerst.');
    expect(edited.translationStatus).toBe('outdated');

    const checked = await kb.annotations.markTranslationChecked(lesson.id);
    expect(checked.translationStatus).toBe('current');
    const removed = await kb.annotations.translate(lesson.id, '');
    expect(removed.translationStatus).toBe('missing');
  });

  it('may be translated on another installation, while only its author may edit the original', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const { practice } = await kb.practices.save(undefined, germanPractice(kb));
    const foreign = {
      id: 'annotation-from-amstelveen',
      practiceId: practice.id,
      kind: 'lesson' as const,
      text: 'Fietsers eerst.',
      language: 'nl' as const,
      author: 'Partner',
      organisationId: AV,
      installationId: '00000000-0000-4000-8000-000000000000',
      version: { '00000000-0000-4000-8000-000000000000': 1 },
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
    };
    await kb.store.apply([{ op: 'put', collection: 'annotations', record: foreign }]);
    const translated = await kb.annotations.translate(foreign.id, 'Radfahrende zuerst.');
    expect(translated).toMatchObject({ mine: false, translationStatus: 'current', text: 'Fietsers eerst.' });
    expect(translated.version).toMatchObject({ [kb.store.installationId]: 1 });
    expect(await code(kb.annotations.restoreRevision(foreign.id, kb.annotations.revisions(foreign.id)[0]!.id))).toBe(
      'notYours',
    );
  });

  it('keeps its history: every edit and translation, and restores a version', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const { practice } = await kb.practices.save(undefined, germanPractice(kb));
    const input = { practiceId: practice.id, kind: 'lesson' as const, text: 'Erste Fassung.', language: 'de' as const };
    const lesson = await kb.annotations.save(undefined, input);
    await kb.annotations.save(lesson.id, { ...input, text: 'Zweite Fassung.' });
    await kb.annotations.translate(lesson.id, 'Tweede versie.');
    const revisions = kb.annotations.revisions(lesson.id);
    expect(revisions.map((r) => r.record.text)).toEqual(['Zweite Fassung.', 'Erste Fassung.']);
    const restored = await kb.annotations.restoreRevision(lesson.id, revisions[1]!.id);
    expect(restored.text).toBe('Erste Fassung.');
    expect(restored.author).toBe('Erika Muster');
  });
});

describe('the order of the lessons', () => {
  it('sorts annotations by newest change, by their practice’s title in the reader’s language, or by organisation', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const add = async (title: string) => {
      const { practice } = await kb.practices.save(
        undefined,
        germanPractice(kb, {
          texts: { de: { title, summary: '', body: '' }, nl: { title: `NL ${title}`, summary: '', body: '' } },
        }),
      );
      return kb.annotations.save(undefined, { practiceId: practice.id, kind: 'lesson', text: title, language: 'de' });
    };
    const first = await add('Ulme');
    await add('Ärztehaus');
    await add('Abwasser');
    await kb.annotations.save(first.id, {
      practiceId: first.practiceId,
      kind: 'lesson',
      text: 'Ulme, geändert',
      language: 'de',
    });
    const texts = (sort?: 'changed' | 'title' | 'organisation', lang?: 'de' | 'nl') =>
      kb.annotations.list({ ...page, ...(sort ? { sort } : {}), ...(lang ? { lang } : {}) }).items.map((a) => a.text);
    expect(texts()).toEqual(['Abwasser', 'Ärztehaus', 'Ulme, geändert']);
    expect(texts('changed')).toEqual(['Ulme, geändert', 'Abwasser', 'Ärztehaus']);
    expect(texts('title', 'de')).toEqual(['Abwasser', 'Ärztehaus', 'Ulme, geändert']);
    expect(texts('title', 'nl')).toEqual(['Abwasser', 'Ärztehaus', 'Ulme, geändert']);
    expect(texts('organisation', 'de')).toEqual(['Ulme, geändert', 'Abwasser', 'Ärztehaus']);
  });
});
