import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KbError } from '../../../core/base/errors';
import type { KnowledgeBase } from '../../../core/knowledge-base';
import { AV, germanPractice, TS, writableKnowledgeBase } from '../../helpers/knowledge-base';
import { memoryKnowledgeBase } from '../../helpers/memory-store';
import { useTempDirs } from '../../helpers/temp-dir';
import { exportText } from '../../helpers/bundles';
import { KnowledgeBase as KnowledgeBaseClass } from '../../../core/knowledge-base';
import { loadStarterContent } from '../../../core/store/starter-content';
import { openStore } from '../../../core/store/store';
import { abandon } from '../../helpers/abandon';
import { FaultyFileSystem } from '../storage/helpers';

const tempDir = useTempDirs();
const code = (run: () => unknown) =>
  Promise.resolve()
    .then(run)
    .then(
      () => 'resolved',
      (e: KbError) => e.code,
    );
const bytes = (text: string) => new TextEncoder().encode(text);

/** Exports from `from` and imports into `to`; returns the preview. */
async function send(from: KnowledgeBase, to: KnowledgeBase, selection = {}) {
  const preview = to.exchange.preview(bytes(exportText(from, selection)), 'bundle.twinning-kb.json');
  await to.exchange.confirm(preview.previewId);
  return preview;
}

function pair() {
  const clock = { now: Date.parse('2026-12-01T09:00:00Z') };
  return {
    ts: memoryKnowledgeBase({ name: 'Erika Muster', organisationId: TS }, clock),
    av: memoryKnowledgeBase({ name: 'Jan de Vries', organisationId: AV }, clock),
  };
}

