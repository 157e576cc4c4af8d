/** Every screen in German and Dutch checked by axe-core for WCAG 2.1 AA, plus the dark theme, the shortcuts and the first start. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../../shared/model';
import { useTempDirs } from '../helpers/temp-dir';
import { axeViolations as violations } from './axe';
import { closeBrowser, foreignRequests, openApp, type AppSession } from './harness';
import { APP, SCREENS, navTo, openFirstPractice, openScreensApp } from './screens';

const tempDir = useTempDirs();

describe.each<[Lang, string]>([
  ['de', 'de-DE'],
  ['nl', 'nl-NL'],
])('accessibility in %s', (lang, locale) => {
  let session: AppSession;
  beforeAll(async () => {
    session = await openScreensApp(lang, locale, await tempDir());
  });
  afterAll(async () => {
    expect(foreignRequests(session)).toEqual([]);
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });

  it.each(SCREENS.map((s) => [s.name, s] as const))('finds no WCAG 2.1 AA violation on %s', async (_name, screen) => {
    const { page } = session;
    // Back to the start: close any dialog, then the list of all practices.
    while ((await page.getByRole('dialog').count()) > 0) await page.keyboard.press('Escape');
    await navTo('all')(page, lang);
    await screen.open(page, lang);
    expect(await violations(page)).toEqual([]);
  });

  it('keeps its contrast in the dark theme the operating system asks for', async () => {
    const { page } = session;
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      await navTo('all')(page, lang);
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe('rgb(255, 255, 255)');
      expect(await violations(page)).toEqual([]);
      await openFirstPractice(page);
      expect(await violations(page)).toEqual([]);
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
  });

  it('lists the keyboard shortcuts in a dialog opened with F1, and gives focus back on Escape', async () => {
    const { page } = session;
    await navTo('all')(page, lang);
    await page.locator('.practice-card h2 button').first().focus();
    await page.keyboard.press('F1');
    const dialog = page.getByRole('dialog', { name: APP[lang].shortcuts.title });
    await expect.poll(() => dialog.count()).toBe(1);
    expect(await dialog.locator('tbody tr').count()).toBeGreaterThan(5);
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.closest('.practice-card') !== null)).toBe(true);
  });

  it('finds no violation on the first start, before the user has said who they are', async () => {
    const first = await openApp({ systemLocales: [locale], user: null });
    try {
      await expect.poll(() => first.page.locator('form').count()).toBeGreaterThan(0);
      expect(await violations(first.page)).toEqual([]);
    } finally {
      await first.close();
    }
  });
});

afterAll(closeBrowser);
