import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import deApp from '../../locales/de/app.json';
import nlApp from '../../locales/nl/app.json';
import type { Lang } from '../../shared/model';
import { jpeg, pdf, png } from '../helpers/attachment-fixtures';
import { axeViolations } from './axe';
import { germanPractice } from '../helpers/knowledge-base';
import { closeAppsAfterEachTest, openApp } from './harness';

closeAppsAfterEachTest();
const APP = { de: deApp, nl: nlApp };
const { poll } = expect;
const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{\{(\w+)[^}]*\}\}/g, (_, key: string) => values[key] ?? '');

const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name: new RegExp(`^${name}`) });

describe('removed attachments in the trash', () => {
  it.each([
    ['de', 'de-DE', 'Gründach am Rathaus'],
    ['nl', 'nl-NL', 'Groen dak op het raadhuis'],
  ] as [Lang, string, string][])(
    'in %s: listed with whose they were and when, restored or purged from there; no axe violation',
    { timeout: 120_000 },
    async (lang, locale, title) => {
      const t = APP[lang];
      const session = await openApp({ systemLocales: [locale], browserLocale: locale });
      const { page, kb } = session;
      const { practice } = await kb.practices.save(
        undefined,
        germanPractice(kb, {
          tags: [],
          originalLanguage: lang,
          texts: { [lang]: { title, summary: '', body: 'Sedum.' } },
        }),
      );
      const owner = { kind: 'practices' as const, id: practice.id };
      const [photo] = await kb.attachments.add(
        owner,
        { bytes: png(20, 20), name: 'dach.png' },
        { de: 'Dach von oben', nl: 'Dak van boven' },
      );
      const report = (await kb.attachments.add(owner, { bytes: pdf(), name: 'bericht.pdf' })).at(-1);
      const annotation = await kb.annotations.save(undefined, {
        practiceId: practice.id,
        kind: 'comment',
        text: lang === 'de' ? 'Schön.' : 'Mooi.',
        language: lang,
      });
      const [sketch] = await kb.attachments.add(
        { kind: 'annotations', id: annotation.id },
        { bytes: jpeg(), name: 'skizze.jpg' },
      );
      await kb.attachments.remove(owner, photo!.sha256);
      await kb.attachments.remove(owner, report!.sha256);
      await kb.attachments.remove({ kind: 'annotations', id: annotation.id }, sketch!.sha256);
      await page.reload();

      await nav(page, t.nav.trash).click();
      const section = page.locator('.trash-attachments');
      await poll(() => section.getByRole('heading', { level: 2 }).textContent()).toBe(t.trash.attachmentsHeading);
      const items = section.getByRole('listitem');
      await poll(() => items.count()).toBe(3);
      const photoItem = items.filter({ hasText: 'dach.png' });
      expect(await photoItem.getByRole('heading').textContent()).toBe(
        lang === 'de' ? 'Dach von oben' : 'Dak van boven',
      );
      expect(await photoItem.textContent()).toContain(fill(t.trash.attachmentFrom.practices, { title }));
      const removedOn = new Intl.DateTimeFormat(lang).format(new Date());
      expect(await photoItem.textContent()).toContain(fill(t.trash.removedAt, { date: removedOn }));
      expect(await items.filter({ hasText: 'skizze.jpg' }).textContent()).toContain(
        fill(t.trash.attachmentFrom.annotations, { title }),
      );
      expect(await page.locator('#main').textContent()).not.toContain(t.trash.empty);
      await session.screenshot(`62-trash-attachments-${lang}`);
      expect(await axeViolations(page, '#main')).toEqual([]);

      // Restore: it is in use again, on its practice.
      await photoItem.getByRole('button', { name: fill(t.trash.restore, { title: 'dach.png' }) }).click();
      await poll(() => items.count()).toBe(2);
      expect((await kb.attachments.list(owner)).find((a) => a.name === 'dach.png')?.deletedAt).toBeUndefined();

      // Purge asks first; cancelled, nothing changes.
      const reportItem = items.filter({ hasText: 'bericht.pdf' });
      const purge = reportItem.getByRole('button', { name: fill(t.trash.purgeItem, { title: 'bericht.pdf' }) });
      await purge.click();
      const dialog = page.getByRole('dialog');
      expect(await dialog.textContent()).toContain(fill(t.trash.purgeAttachmentMessage, { name: 'bericht.pdf' }));
      await dialog.getByRole('button', { name: t.action.cancel }).click();
      expect((await kb.attachments.list(owner)).map((a) => a.name)).toEqual(['dach.png', 'bericht.pdf']);

      // Confirmed: the practice no longer names it.
      await purge.click();
      await page.getByRole('dialog').getByRole('button', { name: t.trash.purge }).click();
      await poll(() => items.count()).toBe(1);
      expect((await kb.attachments.list(owner)).map((a) => a.name)).toEqual(['dach.png']);

      // The last one restored: the trash is empty and says so.
      await items
        .filter({ hasText: 'skizze.jpg' })
        .getByRole('button', { name: fill(t.trash.restore, { title: 'skizze.jpg' }) })
        .click();
      await poll(() => page.locator('#main').textContent()).toContain(t.trash.empty);
    },
  );
});
