import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import deApp from '../../locales/de/app.json';
import deVisits from '../../locales/de/visits.json';
import nlApp from '../../locales/nl/app.json';
import nlVisits from '../../locales/nl/visits.json';
import type { Lang } from '../../shared/model';
import { pdf, png } from '../helpers/attachment-fixtures';
import { axeViolations } from './axe';
import { germanPractice } from '../helpers/knowledge-base';
import { closeAppsAfterEachTest, openApp } from './harness';

closeAppsAfterEachTest();
const APP = { de: deApp, nl: nlApp };
const VISITS = { de: deVisits, nl: nlVisits };
const { poll } = expect;
const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{\{(\w+)[^}]*\}\}/g, (_, key: string) => values[key] ?? '');

/** Drops (or pastes) files, made in the page from base64, on the element `selector` matches. */
const deliver = (
  page: Page,
  selector: string,
  how: 'drop' | 'paste',
  files: { name: string; type: string; base64: string }[],
) =>
  page.evaluate(
    ({ selector, how, files }) => {
      const data = new DataTransfer();
      for (const f of files) {
        const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
        data.items.add(new File([bytes], f.name, { type: f.type }));
      }
      const target = document.querySelector(selector)!;
      if (how === 'paste') {
        target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        return;
      }
      for (const type of ['dragenter', 'dragover', 'drop'])
        target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    { selector, how, files },
  );

const imagesLoaded = (page: Page, selector: string) =>
  page.$$eval(selector, (images) => images.map((img) => (img as HTMLImageElement).naturalWidth));

describe('attachments on annotations', () => {
  it.each([
    ['de', 'de-DE', 'Wadi im Park', 'Das Wasser versickert in zwei Tagen.'],
    ['nl', 'nl-NL', 'Wadi in het park', 'Het water zakt in twee dagen weg.'],
  ] as [Lang, string, string, string][])(
    'in %s: added by drop, paste and dialog while editing, shown compactly below the text, printed by caption; no axe violation',
    { timeout: 120_000 },
    async (lang, locale, title, text) => {
      const t = APP[lang];
      const session = await openApp({ systemLocales: [locale], browserLocale: locale });
      const { page, kb } = session;
      const { practice } = await kb.practices.save(
        undefined,
        germanPractice(kb, {
          tags: [],
          originalLanguage: lang,
          texts: { [lang]: { title, summary: '', body: 'Mulden.' } },
        }),
      );
      const annotation = await kb.annotations.save(undefined, {
        practiceId: practice.id,
        kind: 'lesson',
        text,
        language: lang,
      });
      const owner = { kind: 'annotations' as const, id: annotation.id };
      const folder = await mkdtemp(path.join(tmpdir(), 'twinning-kb-annotation-'));
      const report = path.join(folder, 'messung.pdf');
      await writeFile(report, pdf('Messung'));
      await page.reload();
      await page.locator('.practice-card h2 button', { hasText: title }).click();
      await poll(() => page.locator('h1').textContent()).toBe(title);

      // Editing the annotation shows its attachments section, a level below the annotations' heading.
      const item = page.locator('.annotation-list > li').filter({ hasText: text });
      await item.getByRole('button', { name: t.action.edit, exact: true }).click();
      const section = page.locator('.annotation-editing .attachments');
      await poll(() => section.getByRole('heading', { level: 3 }).textContent()).toContain(t.attachments.heading);

      await deliver(page, '.annotation-editing .attachments .drop-zone', 'drop', [
        { name: 'wadi.png', type: 'image/png', base64: png(40, 30, [20, 90, 160]).toString('base64') },
      ]);
      await poll(() => section.locator('.attachment').count()).toBe(1);
      await deliver(page, '.annotation-editing .attachments', 'paste', [
        { name: 'bildschirmfoto.png', type: 'image/png', base64: png(16, 16, [160, 20, 20]).toString('base64') },
      ]);
      await poll(() => section.locator('.attachment').count()).toBe(2);
      session.dialogs.attachPaths = [report];
      await section.getByRole('button', { name: t.attachments.add }).click();
      await poll(() => section.locator('.attachment').count()).toBe(3);

      // Caption the first image in both languages; remove the pasted one (undoable, as everywhere).
      const wadi = section.locator('.attachment', { hasText: 'wadi.png' });
      await wadi.getByRole('button', { name: fill(t.attachments.edit, { name: 'wadi.png' }) }).click();
      await wadi
        .getByLabel(fill(t.attachments.captionIn, { language: t.content.languageName.de }))
        .fill('Wadi nach Regen');
      await wadi
        .getByLabel(fill(t.attachments.captionIn, { language: t.content.languageName.nl }))
        .fill('Wadi na regen');
      await wadi.getByRole('button', { name: t.action.save }).click();
      await section.getByRole('button', { name: fill(t.attachments.remove, { name: 'bildschirmfoto.png' }) }).click();
      await poll(() => section.locator('.attachment').count()).toBe(2);
      await poll(async () =>
        (await kb.attachments.list(owner)).map((a) => [a.name, a.caption, Boolean(a.deletedAt)]),
      ).toEqual([
        ['wadi.png', { de: 'Wadi nach Regen', nl: 'Wadi na regen' }, false],
        ['bildschirmfoto.png', {}, true],
        ['messung.pdf', {}, false],
      ]);
      expect(await axeViolations(page, '.annotations')).toEqual([]);

      // Done editing: below the text, the image small with its caption, the PDF as the button that opens it.
      await page.locator('.annotation-editing form').getByRole('button', { name: t.action.cancel }).click();
      const compact = item.locator('.compact-attachments');
      await poll(() => compact.locator('img').getAttribute('alt')).toBe(
        lang === 'de' ? 'Wadi nach Regen' : 'Wadi na regen',
      );
      await poll(() => imagesLoaded(page, '.annotation-list .compact-attachments img')).toEqual([40]);
      await session.screenshot(`63-annotation-attachments-${lang}`);
      expect(await axeViolations(page, '.annotations')).toEqual([]);
      await compact.getByRole('button', { name: fill(t.attachments.open, { name: 'messung.pdf' }) }).click();
      await poll(() => session.openedAttachments.map((o) => o.name)).toEqual(['messung.pdf']);

      // The print view lists them under the annotation by caption and name.
      await page.getByRole('button', { name: VISITS[lang].print.open }).click();
      const printed = page.locator('.practice-print .annotation-list .printed-attachments');
      await poll(() => printed.textContent()).toContain(lang === 'de' ? 'Wadi nach Regen' : 'Wadi na regen');
      expect(await printed.textContent()).toContain('(messung.pdf)');
      expect(await printed.textContent()).not.toContain('bildschirmfoto.png');
    },
  );
});
