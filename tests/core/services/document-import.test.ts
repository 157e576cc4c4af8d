import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../../core/knowledge-base';
import { exe, pdf, png, richDocx } from '../../helpers/attachment-fixtures';
import { germanPractice, writableKnowledgeBase } from '../../helpers/knowledge-base';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const opened: KnowledgeBase[] = [];
afterAll(async () => {
  await Promise.all(opened.map((kb) => kb.close()));
});

describe('new practices from documents', () => {
  it('turns a folder of minutes into drafts, reports the file it cannot read, and attaches on save', async () => {
    const dir = await tempDir();
    const kb = await writableKnowledgeBase(dir);
    opened.push(kb);
    const folder = await tempDir();
    const picture = png(16, 9);
    const files = {
      'Protokoll.docx': await richDocx(picture),
      'Notulen.md': '# Notulen\n\nDe rotonde is veilig en het aantal ongevallen is gedaald.',
      'Stresstest.pdf': pdf('Klimastresstest'),
      'Programm.pdf': exe(),
    };
    for (const [name, bytes] of Object.entries(files)) await writeFile(path.join(folder, name), bytes);
    const results = await kb.documents.drafts(Object.keys(files).map((name) => path.join(folder, name)));

    expect(results.map((r) => (r.ok ? [r.draft.fileName, r.draft.language] : [r.fileName, r.error.code]))).toEqual([
      ['Protokoll.docx', 'de'],
      ['Notulen.md', 'nl'],
      ['Stresstest.pdf', 'de'],
      ['Programm.pdf', 'attachmentTypeRefused'],
    ]);
    // Nothing is a practice yet: the drafts wait for the editor.
    expect(kb.practices.live().some((p) => p.texts.de?.title === 'Protokoll Turborotonde')).toBe(false);

    const word = results[0]!.ok ? results[0]!.draft : undefined;
    // The draft's image shows in the editor's preview before the practice is saved.
    expect((await kb.attachments.image(word!.attachments[0]!.sha256))?.type).toBe('image/png');
    const { practice } = await kb.practices.save(
      undefined,
      germanPractice(kb, { texts: { de: { title: word!.title, summary: '', body: word!.body } } }),
    );
    const owner = { kind: 'practices' as const, id: practice.id };
    const list = await kb.attachments.attachStored(owner, word!.attachments);
    expect(list.map((a) => [a.name, a.type, a.health])).toEqual([['bild-1.png', 'image/png', 'ok']]);
    expect(kb.practices.get(practice.id).practice.texts.de?.body).toContain(`attachment:${list[0]!.sha256}`);

    const pdfDraft = results[2]!.ok ? results[2]!.draft : undefined;
    const again = await kb.attachments.attachStored(owner, [...word!.attachments, ...pdfDraft!.attachments]);
    expect(again.map((a) => a.name)).toEqual(['bild-1.png', 'Stresstest.pdf']);
    expect((await readdir(path.join(dir, 'attachments'))).filter((n) => !n.startsWith('.'))).toHaveLength(2);
  });

  it('refuses to attach stored bytes that are not there', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    opened.push(kb);
    const { practice } = await kb.practices.save(undefined, germanPractice(kb));
    await expect(
      kb.attachments.attachStored({ kind: 'practices', id: practice.id }, [{ sha256: 'a'.repeat(64), name: 'x.png' }]),
    ).rejects.toMatchObject({ code: 'attachmentMissing' });
  });
});
