import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import deApp from '../../locales/de/app.json';
import nlApp from '../../locales/nl/app.json';
import type { Lang } from '../../shared/model';
import { pdf, png } from '../helpers/attachment-fixtures';
import { axeViolations } from './axe';
import { closeAppsAfterEachTest, openApp } from './harness';

closeAppsAfterEachTest();
const APP = { de: deApp, nl: nlApp };
const TOPIC = { de: 'Kreisverkehre', nl: 'Rotondes' };
const { poll } = expect;

/** Drops files, made in the page from base64, on the element `selector` matches, the cursor at the end of its text. */
const drop = (page: Page, selector: string, files: { name: string; type: string; base64: string }[]) =>
  page.evaluate(
    ({ selector, files }) => {
      const data = new DataTransfer();
      for (const f of files) {
        const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
        data.items.add(new File([bytes], f.name, { type: f.type }));
      }
      const target = document.querySelector<HTMLTextAreaElement>(selector)!;
      target.setSelectionRange(target.value.length, target.value.length);
      for (const type of ['dragenter', 'dragover', 'drop'])
        target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    { selector, files },
  );

const imagesLoaded = (page: Page, selector: string) =>
  page.$$eval(selector, (images) => images.map((img) => (img as HTMLImageElement).naturalWidth));

/** Opens a new practice and writes its title, topic and a first line of text in `lang`. */
async function newPractice(page: Page, lang: Lang, title: string) {
  const t = APP[lang];
  await page.getByRole('button', { name: t.nav.newPractice }).click();
  await poll(() => page.locator('h1').textContent()).toBe(t.editor.newTitle);
  await page.getByRole('checkbox', { name: TOPIC[lang] }).check();
  const column = page.locator('fieldset.editor-column').filter({
    has: page.locator('legend', { hasText: t.content.languageName[lang] }),
  });
  await column.getByLabel(t.editor.title).fill(title);
  await column.getByLabel(t.editor.body).fill('Zwei Spuren.\n');
  return column;
}

const bodySelector = (lang: Lang) => `fieldset.editor-column textarea[lang="${lang}"]:not([rows="3"])`;

describe('an image dropped into the text of a new practice', () => {
  it.each([
    ['de', 'de-DE', 'Turbo-Kreisverkehr am Rathaus'],
    ['nl', 'nl-NL', 'Turborotonde bij het raadhuis'],
  ] as [Lang, string, string][])(
    'in %s: shows inline in the preview at once, and after saving inline and in the gallery; no axe violation',
    { timeout: 120_000 },
    async (lang, locale, title) => {
      const t = APP[lang];
      const session = await openApp({ systemLocales: [locale], browserLocale: locale });
      const { page, kb } = session;
      const column = await newPractice(page, lang, title);
      const body = column.getByLabel(t.editor.body);

      await drop(page, bodySelector(lang), [
        { name: 'luftbild.png', type: 'image/png', base64: png(64, 48, [30, 140, 60]).toString('base64') },
      ]);
      await poll(() => body.inputValue()).toMatch(/^Zwei Spuren\.\n\n!\[luftbild\.png\]\(attachment:[0-9a-f]{64}\)\n$/);
      const hash = /attachment:([0-9a-f]{64})/.exec(await body.inputValue())![1]!;
      await poll(() => imagesLoaded(page, `${bodySelector(lang).split(' ')[0]} .preview .markdown img`)).toEqual([64]);
      // Before the save, no record names the bytes.
      expect(kb.store.all('practices').some((p) => p.attachments?.some((a) => a.sha256 === hash))).toBe(false);
      expect(await axeViolations(page, '.editor-columns')).toEqual([]);

      await page.keyboard.press('Control+s');
      await poll(() => page.locator('h1').textContent()).toBe(title);
      await poll(() => imagesLoaded(page, 'article > .markdown-host .markdown img')).toEqual([64]);
      const gallery = page.locator('.gallery');
      await poll(() => gallery.locator('figure img').getAttribute('alt')).toBe(
        t.attachments.untitledImage.replace('{{name}}', 'luftbild.png'),
      );
      await poll(() => imagesLoaded(page, '.gallery figure img')).toEqual([64]);
      await poll(() => page.locator('.attachment-list .attachment').count()).toBe(1);
      const saved = kb.practices.live().find((p) => p.texts[lang]?.title === title)!;
      expect(saved.attachments?.map((a) => [a.sha256, a.name])).toEqual([[hash, 'luftbild.png']]);
      await session.screenshot(`61-new-practice-image-${lang}`);
      expect(await axeViolations(page, '.attachments')).toEqual([]);
    },
  );

  it('attaches only the images the text still shows when it is saved', { timeout: 60_000 }, async () => {
    const session = await openApp();
    const { page, kb } = session;
    const column = await newPractice(page, 'de', 'Nur ein Bild bleibt');
    const body = column.getByLabel(deApp.editor.body);
    await drop(page, bodySelector('de'), [
      { name: 'weg.png', type: 'image/png', base64: png(10, 10, [200, 0, 0]).toString('base64') },
      { name: 'bleibt.png', type: 'image/png', base64: png(12, 12, [0, 0, 200]).toString('base64') },
    ]);
    await poll(() => body.inputValue()).toContain('bleibt.png');
    await body.fill((await body.inputValue()).replace(/!\[weg\.png\]\([^)]*\)/, ''));
    await page.keyboard.press('Control+s');
    await poll(() => page.locator('h1').textContent()).toBe('Nur ein Bild bleibt');
    const saved = kb.practices.live().find((p) => p.texts.de?.title === 'Nur ein Bild bleibt')!;
    await poll(() => kb.practices.get(saved.id).practice.attachments?.map((a) => a.name)).toEqual(['bleibt.png']);
  });

  it(
    'says that documents wait for the save, and leaves nothing referenced when the practice is discarded',
    {
      timeout: 60_000,
    },
    async () => {
      const session = await openApp();
      const { page, kb, dataDir } = session;
      await newPractice(page, 'de', 'Wird verworfen');
      await drop(page, bodySelector('de'), [
        { name: 'bericht.pdf', type: 'application/pdf', base64: pdf().toString('base64') },
        { name: 'foto.png', type: 'image/png', base64: png(8, 8).toString('base64') },
      ]);
      await poll(() => page.locator('.toast').textContent()).toContain(deApp.attachments.documentsAfterSave);
      const body = page.locator(bodySelector('de'));
      await poll(() => body.inputValue()).toContain('foto.png');
      expect(await body.inputValue()).not.toContain('bericht.pdf');
      const stored = await readdir(path.join(dataDir, 'attachments'));
      expect(stored.length).toBe(2); // the bytes are kept at once, named by their hash

      // A refused file says why, and the text is unchanged.
      const before = await body.inputValue();
      await drop(page, bodySelector('de'), [
        { name: 'bild.png', type: 'image/png', base64: Buffer.from('<svg onload="alert(1)"/>').toString('base64') },
      ]);
      await poll(() => page.locator('#main [role="alert"]').textContent()).toContain(
        '„bild.png“ wurde nicht angehängt',
      );
      expect(await body.inputValue()).toBe(before);

      await page.getByRole('button', { name: deApp.action.cancel }).click();
      await page.getByRole('dialog').getByRole('button', { name: deApp.unsaved.discard }).click();
      await poll(() => page.locator('h1').textContent()).not.toBe(deApp.editor.newTitle);
      const named = ['practices', 'visits', 'annotations'].flatMap((kind) =>
        kb.store.all(kind as 'practices').flatMap((r) => (r.attachments ?? []).map((a) => a.sha256)),
      );
      expect(named.filter((sha256) => stored.includes(sha256))).toEqual([]);
      expect(kb.practices.live().some((p) => p.texts.de?.title === 'Wird verworfen')).toBe(false);
    },
  );
});
