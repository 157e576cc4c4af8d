import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import deApp from '../../locales/de/app.json';
import nlApp from '../../locales/nl/app.json';
import type { Lang } from '../../shared/model';
import { writeFile } from 'node:fs/promises';
import { pdf, png, richDocx } from '../helpers/attachment-fixtures';
import { axeViolations } from './axe';
import { germanPractice } from '../helpers/knowledge-base';
import { closeAppsAfterEachTest, openApp } from './harness';

closeAppsAfterEachTest();
const APP = { de: deApp, nl: nlApp };
const { poll } = expect;

/** Drops files, made in the page from base64, on the element `selector` matches. */
const drop = (page: Page, selector: string, files: { name: string; type: string; base64: string }[]) =>
  page.evaluate(
    ({ selector, files }) => {
      const data = new DataTransfer();
      for (const f of files) {
        const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
        data.items.add(new File([bytes], f.name, { type: f.type }));
      }
      const target = document.querySelector(selector)!;
      for (const type of ['dragenter', 'dragover', 'drop'])
        target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    { selector, files },
  );

/** Whether every image `selector` matches has loaded real pixels (served by the app's scheme). */
const imagesLoaded = (page: Page, selector: string) =>
  page.$$eval(selector, (images) => images.map((img) => (img as HTMLImageElement).naturalWidth));

const cases: [Lang, string, string][] = [
  ['de', 'de-DE', 'Turbo-Kreisverkehr in Amstelveen'],
  ['nl', 'nl-NL', 'Turborotonde in Amstelveen'],
];

describe('attachments in the app', () => {
  it.each(cases)(
    'in %s: an image dropped into the text shows inline and in the gallery; captions, undoable removal, no axe violation',
    { timeout: 120_000 },
    async (lang, locale, title) => {
      const t = APP[lang];
      const session = await openApp({ systemLocales: [locale] });
      const { page, kb } = session;
      await page.waitForFunction((expected) => document.documentElement.lang === expected, lang);
      const { practice } = await kb.practices.save(undefined, {
        organisationId: 'org-amstelveen',
        topicIds: [kb.store.all('topics')[0]!.id],
        tags: [],
        originalLanguage: lang,
        texts: { [lang]: { title, summary: '', body: 'Zwei Spuren.' } },
        sources: [],
      });
      const owner = { kind: 'practices' as const, id: practice.id };
      await kb.attachments.add(
        owner,
        { bytes: png(40, 30, [20, 120, 200]), name: 'luftbild.png' },
        {
          de: 'Luftbild des Kreisverkehrs',
          nl: 'Luchtfoto van de rotonde',
        },
      );
      await kb.attachments.add(owner, { bytes: pdf(), name: 'klimastresstest.pdf' });
      await page.reload();
      await page.locator('.practice-card h2 button', { hasText: title }).click();
      await page.getByRole('button', { name: t.action.edit, exact: true }).click();

      // Drop an image into the body: it is attached and a reference is written where the cursor is.
      const body = page.locator(`fieldset.editor-column textarea[lang="${lang}"]`).nth(1);
      await body.waitFor();
      await drop(page, `fieldset.editor-column textarea[lang="${lang}"]:not([rows="3"])`, [
        { name: 'rotonde.png', type: 'image/png', base64: png(60, 40).toString('base64') },
      ]);
      await poll(() => body.inputValue()).toMatch(/!\[rotonde\.png\]\(attachment:[0-9a-f]{64}\)/);
      await poll(() => imagesLoaded(page, '.preview .markdown img')).toEqual([60]);
      await page.keyboard.press('Control+s');
      await poll(() => page.locator('h1').textContent()).toBe(title);

      // Inline in the text, from the app's own origin; never a file path.
      await poll(() => imagesLoaded(page, 'article > .markdown-host .markdown img')).toEqual([60]);
      const src = await page.locator('article .markdown img').first().getAttribute('src');
      expect(src).toMatch(/^\/attachments\/[0-9a-f]{64}$/);

      // The gallery: both images, alt text from the caption; arrow keys page through.
      const gallery = page.locator('.gallery');
      await poll(() => gallery.locator('figure img').getAttribute('alt')).toBe(
        lang === 'de' ? 'Luftbild des Kreisverkehrs' : 'Luchtfoto van de rotonde',
      );
      await gallery.locator('.gallery-thumbnails button').first().focus();
      await page.keyboard.press('ArrowRight');
      await poll(() => gallery.locator('figure img').getAttribute('alt')).toBe(
        t.attachments.untitledImage.replace('{{name}}', 'rotonde.png'),
      );
      await poll(() => imagesLoaded(page, '.gallery figure img')).toEqual([60]);
      // The image without a caption is flagged to its author.
      const list = page.locator('.attachment-list');
      await poll(() => list.locator('.attachment').count()).toBe(3);
      expect(await list.locator('.message-warning').count()).toBe(1);
      await session.screenshot(`60-attachments-${lang}`);
      expect(await axeViolations(page, '.attachments')).toEqual([]);

      // Caption the dropped image in both languages.
      const dropped = list.locator('.attachment', { hasText: 'rotonde.png' });
      await dropped.getByRole('button', { name: t.attachments.edit.replace('{{name}}', 'rotonde.png') }).click();
      await dropped.getByLabel(t.attachments.captionIn.replace('{{language}}', t.content.languageName.de)).fill('Neu');
      await dropped
        .getByLabel(t.attachments.captionIn.replace('{{language}}', t.content.languageName.nl))
        .fill('Nieuw');
      await dropped.getByRole('button', { name: t.action.save }).click();
      await poll(() => list.locator('.message-warning').count()).toBe(0);
      expect((await kb.attachments.list(owner)).find((a) => a.name === 'rotonde.png')?.caption).toEqual({
        de: 'Neu',
        nl: 'Nieuw',
      });

      // Reorder by keyboard-reachable buttons: the PDF moves up.
      await list.getByRole('button', { name: t.attachments.moveUp.replace('{{name}}', 'klimastresstest.pdf') }).click();
      await poll(async () => (await kb.attachments.list(owner)).map((a) => a.name)).toEqual([
        'klimastresstest.pdf',
        'luftbild.png',
        'rotonde.png',
      ]);

      // Remove, then undo from the notice.
      await list.getByRole('button', { name: t.attachments.remove.replace('{{name}}', 'luftbild.png') }).click();
      await poll(() => list.locator('.attachment').count()).toBe(2);
      await page.getByRole('button', { name: t.action.undo }).click();
      await poll(() => list.locator('.attachment').count()).toBe(3);

      // A document opens only through main, from a temporary copy.
      await list.getByRole('button', { name: t.attachments.open.replace('{{name}}', 'klimastresstest.pdf') }).click();
      await poll(() => session.openedAttachments.map((o) => o.name)).toEqual(['klimastresstest.pdf']);
      expect(session.openedAttachments[0]!.file.endsWith('klimastresstest.pdf')).toBe(true);
    },
  );

  it('shows a refused file’s reason in the user’s language and attaches nothing', { timeout: 60_000 }, async () => {
    const session = await openApp();
    const { page, kb } = session;
    const { practice } = await kb.practices.save(
      undefined,
      germanPractice(kb, {
        tags: [],
        originalLanguage: 'de',
        texts: { de: { title: 'Testdach mit Anlagen', summary: '', body: 'Text' } },
      }),
    );
    await page.reload();
    await page.locator('.practice-card h2 button', { hasText: 'Testdach mit Anlagen' }).click();
    await drop(page, '.attachments .drop-zone', [
      { name: 'bild.png', type: 'image/png', base64: Buffer.from('<svg onload="alert(1)"/>').toString('base64') },
    ]);
    await poll(() => page.locator('.attachments [role="alert"]').textContent()).toContain(
      '„bild.png“ wurde nicht angehängt',
    );
    expect(await kb.attachments.list({ kind: 'practices', id: practice.id })).toEqual([]);
  });

  it(
    'sends a practice with its photo as one ZIP; the partner imports it and sees the photo',
    { timeout: 120_000 },
    async () => {
      const ts = await openApp();
      const { practice } = await ts.kb.practices.save(
        undefined,
        germanPractice(ts.kb, {
          tags: [],
          originalLanguage: 'de',
          texts: { de: { title: 'Schwammstadt mit Foto', summary: '', body: 'Mulden.' } },
        }),
      );
      await ts.kb.attachments.add(
        { kind: 'practices', id: practice.id },
        { bytes: png(50, 50, [0, 90, 0]), name: 'mulde.png' },
        { de: 'Versickerungsmulde', nl: 'Wadi' },
      );
      const file = path.join(await mkdtemp(path.join(tmpdir(), 'twinning-kb-zip-')), 'paket.twinning-kb.zip');
      await ts.page.getByRole('navigation').getByRole('button', { name: 'Austausch' }).click();
      ts.dialogs.savePath = file;
      await ts.page.getByRole('button', { name: 'Paket exportieren …' }).click();
      await poll(() => ts.page.locator('.message-success').first().textContent()).toContain('1 Anlage');

      const av = await openApp({ user: { name: 'Jan de Vries', organisationId: 'org-amstelveen' } });
      await av.page.getByRole('navigation').getByRole('button', { name: 'Austausch' }).click();
      av.dialogs.openPath = file;
      await av.page.getByRole('button', { name: 'Paket öffnen …' }).click();
      await av.page.locator('.import-preview').getByRole('button', { name: 'Importieren' }).click();
      await poll(() => av.page.locator('.message-success').first().textContent()).toContain('wurde importiert');
      await av.page.getByRole('navigation').getByRole('button', { name: 'Alle Praxisbeispiele' }).click();
      await av.page.locator('.practice-card h2 button', { hasText: 'Schwammstadt mit Foto' }).click();
      await poll(() => av.page.locator('.gallery figure img').getAttribute('alt')).toBe('Versickerungsmulde');
      await poll(() => imagesLoaded(av.page, '.gallery figure img')).toEqual([50]);
    },
  );

  it(
    'brings in a Word file and a Markdown file as drafts, checked in the editor, saved with the image attached',
    { timeout: 120_000 },
    async () => {
      const session = await openApp();
      const { page, kb } = session;
      const folder = await mkdtemp(path.join(tmpdir(), 'twinning-kb-docs-'));
      const docx = path.join(folder, 'Protokoll.docx');
      await writeFile(docx, await richDocx(png(24, 16, [200, 120, 0])));
      const md = path.join(folder, 'Notulen.md');
      await writeFile(md, '# Notulen werkbezoek\n\nDe rotonde is veilig en het aantal ongevallen is gedaald.');
      session.dialogs.attachPaths = [docx, md];
      await page.getByRole('button', { name: 'Aus Dokumenten …' }).click();
      await poll(() => page.locator('h1').textContent()).toBe('2 Dokumente übernommen');
      expect(await page.locator('.document-drafts').textContent()).toContain('Sprache erkannt: Niederländisch');
      expect(await axeViolations(page, 'main')).toEqual([]);

      await page.getByRole('button', { name: 'Prüfen und speichern: Protokoll Turborotonde' }).click();
      const de = page.locator('fieldset.editor-column').filter({ has: page.locator('legend', { hasText: 'Deutsch' }) });
      await poll(() => de.getByLabel('Titel').inputValue()).toBe('Protokoll Turborotonde');
      expect(await de.getByLabel('Text (Markdown)').inputValue()).toContain('| Amstelveen');
      await page.getByRole('checkbox', { name: 'Kreisverkehre' }).check();
      await page.keyboard.press('Control+s');
      await poll(() => page.locator('h1').textContent()).toBe('Protokoll Turborotonde');
      await poll(() => imagesLoaded(page, 'article > .markdown-host .markdown img')).toEqual([24]);
      await poll(() => page.locator('.attachment-list .attachment').count()).toBe(1);
      expect(await page.locator('article .markdown table').count()).toBe(1);
      const saved = kb.practices.live().find((p) => p.texts.de?.title === 'Protokoll Turborotonde');
      expect(saved?.attachments?.map((a) => a.name)).toEqual(['bild-1.png']);
    },
  );
});
