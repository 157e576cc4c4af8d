import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeAppsAfterAllTests, openApp, type AppSession } from './harness';

/** The focused element: its tag, its text or label, and whether its focus ring is drawn. */
function focused(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { tag: 'body', name: '', ring: true };
    const style = getComputedStyle(element);
    const label = (element as HTMLInputElement).labels?.[0]?.textContent;
    return {
      tag: element.tagName.toLowerCase(),
      name: (element.getAttribute('aria-label') ?? label ?? element.textContent ?? '').trim(),
      ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    };
  });
}

/**
 * Presses Tab until the focused element's name starts with `name`, going
 * round the page if need be (past the last control focus leaves the page,
 * then comes back to the first); every stop on the way shows its focus ring.
 */
async function tabTo(page: Page, name: string | RegExp, max = 250): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    expect(now.ring, `focus ring on ${now.tag} “${now.name}”`).toBe(true);
    if (typeof name === 'string' ? now.name.startsWith(name) : name.test(now.name)) return;
  }
  throw new Error(`Tab never reached “${String(name)}”`);
}

let session: AppSession;
beforeAll(async () => {
  session = await openApp();
  await session.kb.search.ready();
});
closeAppsAfterAllTests();

describe('using the app with the keyboard alone', { timeout: 60_000 }, () => {
  it('skips to the content with the first Tab', async () => {
    const { page } = session;
    await expect.poll(() => page.locator('.practice-card').count()).toBeGreaterThan(0);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'a', name: 'Zum Inhalt springen' });
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('finds a practice with the search, opens it, and adds a lesson learned', async () => {
    const { page } = session;
    await page.keyboard.press('Control+k');
    await page.keyboard.type('Kreisverkehre');
    await expect.poll(() => page.locator('[role=option]').count()).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    const title = await page.locator('article h1').textContent();
    expect(title).toBeTruthy();

    await tabTo(page, 'Art');
    await page.keyboard.press('Tab'); // language
    await page.keyboard.press('Tab'); // visit
    await page.keyboard.press('Tab'); // text
    expect((await focused(page)).tag).toBe('textarea');
    await page.keyboard.type('Mit der Tastatur notiert.');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'button', name: 'Anmerkung hinzufügen' });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.annotation-text').allTextContents()).toContain('Mit der Tastatur notiert.');
  });

  it('writes a new practice and saves it with Ctrl+S', async () => {
    const { page } = session;
    await tabTo(page, 'Neues Praxisbeispiel');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Neues Praxisbeispiel');
    await tabTo(page, 'Kreisverkehre');
    await page.keyboard.press('Space');
    await tabTo(page, 'Titel');
    await page.keyboard.type('Per Tastatur angelegt');
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.locator('article h1').textContent()).toBe('Per Tastatur angelegt');
  });

  it('reaches every section of the navigation and opens the comparison', async () => {
    const { page } = session;
    await tabTo(page, 'Vergleich');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Verwaltungen im Vergleich');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
  });
});
