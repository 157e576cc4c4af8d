import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertDocument, guessLanguage } from '../../../core/documents/convert';
import { exe, html, pdf, png, richDocx, svgWithScript } from '../../helpers/attachment-fixtures';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const write = async (name: string, bytes: Buffer | string) => {
  const file = path.join(await tempDir(), name);
  await writeFile(file, bytes);
  return file;
};

describe('bringing existing documents in', () => {
  it('turns a Word file with headings, a list, a table and an image into Markdown with the image attached', async () => {
    const picture = png(12, 8);
    const result = await convertDocument(await write('Protokoll.docx', await richDocx(picture)));
    expect(result.title).toBe('Protokoll Turborotonde');
    expect(result.language).toBe('de');
    expect(result.body).toContain('## Ergebnisse');
    expect(result.body).toMatch(/^- +Weniger Unfälle$/m);
    expect(result.body).toMatch(/\| Ort +\| Jahr +\|/);
    expect(result.body).toMatch(/\| Amstelveen +\| 2024 +\|/);
    const hash = createHash('sha256').update(picture).digest('hex');
    expect(result.body).toContain(`(attachment:${hash})`);
    expect(result.files).toEqual([{ name: 'bild-1.png', bytes: picture }]);
  });

  it('extracts the text of a PDF and keeps the PDF as an attachment', async () => {
    const bytes = pdf('Klimastresstest Amstelveen');
    const result = await convertDocument(await write('stresstest.pdf', bytes));
    expect(result.body).toContain('Klimastresstest Amstelveen');
    expect(result.title).toBe('Klimastresstest Amstelveen');
    expect(result.files).toEqual([{ name: 'stresstest.pdf', bytes }]);
  });

  it('takes a Markdown file as it is, its first heading as the title, and guesses Dutch', async () => {
    const result = await convertDocument(
      await write('notulen.md', '# Notulen werkbezoek\n\nDe rotonde is veilig en het aantal ongevallen is gedaald.'),
    );
    expect(result).toMatchObject({ title: 'Notulen werkbezoek', language: 'nl', files: [] });
    expect(result.body).toBe('De rotonde is veilig en het aantal ongevallen is gedaald.');
  });

  it('names a plain text file after the file', async () => {
    const result = await convertDocument(await write('Besuch Juni.txt', 'Wir haben die Gründächer besichtigt.'));
    expect(result).toMatchObject({ title: 'Besuch Juni', language: 'de' });
  });

  it.each([
    ['a program named .docx', 'Protokoll.docx', exe()],
    ['a web page named .docx', 'Protokoll.docx', html()],
    ['an SVG named .md', 'notizen.md', svgWithScript()],
    ['an image', 'foto.pdf', png()],
  ])('refuses %s by its content', async (_what, name, bytes) => {
    await expect(convertDocument(await write(name, bytes))).rejects.toMatchObject({ code: 'attachmentTypeRefused' });
  });

  it('guesses German when it cannot tell', () => {
    expect(guessLanguage('Amstelveen 2024')).toBe('de');
  });
});
