import { readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/attachments';
import { openKnowledgeBase, type KnowledgeBase } from '../../../core/knowledge-base';
import { docx, exe, html, jpeg, pdf, png, svgWithScript } from '../../helpers/attachment-fixtures';
import { germanPractice, writableKnowledgeBase } from '../../helpers/knowledge-base';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const open: KnowledgeBase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((kb) => kb.close()));
});

async function withPractice() {
  const dir = await tempDir();
  const kb = await writableKnowledgeBase(dir);
  open.push(kb);
  const { practice } = await kb.practices.save(undefined, germanPractice(kb));
  return { dir, kb, owner: { kind: 'practices' as const, id: practice.id } };
}

const blobFiles = async (dir: string) => (await readdir(path.join(dir, 'attachments'))).sort();
const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string }) => error.code,
  );

describe('attachments', () => {
  it('attaches a photo with a bilingual caption, stored under the hash of its bytes', async () => {
    const { dir, kb, owner } = await withPractice();
    const bytes = png();
    const list = await kb.attachments.add(
      owner,
      { bytes, name: 'turbo-rotonde.png' },
      { de: 'Turbo-Kreisel', nl: 'Turborotonde' },
    );
    expect(list).toHaveLength(1);
    const [attachment] = list;
    expect(attachment).toMatchObject({
      name: 'turbo-rotonde.png',
      type: 'image/png',
      size: bytes.length,
      caption: { de: 'Turbo-Kreisel', nl: 'Turborotonde' },
      health: 'ok',
    });
    expect(await readFile(path.join(dir, 'attachments', attachment!.sha256))).toEqual(bytes);
    expect(kb.practices.get(owner.id).practice.attachments?.[0]?.sha256).toBe(attachment!.sha256);
  });

  it('attaches a file chosen in a dialog, read from its path', async () => {
    const { dir, kb, owner } = await withPractice();
    const file = path.join(dir, 'Klimastresstest.pdf');
    await writeFile(file, pdf());
    const [attachment] = await kb.attachments.add(owner, { file });
    expect(attachment).toMatchObject({ name: 'Klimastresstest.pdf', type: 'application/pdf' });
  });

  it('stores the same bytes once, attached twice to one record or to two', async () => {
    const { dir, kb, owner } = await withPractice();
    const bytes = png(5, 5);
    await kb.attachments.add(owner, { bytes, name: 'a.png' });
    const again = await kb.attachments.add(owner, { bytes, name: 'copy of a.png' });
    expect(again.map((a) => a.name)).toEqual(['a.png']);
    const other = await kb.practices.save(undefined, germanPractice(kb));
    await kb.attachments.add({ kind: 'practices', id: other.practice.id }, { bytes, name: 'b.png' });
    expect(await blobFiles(dir)).toHaveLength(1);
  });

  it('captions, renames and reorders attachments, each a new version of the practice with a revision', async () => {
    const { kb, owner } = await withPractice();
    await kb.attachments.add(owner, { bytes: png(1, 1), name: 'one.png' });
    await kb.attachments.add(owner, { bytes: png(2, 2), name: 'two.png' });
    const list = await kb.attachments.add(owner, { bytes: pdf(), name: 'three.pdf' });
    const [one, two, three] = list.map((a) => a.sha256) as [string, string, string];
    await kb.attachments.update(owner, two, { name: 'Kreisel.png', caption: { de: ' Luftbild ', nl: 'Luchtfoto' } });
    const reordered = await kb.attachments.reorder(owner, [three, two, one]);
    expect(reordered.map((a) => [a.name, a.caption])).toEqual([
      ['three.pdf', {}],
      ['Kreisel.png', { de: 'Luftbild', nl: 'Luchtfoto' }],
      ['one.png', {}],
    ]);
    expect(kb.practices.revisions(owner.id).length).toBeGreaterThanOrEqual(5);
    expect(await code(kb.attachments.reorder(owner, [three, two]))).toBe('invalidRequest');
  });

  it('removes an attachment into the trash and restores it, the bytes kept throughout', async () => {
    const { dir, kb, owner } = await withPractice();
    const [attachment] = await kb.attachments.add(owner, { bytes: png(), name: 'foto.png' });
    const removed = await kb.attachments.remove(owner, attachment!.sha256);
    expect(removed[0]!.deletedAt).toBeDefined();
    expect(await blobFiles(dir)).toEqual([attachment!.sha256]);
    const restored = await kb.attachments.restore(owner, attachment!.sha256);
    expect(restored[0]!.deletedAt).toBeUndefined();
    expect(restored[0]!.name).toBe('foto.png');
  });

  it('brings a removed attachment back when the same bytes are attached again', async () => {
    const { kb, owner } = await withPractice();
    const [attachment] = await kb.attachments.add(owner, { bytes: png(), name: 'foto.png' });
    await kb.attachments.remove(owner, attachment!.sha256);
    const again = await kb.attachments.add(owner, { bytes: png(), name: 'foto.png' });
    expect(again).toHaveLength(1);
    expect(again[0]!.deletedAt).toBeUndefined();
  });

  it('keeps attachments when the practice text is edited', async () => {
    const { kb, owner } = await withPractice();
    await kb.attachments.add(owner, { bytes: png(), name: 'foto.png' });
    const saved = await kb.practices.save(owner.id, germanPractice(kb, { tags: ['changed'] }));
    expect(saved.practice.attachments).toHaveLength(1);
  });

  it('attaches to visits and to annotations written here, not to those written elsewhere', async () => {
    const { kb, owner } = await withPractice();
    const { visit } = await kb.visits.save(undefined, {
      hostOrganisationId: 'org-amstelveen',
      guestOrganisationId: 'org-tempelhof-schoeneberg',
      status: 'held',
      participants: [],
      topicIds: [],
      notes: {},
      sources: [],
    });
    expect(await kb.attachments.add({ kind: 'visits', id: visit.id }, { bytes: jpeg(), name: 'x.jpg' })).toHaveLength(
      1,
    );
    const annotation = await kb.annotations.save(undefined, {
      practiceId: owner.id,
      kind: 'lesson',
      text: 'Gelernt',
      language: 'de',
    });
    const list = await kb.attachments.add({ kind: 'annotations', id: annotation.id }, { file: await writeDocx() });
    expect(list[0]!.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it('reports an attachment whose bytes are damaged or missing, and never serves them as an image', async () => {
    const { dir, kb, owner } = await withPractice();
    const [first] = await kb.attachments.add(owner, { bytes: png(3, 3), name: 'damaged.png' });
    const [, second] = await kb.attachments.add(owner, { bytes: png(6, 6), name: 'missing.png' });
    const damagedFile = path.join(dir, 'attachments', first!.sha256);
    const bytes = await readFile(damagedFile);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    await writeFile(damagedFile, bytes);
    await rm(path.join(dir, 'attachments', second!.sha256));

    expect((await kb.attachments.list(owner)).map((a) => a.health)).toEqual(['damaged', 'missing']);
    expect(await kb.attachments.image(first!.sha256)).toBeNull();
    expect((await kb.attachments.problems()).map((p) => [p.attachment.name, p.health])).toEqual([
      ['damaged.png', 'damaged'],
      ['missing.png', 'missing'],
    ]);
    expect(await code(kb.attachments.copyForViewer(owner, first!.sha256, dir))).toBe('attachmentDamaged');
    expect(await code(kb.attachments.copyForViewer(owner, second!.sha256, dir))).toBe('attachmentMissing');

    // Attaching the same file again repairs it.
    await kb.attachments.add(owner, { bytes: png(3, 3), name: 'damaged.png' });
    expect((await kb.attachments.list(owner))[0]!.health).toBe('ok');
  });

  it('serves only attached images through the image lookup', async () => {
    const { kb, owner } = await withPractice();
    const [image] = await kb.attachments.add(owner, { bytes: png(), name: 'foto.png' });
    const [, document] = await kb.attachments.add(owner, { bytes: pdf(), name: 'doc.pdf' });
    expect((await kb.attachments.image(image!.sha256))?.type).toBe('image/png');
    expect(await kb.attachments.image(document!.sha256)).toBeNull();
    expect(await kb.attachments.image('0'.repeat(64))).toBeNull();
  });

  it('copies a document for the system viewer with the extension of its content, not its name', async () => {
    const { dir, kb, owner } = await withPractice();
    const [attachment] = await kb.attachments.add(owner, { bytes: pdf(), name: 'Bericht.docx' });
    const copy = await kb.attachments.copyForViewer(owner, attachment!.sha256, dir);
    expect(path.basename(copy)).toBe('Bericht.pdf');
    expect(await readFile(copy)).toEqual(pdf());
  });

  it('survives closing and opening the store: metadata in the records, bytes in the folder', async () => {
    const { dir, kb, owner } = await withPractice();
    await kb.attachments.add(owner, { bytes: png(), name: 'foto.png' }, { de: 'Foto' });
    await kb.close();
    open.splice(open.indexOf(kb), 1);
    const reopened = await openKnowledgeBase(dir, { systemLocales: ['de-DE'] });
    open.push(reopened);
    expect((await reopened.attachments.list(owner)).map((a) => [a.name, a.caption, a.health])).toEqual([
      ['foto.png', { de: 'Foto' }, 'ok'],
    ]);
  });
});

describe('attachments staged for a practice not saved yet', () => {
  it('stores dropped bytes at once, shows them in the preview, and attaches them once the practice is saved', async () => {
    const { dir, kb } = await withPractice();
    const bytes = png(12, 9);
    const staged = await kb.attachments.stage({ bytes, name: 'neu/kreisel.png' });
    expect(staged).toMatchObject({ name: 'kreisel.png', type: 'image/png', size: bytes.length });
    expect(await readFile(path.join(dir, 'attachments', staged.sha256))).toEqual(bytes);
    expect((await kb.attachments.image(staged.sha256))?.type).toBe('image/png'); // the editor's preview shows it
    const referencing = (sha256: string) =>
      kb.store.all('practices').filter((p) => p.attachments?.some((a) => a.sha256 === sha256));
    expect(referencing(staged.sha256)).toEqual([]); // no record names it before the save

    const { practice } = await kb.practices.save(
      undefined,
      germanPractice(kb, {
        texts: { de: { title: 'Neu', summary: '', body: `![kreisel.png](attachment:${staged.sha256})` } },
      }),
    );
    const list = await kb.attachments.attachStored({ kind: 'practices', id: practice.id }, [staged]);
    expect(list.map((a) => [a.name, a.type, a.health])).toEqual([['kreisel.png', 'image/png', 'ok']]);
    expect(referencing(staged.sha256).map((p) => p.id)).toEqual([practice.id]);
  });

  it('refuses to stage what it would refuse to attach, by content and by size', async () => {
    const { kb } = await withPractice();
    expect(await code(kb.attachments.stage({ bytes: exe(), name: 'bild.png' }))).toBe('attachmentTypeRefused');
    expect(await code(kb.attachments.stage({ bytes: svgWithScript(), name: 'bild.png' }))).toBe(
      'attachmentTypeRefused',
    );
    const huge = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1);
    expect(await code(kb.attachments.stage({ bytes: huge, name: 'riesig.png' }))).toBe('attachmentTooLarge');
  });
});

describe('removed attachments in the trash', () => {
  it('lists removed attachments of practices, visits and annotations with whose they are, newest removal first', async () => {
    const { kb, owner } = await withPractice();
    const { visit } = await kb.visits.save(undefined, {
      hostOrganisationId: 'org-amstelveen',
      guestOrganisationId: 'org-tempelhof-schoeneberg',
      status: 'held',
      participants: [],
      topicIds: [],
      notes: {},
      sources: [],
    });
    const annotation = await kb.annotations.save(undefined, {
      practiceId: owner.id,
      kind: 'question',
      text: 'Wie breit ist die Spur?',
      language: 'de',
    });
    const [photo] = await kb.attachments.add(owner, { bytes: png(), name: 'kreisel.png' }, { de: 'Kreisel' });
    await kb.attachments.add(owner, { bytes: pdf(), name: 'bleibt.pdf' });
    const [minutes] = await kb.attachments.add({ kind: 'visits', id: visit.id }, { bytes: jpeg(), name: 'tafel.jpg' });
    const [sketch] = await kb.attachments.add(
      { kind: 'annotations', id: annotation.id },
      { bytes: png(8, 8), name: 'skizze.png' },
    );
    await kb.attachments.remove(owner, photo!.sha256);
    await kb.attachments.remove({ kind: 'visits', id: visit.id }, minutes!.sha256);
    await kb.attachments.remove({ kind: 'annotations', id: annotation.id }, sketch!.sha256);

    const removed = kb.attachments.removed();
    expect(removed.map((r) => [r.owner.kind, r.attachment.name])).toEqual([
      ['annotations', 'skizze.png'],
      ['visits', 'tafel.jpg'],
      ['practices', 'kreisel.png'],
    ]);
    expect(removed[0]!.practiceTitles).toEqual({ de: 'Sichere Kreisverkehre' });
    expect(removed[1]!.visit?.id).toBe(visit.id);
    expect(kb.overview().trashCount).toBe(3); // counted in the trash like deleted practices
    expect(removed[2]).toMatchObject({
      owner,
      practiceTitles: { de: 'Sichere Kreisverkehre' },
      attachment: { caption: { de: 'Kreisel' }, deletedAt: expect.any(String) },
    });

    // Restored from the trash: in use again, no longer listed.
    await kb.attachments.restore(owner, photo!.sha256);
    expect(kb.attachments.removed().map((r) => r.attachment.name)).toEqual(['skizze.png', 'tafel.jpg']);
    expect(kb.overview().trashCount).toBe(2);
  });

  it('leaves out removed attachments of a practice that is itself in the trash', async () => {
    const { kb, owner } = await withPractice();
    const [photo] = await kb.attachments.add(owner, { bytes: png(), name: 'kreisel.png' });
    await kb.attachments.remove(owner, photo!.sha256);
    await kb.practices.trash(owner.id);
    expect(kb.attachments.removed()).toEqual([]);
  });

  it('purges a removed attachment: the record no longer names it, its other attachments stay', async () => {
    const { kb, owner } = await withPractice();
    const [photo] = await kb.attachments.add(owner, { bytes: png(), name: 'kreisel.png' });
    await kb.attachments.add(owner, { bytes: pdf(), name: 'bleibt.pdf' });
    await kb.attachments.remove(owner, photo!.sha256);
    const list = await kb.attachments.purge(owner, photo!.sha256);
    expect(list.map((a) => a.name)).toEqual(['bleibt.pdf']);
    expect(kb.practices.get(owner.id).practice.attachments?.map((a) => a.name)).toEqual(['bleibt.pdf']);
    expect(kb.attachments.removed()).toEqual([]);
    expect(await code(kb.attachments.restore(owner, photo!.sha256))).toBe('notFound');
  });

  it('refuses to purge an attachment still in use, changing nothing', async () => {
    const { kb, owner } = await withPractice();
    const [photo] = await kb.attachments.add(owner, { bytes: png(), name: 'kreisel.png' });
    const before = kb.practices.get(owner.id).practice;
    expect(await code(kb.attachments.purge(owner, photo!.sha256))).toBe('invalidRequest');
    expect(kb.practices.get(owner.id).practice).toBe(before);
  });
});

describe('attachments refused by their content', () => {
  it.each([
    ['a program renamed to .pdf', exe(), 'Klimastresstest.pdf'],
    ['an SVG with a script', svgWithScript(), 'diagramm.svg'],
    ['an SVG with a script named .png', svgWithScript(), 'foto.png'],
    ['a web page named .docx', html(), 'Protokoll.docx'],
    ['an empty file', Buffer.alloc(0), 'leer.png'],
  ])('refuses %s, storing nothing and leaving the record as it was', async (_what, bytes, name) => {
    const { dir, kb, owner } = await withPractice();
    const before = kb.practices.get(owner.id).practice;
    const error = await kb.attachments.add(owner, { bytes, name }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'attachmentTypeRefused', params: { name } });
    expect(kb.practices.get(owner.id).practice).toEqual(before);
    expect(await readdir(path.join(dir, 'attachments'))).toEqual([]);
  });

  it('refuses a file over the size limit before reading it, naming its size and the limit', async () => {
    const { dir, kb, owner } = await withPractice();
    const file = path.join(dir, 'huge.pdf');
    await writeFile(file, pdf());
    await truncate(file, MAX_ATTACHMENT_BYTES + 1);
    const error = await kb.attachments.add(owner, { file }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'attachmentTooLarge', params: { name: 'huge.pdf', limitMB: 50 } });
    expect((await stat(file)).size).toBe(MAX_ATTACHMENT_BYTES + 1);
  });

  it('refuses dropped bytes over the size limit', async () => {
    const { kb, owner } = await withPractice();
    const bytes = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1);
    png().copy(bytes);
    expect(await code(kb.attachments.add(owner, { bytes, name: 'big.png' }))).toBe('attachmentTooLarge');
  });

  it('refuses a record over its total limit, keeping what it had', async () => {
    const { dir, kb, owner } = await withPractice();
    for (let i = 0; i < 4; i++) {
      const file = path.join(dir, `part-${i}.pdf`);
      await writeFile(file, pdf(`Teil ${i}`));
      await truncate(file, MAX_ATTACHMENT_BYTES); // sparse: quick to write
      await kb.attachments.add(owner, { file });
    }
    const last = path.join(dir, 'part-5.pdf');
    await writeFile(last, pdf('Teil 5'));
    expect(await code(kb.attachments.add(owner, { file: last }))).toBe('attachmentsTooLarge');
    expect(await kb.attachments.list(owner)).toHaveLength(4);
  });

  it('refuses attachments on a practice in the trash', async () => {
    const { kb, owner } = await withPractice();
    await kb.practices.trash(owner.id);
    expect(await code(kb.attachments.add(owner, { bytes: png(), name: 'x.png' }))).toBe('notFound');
  });
});

async function writeDocx(): Promise<string> {
  const dir = await tempDir();
  const file = path.join(dir, 'Protokoll.docx');
  await writeFile(file, await docx());
  return file;
}

describe('attachments at start', () => {
  it('tells the user at start how many attachments have no bytes or bytes of the wrong size', async () => {
    const { dir, kb, owner } = await withPractice();
    const [first] = await kb.attachments.add(owner, { bytes: png(3, 3), name: 'a.png' });
    const [, second] = await kb.attachments.add(owner, { bytes: png(4, 4), name: 'b.png' });
    await kb.attachments.add(owner, { bytes: png(5, 5), name: 'c.png' });
    await kb.close();
    open.splice(open.indexOf(kb), 1);
    await rm(path.join(dir, 'attachments', first!.sha256));
    await writeFile(path.join(dir, 'attachments', second!.sha256), 'cut');
    const reopened = await openKnowledgeBase(dir, { systemLocales: ['de-DE'] });
    open.push(reopened);
    expect(reopened.overview().notices).toEqual([{ kind: 'attachmentsUnavailable', count: 2 }]);
  });
});
