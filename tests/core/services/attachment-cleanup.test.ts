import { createHash } from 'node:crypto';
import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openKnowledgeBase, type KnowledgeBase } from '../../../core/knowledge-base';
import { CONTAINER_BUNDLE_ENTRY } from '../../../core/bundle/container';
import { jpeg, pdf, png, rawZip, type RawEntry } from '../../helpers/attachment-fixtures';
import { AV, germanPractice, TS } from '../../helpers/knowledge-base';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const open: KnowledgeBase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((kb) => kb.close()));
});
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A knowledge base whose cleanup runs only when the test asks, with no grace period unless given. */
async function knowledgeBase(dir: string, graceMs = 0, user = { name: 'Erika Muster', organisationId: TS }) {
  let tick = Date.parse('2026-11-20T09:00:00Z');
  const kb = await openKnowledgeBase(dir, {
    systemLocales: ['de-DE'],
    now: () => new Date((tick += 1000)),
    cleanup: { background: false, graceMs },
  });
  open.push(kb);
  if (!kb.store.settings.user) await kb.settings.setUser(user);
  return kb;
}

async function practiceWith(kb: KnowledgeBase, bytes: Buffer, name: string) {
  const { practice } = await kb.practices.save(undefined, germanPractice(kb));
  const owner = { kind: 'practices' as const, id: practice.id };
  await kb.attachments.add(owner, { bytes, name });
  return owner;
}

const stored = async (dir: string) => (await readdir(path.join(dir, 'attachments'))).filter((n) => !n.startsWith('.'));