describe('exchanging bundles', () => {
  it('brings the partner a new practice with its annotation, and records where they came from', async () => {
    const { ts, av } = pair();
    const { practice } = await ts.practices.save(undefined, germanPractice(ts));
    const note = await ts.annotations.save(undefined, {
      practiceId: practice.id,
      kind: 'lesson',
      text: 'Gut gelaufen.',
      language: 'de',
    });

    const preview = await send(ts, av);
    expect(preview.counts.practices).toMatchObject({ added: 1, updated: 0, conflicts: 0 });
    expect(preview.counts.annotations).toMatchObject({ added: 1 });
    expect(preview.organisationName?.nl).toBe('Tempelhof-Schöneberg (Berlijn)');

    const detail = av.practices.get(practice.id);
    expect(detail.practice.texts.de?.title).toBe('Sichere Kreisverkehre');
    expect(detail.origin).toMatchObject({
      fileName: 'bundle.twinning-kb.json',
      exportedBy: { organisationId: TS, installationId: ts.store.installationId },
    });
    const imported = av.annotations.list({ practiceId: practice.id, offset: 0, limit: 10 }).items;
    expect(imported.map((a) => a.id)).toEqual([note.id]);
    expect(imported[0]).toMatchObject({ mine: false, organisationId: TS });
    expect(imported[0]!.importedAt).toBeDefined();
  });

  it('refuses an import on a full disk as storeWriteFailed, changing nothing', async () => {
    const { ts } = pair();
    await ts.practices.save(undefined, germanPractice(ts));
    const dir = await tempDir();
    const fs = new FaultyFileSystem();
    const av = new KnowledgeBaseClass(await openStore(dir, loadStarterContent, { fs }));
    await av.settings.setUser({ name: 'Jan de Vries', organisationId: AV });
    const preview = av.exchange.preview(bytes(exportText(ts)), 'bundle.twinning-kb.json');
    const practicesBefore = av.store.all('practices');

    fs.spaceLeft = 0; // the backup taken before the import finds the disk full
    expect(await code(() => av.exchange.confirm(preview.previewId))).toBe('storeWriteFailed');
    expect(av.store.all('practices')).toBe(practicesBefore);
    expect(av.exchange.imports()).toEqual([]);
    await abandon(dir);
  });

  it('changes nothing when the same bundle is imported a second time', async () => {
    const { ts, av } = pair();
    await ts.practices.save(undefined, germanPractice(ts));
    const text = exportText(ts);
    await av.exchange.confirm(av.exchange.preview(bytes(text), 'a').previewId);
    const before = structuredClone((av.store as unknown as { data: unknown }).data);
    const again = av.exchange.preview(bytes(text), 'a');
    expect(again.changeCount).toBe(0);
    await av.exchange.confirm(again.previewId);
    expect((av.store as unknown as { data: unknown }).data).toEqual(before);
    expect(av.exchange.imports()).toHaveLength(1);
  });

  it('keeps both versions of a practice edited on both sides, and both sides agree which one is shown', async () => {
    const { ts, av } = pair();
    const { practice } = await ts.practices.save(undefined, germanPractice(ts));
    await send(ts, av);
    await ts.practices.save(practice.id, germanPractice(ts, { tags: ['berlin'] }));
    await av.practices.save(practice.id, germanPractice(av, { tags: ['amstelveen'] }));

    const preview = await send(av, ts);
    expect(preview.counts.practices.conflicts).toBe(1);
    await send(ts, av);
    const shown = ts.practices.get(practice.id).practice.tags;
    expect(av.practices.get(practice.id).practice.tags).toEqual(shown);
    for (const kb of [ts, av]) {
      const [conflict] = kb.conflicts.list();
      expect(conflict).toMatchObject({ collection: 'practices', recordId: practice.id });
      expect([conflict!.current, ...conflict!.others].map((v) => (v.record as { tags: string[] }).tags).sort()).toEqual(
        [['amstelveen'], ['berlin']],
      );
      expect(kb.overview().conflictCount).toBe(1);
      expect(kb.practices.get(practice.id).conflictCount).toBe(1);
    }
  });

  it('previews each record once, by name, with what the import would do to it', async () => {
    const { ts, av } = pair();
    const { practice: both } = await ts.practices.save(undefined, germanPractice(ts));
    const { practice: same } = await ts.practices.save(
      undefined,
      germanPractice(ts, { texts: { de: { title: 'Unverändert', summary: 'Kurz.', body: 'Text.' } } }),
    );
    await send(ts, av);
    await ts.practices.save(both.id, germanPractice(ts, { tags: ['berlin'] }));
    await av.practices.save(both.id, germanPractice(av, { tags: ['amstelveen'] }));
    const { practice: added } = await av.practices.save(
      undefined,
      germanPractice(av, { texts: { de: { title: 'Neu aus Amstelveen', summary: 'Kurz.', body: 'Text.' } } }),
    );

    const preview = ts.exchange.preview(bytes(exportText(av)), 'bundle.twinning-kb.json');
    // The practice in conflict is a conflict, not also an update: every practice of the bundle is counted once.
    const sent = av.store.all('practices').length;
    expect(preview.counts.practices).toEqual({ added: 1, updated: 0, unchanged: sent - 2, deleted: 0, conflicts: 1 });
    const practices = preview.items.filter((item) => item.collection === 'practices');
    expect(practices.map(({ id, outcome }) => ({ id, outcome }))).toEqual(
      expect.arrayContaining([
        { id: both.id, outcome: 'conflicts' },
        { id: added.id, outcome: 'added' },
      ]),
    );
    expect(practices.map((item) => item.id)).not.toContain(same.id);
    // For a conflict, the version the bundle brings, which would be kept beside the one shown here.
    expect(practices.find((item) => item.id === both.id)!.record).toMatchObject({ tags: ['amstelveen'] });
  });

  it('resolves a conflict by keeping one version, and the resolution travels without bringing the conflict back', async () => {
    const { ts, av } = pair();
    const { practice } = await ts.practices.save(undefined, germanPractice(ts));
    await send(ts, av);
    await ts.practices.save(practice.id, germanPractice(ts, { tags: ['berlin'] }));
    await av.practices.save(practice.id, germanPractice(av, { tags: ['amstelveen'] }));
    const oldFromAv = exportText(av);
    await send(av, ts);

    const conflict = ts.conflicts.list()[0]!;
    const berlin = [conflict.current, ...conflict.others].find(
      (v) => (v.record as { tags: string[] }).tags[0] === 'berlin',
    )!;
    await ts.conflicts.keep('practices', practice.id, berlin.hash);
    expect(ts.conflicts.list()).toEqual([]);
    expect(ts.practices.get(practice.id).practice.tags).toEqual(['berlin']);
    expect(ts.practices.revisions(practice.id).length).toBeGreaterThan(0);

    // The partner's old bundle arrives again: its version is included in the resolution.
    expect(ts.exchange.preview(bytes(oldFromAv), 'old').changeCount).toBe(0);
    await send(ts, av);
    expect(av.conflicts.list()).toEqual([]);
    expect(av.practices.get(practice.id).practice.tags).toEqual(['berlin']);
  });

  it('resolves a conflict with a merged text saved from the editor', async () => {
    const { ts, av } = pair();
    const { practice } = await ts.practices.save(undefined, germanPractice(ts));
    await send(ts, av);
    await ts.practices.save(practice.id, germanPractice(ts, { tags: ['berlin'] }));
    await av.practices.save(practice.id, germanPractice(av, { tags: ['amstelveen'] }));
    await send(av, ts);
    await ts.practices.save(practice.id, germanPractice(ts, { tags: ['berlin', 'amstelveen'] }), undefined, true);
    expect(ts.conflicts.list()).toEqual([]);
    await send(ts, av);
    expect(av.conflicts.list()).toEqual([]);
    expect(av.practices.get(practice.id).practice.tags).toEqual(['berlin', 'amstelveen']);
  });

  it('lets a deletion travel, and never lets it hide an edit made without knowing of it', async () => {
    const { ts, av } = pair();
    const { practice } = await ts.practices.save(undefined, germanPractice(ts));
    const other = (await ts.practices.save(undefined, germanPractice(ts, { tags: ['other'] }))).practice;
    await send(ts, av);

    await ts.practices.trash(other.id);
    const deleted = await send(ts, av);
    expect(deleted.counts.practices.deleted).toBe(1);
    expect(av.practices.listTrash().map((p) => p.id)).toEqual([other.id]);

    await ts.practices.trash(practice.id);
    await av.practices.save(practice.id, germanPractice(av, { tags: ['edited'] }));
    await send(ts, av);
    expect(av.practices.get(practice.id).practice.tags).toEqual(['edited']);
    await send(av, ts);
    expect(ts.practices.get(practice.id).practice.tags).toEqual(['edited']);
    expect(ts.conflicts.list()[0]!.others[0]!.record).toHaveProperty('deletedAt');
  });

  it('does not bring back a practice deleted for good from an older bundle', async () => {
    const { ts, av } = pair();
    const { practice } = await ts.practices.save(undefined, germanPractice(ts));
    await ts.annotations.save(undefined, { practiceId: practice.id, kind: 'comment', text: 'x', language: 'de' });
    await send(ts, av);
    await ts.practices.trash(practice.id);
    await ts.practices.purge(practice.id);
    const preview = await send(av, ts);
    expect(preview.counts.practices.added).toBe(0);
    expect(preview.counts.annotations.added).toBe(0);
    expect(ts.store.get('practices', practice.id)).toBeUndefined();
  });

  it('exports a selection with everything its records point at', async () => {
    const { ts, av } = pair();
    const [roundabouts, agile] = ['topic-roundabouts', 'topic-agile'];
    const a = (await ts.practices.save(undefined, germanPractice(ts, { topicIds: [roundabouts!] }))).practice;
    const b = (await ts.practices.save(undefined, germanPractice(ts, { topicIds: [agile!] }))).practice;
    const since = new Date(Date.parse(ts.practices.get(b.id).practice.updatedAt) + 1).toISOString();
    await ts.annotations.save(undefined, { practiceId: a.id, kind: 'lesson', text: 'neu', language: 'de' });

    const byTopic = JSON.parse(exportText(ts, { topicIds: [agile!] }));
    expect(byTopic.content.practices.map((p: { id: string }) => p.id)).toContain(b.id);
    expect(byTopic.content.practices.map((p: { id: string }) => p.id)).not.toContain(a.id);
    expect(byTopic.content.topics).toHaveLength(7);

    const recent = JSON.parse(exportText(ts, { changedSince: since }));
    expect(recent.content.annotations).toHaveLength(1);
    expect(recent.content.practices.map((p: { id: string }) => p.id)).toEqual([a.id]);
    expect(recent.selection).toEqual({ changedSince: since });
    await send(ts, av, { changedSince: since });
    expect(av.practices.get(a.id).practice.id).toBe(a.id);
  });

  it('undoes the last import, and refuses when an imported record was changed since', async () => {
    const { ts, av } = pair();
    const { practice } = await ts.practices.save(undefined, germanPractice(ts));
    await send(ts, av);
    const undone = await av.exchange.undoLast();
    expect(undone.undoneAt).toBeDefined();
    expect(av.store.get('practices', practice.id)).toBeUndefined();
    expect(av.store.get('origins', `practices:${practice.id}`)).toBeUndefined();
    expect(await code(() => av.exchange.undoLast())).toBe('nothingToUndo');

    await send(ts, av);
    await av.practices.save(practice.id, germanPractice(av, { tags: ['mine'] }));
    expect(await code(() => av.exchange.undoLast())).toBe('undoBlocked');
    expect(av.practices.get(practice.id).practice.tags).toEqual(['mine']);
  });

  it('refuses to apply a preview made before the knowledge base changed what it shows', async () => {
    const { ts, av } = pair();
    const { practice } = await ts.practices.save(undefined, germanPractice(ts));
    await send(ts, av);
    await ts.practices.save(practice.id, germanPractice(ts, { tags: ['neu'] }));
    const preview = av.exchange.preview(bytes(exportText(ts)), 'b');
    expect(preview.counts.practices.updated).toBe(1);
    await av.practices.save(practice.id, germanPractice(av, { tags: ['concurrent'] }));
    expect(await code(() => av.exchange.confirm(preview.previewId))).toBe('importPreviewExpired');
    expect(av.practices.get(practice.id).practice.tags).toEqual(['concurrent']);
  });

  it('takes a backup of the store on disk before an import is applied', async () => {
    const ts = await writableKnowledgeBase(await tempDir());
    const dir = await tempDir();
    const av = await writableKnowledgeBase(dir, { name: 'Jan de Vries', organisationId: AV });
    await ts.practices.save(undefined, germanPractice(ts));
    const summary = await send(ts, av).then(() => av.exchange.imports()[0]!);
    expect(summary.backup).toBeDefined();
    const backup = JSON.parse(await readFile(summary.backup!, 'utf8'));
    expect(JSON.stringify(backup)).not.toContain('Sichere Kreisverkehre');
    expect((await readdir(path.dirname(summary.backup!))).length).toBeGreaterThan(0);
  });

  it('requires the user to say who they are before exporting', async () => {
    const clock = { now: 0 };
    const kb = memoryKnowledgeBase({ name: 'x', organisationId: TS }, clock);
    await kb.store.apply([{ op: 'settings', settings: { user: null } }]);
    expect(await code(() => kb.exchange.exportBundle())).toBe('identityRequired');
  });
});
