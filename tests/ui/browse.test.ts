import { describe, expect, it } from 'vitest';
import deApp from '../../locales/de/app.json';
import nlApp from '../../locales/nl/app.json';
import { loadStarterContent } from '../../core/store/starter-content';
import { openStore } from '../../core/store/store';
import { useTempDirs } from '../helpers/temp-dir';
import { type AppSession, closeAppsAfterEachTest, openApp } from './harness';

const tempDir = useTempDirs();
const starter = loadStarterContent();
let session: AppSession | undefined;

closeAppsAfterEachTest();

type Tree = { [key: string]: string | Tree };
const values = (tree: Tree): string[] => Object.values(tree).flatMap((v) => (typeof v === 'string' ? [v] : values(v)));
/** Interface strings that differ between the languages and carry no placeholders. */
const onlyGerman = values(deApp).filter((v) => !v.includes('{{') && !values(nlApp).includes(v));

/** The text of the interface itself: everything not inside content marked with its own lang. */
function interfaceTexts(session: AppSession): Promise<string[]> {
  return session.page.evaluate(() => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement!;
      if (element.closest('[lang]') !== document.documentElement) continue;
      const text = node.textContent?.trim();
      if (text && element.checkVisibility()) texts.push(text);
    }
    return texts;
  });
}

describe('browsing the knowledge base', () => {
  it('starts in German and lists the starter practices', async () => {
    session = await openApp({ systemLocales: ['de-DE'] });
    const { page } = session;
    await expect.poll(() => page.locator('h1').textContent()).toBe('Alle Praxisbeispiele');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await page.locator('.list-count').textContent()).toBe(`${starter.practices.length} Praxisbeispiele`);
    await expect.poll(() => page.locator('.practice-card h2').count()).toBeGreaterThan(3);
    expect(await page.locator('.virtual-row').first().getAttribute('aria-setsize')).toBe(
      String(starter.practices.length),
    );
    await session.screenshot('01-list-de');

    // The list is virtualized: End on a card brings the last practice into the page and focuses it.
    await page.locator('.practice-card h2 button').first().focus();
    await page.keyboard.press('End');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('[data-index]')?.getAttribute('aria-posinset')))
      .toBe(String(starter.practices.length));
    await page.keyboard.press('Home');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('[data-index]')?.getAttribute('aria-posinset')))
      .toBe('1');
  });

  it('filters by topic and by organisation from the navigation', async () => {
    session = await openApp();
    const { page } = session;
    const topic = starter.topics.find((t) => starter.practices.some((p) => p.topicIds.includes(t.id)))!;
    await page
      .getByRole('navigation')
      .getByRole('button', { name: new RegExp(`^${topic.name.de}`) })
      .click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Thema: ${topic.name.de}`);
    const expected = starter.practices.filter((p) => p.topicIds.includes(topic.id)).length;
    await expect.poll(() => page.locator('.practice-card').count()).toBe(expected);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

    const org = starter.organisations[1]!;
    await page
      .getByRole('navigation')
      .getByRole('button', { name: new RegExp(`^${org.name.de}`) })
      .click();
    await expect
      .poll(() => page.locator('.practice-card').count())
      .toBe(starter.practices.filter((p) => p.organisationId === org.id).length);
    await session.screenshot('02-list-by-organisation-de');
  });

  it('opens a practice with the keyboard and renders its Markdown body', async () => {
    session = await openApp();
    const { page } = session;
    const first = page.locator('.practice-card h2 button').first();
    const title = (await first.textContent())!;
    await first.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('h1').textContent()).toBe(title);
    const practice = starter.practices.find((p) => p.texts.de?.title === title)!;
    expect(await page.locator('.markdown').first().innerHTML()).toMatch(/<(p|h2|h3|ul)>/);
    expect(await page.locator('.markdown').first().getAttribute('lang')).toBe('de');
    if (practice.sources.length > 0) {
      await page.getByRole('link', { name: practice.sources[0]!.title }).click();
      await expect.poll(() => session!.openedExternally).toEqual([practice.sources[0]!.url]);
    }
    await session.screenshot('03-practice-de');
    await page.getByRole('button', { name: 'Zurück' }).press('Enter');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Alle Praxisbeispiele');
  });

  it('switches every visible label to Dutch, and remembers the choice', async () => {
    session = await openApp();
    const { page } = session;
    await page.locator('.practice-card h2 button').first().click();
    await expect.poll(() => page.locator('article h1').count()).toBe(1);
    const germanBefore = (await interfaceTexts(session)).filter((t) => onlyGerman.includes(t));
    expect(germanBefore.length).toBeGreaterThan(5);

    await page.getByRole('button', { name: 'Nederlands' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('nl');
    const after = await interfaceTexts(session);
    expect(after.filter((t) => onlyGerman.includes(t))).toEqual([]);
    expect(after).toEqual(
      expect.arrayContaining(['Terug', "Thema's", 'Organisaties', 'Trefwoorden', 'Naar de inhoud']),
    );
    expect(await page.getByRole('button', { name: 'Nederlands' }).getAttribute('aria-pressed')).toBe('true');
    // The practice itself is now shown in Dutch.
    const shown = (await page.locator('h1').textContent())!;
    expect(starter.practices.some((p) => p.texts.nl?.title === shown)).toBe(true);
    await session.screenshot('04-practice-nl');

    expect(session.kb.settings.get().language).toBe('nl');
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Alle praktijkvoorbeelden');
    await session.screenshot('05-list-nl');
  });

  it('starts in Dutch on a Dutch system', async () => {
    session = await openApp({ systemLocales: ['nl-NL'] });
    await expect.poll(() => session!.page.locator('h1').textContent()).toBe('Alle praktijkvoorbeelden');
    expect(await session.page.evaluate(() => document.documentElement.lang)).toBe('nl');
  });

  it('shows a practice that lacks the interface language in the other one, marked with its lang', async () => {
    const dataDir = await tempDir();
    const store = await openStore(dataDir, loadStarterContent);
    // Updated now, so it heads the list (which renders only the cards near the viewport).
    const practice = {
      ...store.all('practices')[0]!,
      originalLanguage: 'de' as const,
      updatedAt: new Date().toISOString(),
    };
    practice.texts = { de: practice.texts.de };
    await store.apply([{ op: 'put', collection: 'practices', record: practice }]);
    await store.close();

    session = await openApp({ dataDir, systemLocales: ['nl-NL'] });
    const { page } = session;
    const card = page.locator('.practice-card').filter({ hasText: practice.texts.de!.title });
    await expect.poll(() => card.locator('.badge-fallback').textContent()).toBe('Alleen in het Duits beschikbaar');
    expect(await card.locator('h2 button').getAttribute('lang')).toBe('de');
    await card.locator('h2 button').click();
    await expect.poll(() => page.locator('h1').getAttribute('lang')).toBe('de');
    expect(await page.locator('.markdown').first().getAttribute('lang')).toBe('de');
    expect(await page.locator('article .badge-fallback').textContent()).toBe('Alleen in het Duits beschikbaar');
    await session.screenshot('06-fallback-nl');
  });
});