describe('cleaning up attachment bytes no record names', () => {
  it('removes the bytes of a practice purged from the trash and keeps those still named', async () => {
    const dir = await tempDir();
    const kb = await knowledgeBase(dir);
    const photo = png(8, 8, [1, 2, 3]);
    const report = pdf('Bleibt');
    const purged = await practiceWith(kb, photo, 'weg.png');
    await practiceWith(kb, report, 'bleibt.pdf');
    await kb.practices.trash(purged.id);
    expect((await kb.cleanup!.sweep()).removed).toEqual([]); // in the trash it can be restored: its bytes stay
    await kb.practices.purge(purged.id);
    expect((await kb.cleanup!.sweep()).removed).toEqual([sha(photo)]);
    expect(await stored(dir)).toEqual([sha(report)]);
  });

  it('keeps bytes that only a revision, a removed attachment or a practice in the trash still names', async () => {
    const dir = await tempDir();
    const kb = await knowledgeBase(dir);
    const { practice } = await kb.practices.save(undefined, germanPractice(kb));
    const owner = { kind: 'practices' as const, id: practice.id };
    const old = png(5, 5, [9, 9, 9]);
    const removed = jpeg();
    await kb.attachments.add(owner, { bytes: old, name: 'alt.png' });
    await kb.attachments.add(owner, { bytes: removed, name: 'entfernt.jpg' });
    await kb.attachments.remove(owner, sha(removed));
    // Back to the version before any attachment: only the revisions name the photo now.
    const before = kb.practices.revisions(practice.id).at(-1)!;
    await kb.practices.restoreRevision(practice.id, before.id);
    expect(kb.practices.get(practice.id).practice.attachments ?? []).toEqual([]);
    const trashed = await practiceWith(kb, pdf('Papierkorb'), 'papierkorb.pdf');
    await kb.practices.trash(trashed.id);
    const result = await kb.cleanup!.sweep();
    expect(result.removed).toEqual([]);
    expect(await stored(dir)).toHaveLength(3);
  });

  it('removes the bytes of document drafts never saved, at the next start, and keeps them while the draft is open', async () => {
    const dir = await tempDir();
    let kb = await knowledgeBase(dir);
    const file = path.join(await tempDir(), 'Protokoll.pdf');
    await writeFile(file, pdf('Protokoll der Sitzung'));
    const [draft] = await kb.documents.drafts([file]);
    expect(draft).toMatchObject({ ok: true });
    const hash = draft!.ok ? draft!.draft.attachments[0]!.sha256 : '';
    expect((await kb.cleanup!.sweep()).removed).toEqual([]); // the draft may still be saved
    await kb.close();
    open.splice(open.indexOf(kb), 1);
    kb = await knowledgeBase(dir);
    expect((await kb.cleanup!.sweep()).removed).toEqual([hash]);
    expect(await stored(dir)).toEqual([]);
  });

  it('keeps the bytes of a draft that was saved as a practice, after the next start too', async () => {
    const dir = await tempDir();
    let kb = await knowledgeBase(dir);
    const file = path.join(await tempDir(), 'Klimastresstest.pdf');
    await writeFile(file, pdf('Klimastresstest Amstelveen'));
    const [result] = await kb.documents.drafts([file]);
    const draft = result!.ok ? result!.draft : undefined;
    expect(draft?.attachments).toHaveLength(1);
    const { practice } = await kb.practices.save(undefined, germanPractice(kb));
    await kb.attachments.attachStored({ kind: 'practices', id: practice.id }, draft!.attachments);
    await kb.close();
    open.splice(open.indexOf(kb), 1);
    kb = await knowledgeBase(dir);
    expect((await kb.cleanup!.sweep()).removed).toEqual([]);
    expect(await stored(dir)).toEqual([draft!.attachments[0]!.sha256]);
  });

  it('removes the bytes a container import stored before it failed, and the store keeps its records', async () => {
    const source = await knowledgeBase(await tempDir());
    const photo = png(12, 7, [40, 50, 60]);
    const report = pdf('Verkehrskonzept');
    const owner = await practiceWith(source, photo, 'dach.png');
    await source.attachments.add(owner, { bytes: report, name: 'konzept.pdf' });
    const bundle = Buffer.concat([...source.exchange.exportBundle({}).pieces]);
    const container = path.join(await tempDir(), 'partner.twinning-kb.zip');
    const entries = (last: Buffer): RawEntry[] => [
      { name: CONTAINER_BUNDLE_ENTRY, data: bundle },
      { name: `attachments/${sha(photo)}`, data: photo },
      { name: `attachments/${sha(report)}`, data: last },
    ];
    await writeFile(container, rawZip(entries(report)));
    const dir = await tempDir();
    const kb = await knowledgeBase(dir, 0, { name: 'Jan de Vries', organisationId: AV });
    const practices = kb.store.all('practices').length;
    const preview = await kb.containers.preview(container, 'partner.twinning-kb.zip');
    // The file changes between the preview and the import: its last attachment no longer matches its hash.
    await writeFile(container, rawZip(entries(pdf('Verkehrskonzept, verfälscht'))));
    await expect(kb.containers.confirm(preview.previewId)).rejects.toMatchObject({ code: 'attachmentDamaged' });
    expect(kb.store.all('practices')).toHaveLength(practices);
    expect(await stored(dir)).toEqual([sha(photo)]);
    expect((await kb.cleanup!.sweep()).removed).toEqual([sha(photo)]);
    expect(await stored(dir)).toEqual([]);
  });

  it('leaves bytes younger than the grace period, and bytes held by a write about to name them', async () => {
    const dir = await tempDir();
    const kb = await knowledgeBase(dir, 60_000);
    const young = png(3, 3, [7, 7, 7]);
    const held = png(3, 3, [8, 8, 8]);
    await kb.attachments.blobs.addBytes(young, 'jung.png', 1 << 20);
    kb.attachments.blobs.release([sha(young)]);
    await kb.attachments.blobs.addBytes(held, 'gehalten.png', 1 << 20); // held: not released yet
    const aged = Date.now() / 1000 - 3600;
    await utimes(kb.attachments.blobs.pathOf(sha(held)), aged, aged);
    expect(await kb.cleanup!.sweep()).toEqual({ removed: [], kept: 2 });
    await utimes(kb.attachments.blobs.pathOf(sha(young)), aged, aged);
    expect((await kb.cleanup!.sweep()).removed).toEqual([sha(young)]);
    kb.attachments.blobs.release([sha(held)]);
    expect((await kb.cleanup!.sweep()).removed).toEqual([sha(held)]);
  });

  it('keeps bytes a backup of the store still names, so a recovery finds them', async () => {
    const dir = await tempDir();
    const kb = await knowledgeBase(dir);
    const photo = png(6, 6, [100, 0, 100]);
    const owner = await practiceWith(kb, photo, 'sicherung.png');
    const backups = path.join(dir, 'backups');
    await mkdir(backups, { recursive: true });
    const backup = path.join(backups, 'twinning-kb-2026-11-20T09-00-00-000Z-test.json');
    await writeFile(backup, JSON.stringify({ practices: [kb.practices.get(owner.id).practice] }));
    await kb.practices.trash(owner.id);
    await kb.practices.purge(owner.id);
    expect(await kb.cleanup!.sweep()).toEqual({ removed: [], kept: 1 });
    await writeFile(backup, '{}');
    expect((await kb.cleanup!.sweep()).removed).toEqual([sha(photo)]);
  });

  it('keeps the bytes of a version that lost a merge and waits in conflict', async () => {
    const source = await knowledgeBase(await tempDir());
    const { practice } = await source.practices.save(undefined, germanPractice(source));
    const exportTo = async (kb: KnowledgeBase, into: KnowledgeBase) => {
      const file = path.join(await tempDir(), kb.containers.suggestedFileName());
      await kb.containers.export(file, {});
      const preview = await into.containers.preview(file, path.basename(file));
      await into.containers.confirm(preview.previewId);
    };
    const dir = await tempDir();
    const partner = await knowledgeBase(dir, 0, { name: 'Jan de Vries', organisationId: AV });
    await exportTo(source, partner);
    // Both sides change the practice: the partner attaches a photo, the source edits the title.
    const photo = png(14, 14, [0, 0, 250]);
    await partner.attachments.add({ kind: 'practices', id: practice.id }, { bytes: photo, name: 'foto.png' });
    for (let i = 0; i < 3; i++)
      await source.practices.save(
        practice.id,
        germanPractice(source, { texts: { de: { title: `Anders ${i}`, summary: 'Kurz.', body: 'Text.' } } }),
        source.practices.get(practice.id).practice.updatedAt,
      );
    await exportTo(source, partner);
    expect(partner.store.all('conflicts')).toHaveLength(1);
    expect(partner.practices.get(practice.id).practice.attachments ?? []).toEqual([]);
    expect((await partner.cleanup!.sweep()).removed).toEqual([]);
    expect(await stored(dir)).toEqual([sha(photo)]);
  });

  it('sweeps by itself after start and a little after records were deleted for good', async () => {
    const dir = await tempDir();
    const stray = png(2, 2, [1, 1, 1]);
    await mkdir(path.join(dir, 'attachments'), { recursive: true });
    await writeFile(path.join(dir, 'attachments', sha(stray)), stray); // left by a failed import of an earlier run
    let tick = Date.parse('2026-11-20T09:00:00Z');
    const kb = await openKnowledgeBase(dir, {
      systemLocales: ['de-DE'],
      now: () => new Date((tick += 1000)),
      cleanup: { graceMs: 0 },
    });
    open.push(kb);
    await expect.poll(() => stored(dir), { timeout: 5_000 }).toEqual([]);
    await kb.close();
    open.pop();

    const again = await openKnowledgeBase(dir, {
      systemLocales: ['de-DE'],
      now: () => new Date((tick += 1000)),
      cleanup: { graceMs: 0, debounceMs: 10 },
    });
    open.push(again);
    await again.settings.setUser({ name: 'Erika Muster', organisationId: TS });
    const photo = png(2, 2, [2, 2, 2]);
    const owner = await practiceWith(again, photo, 'weg.png');
    await again.practices.trash(owner.id);
    await again.practices.purge(owner.id);
    await expect.poll(() => stored(dir), { timeout: 5_000 }).toEqual([]);
  });
});
