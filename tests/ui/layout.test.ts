/**
 * Every screen in German and Dutch, at normal and at 200 % text size (WCAG 1.4.4),
 * checked for text that runs into other text, off the window or out of a box
 * that cuts it off — what "Vertaling (alleen praktijkvoorbeelden)" running into
 * the next filter label looked like — and for browser-native widgets that would
 * speak English. Checks the rendered boxes, not pixels.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../../shared/model';
import { useTempDirs } from '../helpers/temp-dir';
import { closeBrowser, type AppSession } from './harness';
import { englishSpeakingWidgets, layoutProblems } from './layout';
import { SCREENS, navTo, openScreensApp } from './screens';

const tempDir = useTempDirs();

describe.each<[Lang, string]>([
  ['de', 'de-DE'],
  ['nl', 'nl-NL'],
])('the layout in %s', (lang, locale) => {
  let session: AppSession;
  beforeAll(async () => {
    session = await openScreensApp(lang, locale, await tempDir());
  });
  afterAll(async () => {
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });

  describe.each([
    ['normal', ''],
    ['200 %', '200%'],
  ])('with text at %s size', (_label, fontSize) => {
    beforeAll(() => session.page.evaluate((size) => (document.documentElement.style.fontSize = size), fontSize));

    it.each(SCREENS.map((s) => [s.name, s] as const))(
      'keeps all text of %s readable, nothing overlapping, running off or cut off, and no widget speaking English',
      async (_name, screen) => {
        const { page } = session;
        while ((await page.getByRole('dialog').count()) > 0) await page.keyboard.press('Escape');
        await navTo('all')(page, lang);
        await screen.open(page, lang);
        expect(await layoutProblems(page)).toEqual([]);
        expect(await englishSpeakingWidgets(page)).toEqual([]);
      },
    );
  });
});

afterAll(closeBrowser);
