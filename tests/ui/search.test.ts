import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadStarterContent } from '../../core/store/starter-content';
import type { SearchResponse } from '../../shared/search';
import { germanPractice } from '../helpers/knowledge-base';
import { type AppSession, closeAppsAfterEachTest, openApp } from './harness';
import { axeViolations } from './axe';

const starter = loadStarterContent();
const title = (id: string, lang: 'de' | 'nl') => starter.practices.find((p) => p.id === id)!.texts[lang]!.title;
let session: AppSession | undefined;

closeAppsAfterEachTest();

const searchBox = (page: Page) => page.getByRole('combobox', { name: 'Suchbegriff' });
/** The results' options (not the options of the filters' selects). */
const results = (page: Page) => page.getByRole('listbox', { name: 'Suchergebnisse' }).getByRole('option');
const groupHeadings = (page: Page) => page.locator('.search-group-heading').allTextContents();
/** The language marked on the text around each highlighted word of a result, or of every result. */
const markedLanguages = (scope: Locator) =>
  scope.locator('mark').evaluateAll((marks) => marks.map((mark) => mark.closest('[lang]')?.getAttribute('lang')));
const status = (page: Page) => page.locator('.search-status').textContent();

/** The app with its search index ready (building it takes a moment after start-up). */
async function openReady(): Promise<AppSession> {
  session = await openApp();
  await session.kb.search.ready();
  const { page } = session;
  await expect.poll(() => page.locator('h1').textContent()).toBe('Alle Praxisbeispiele');
  // The shortcuts are bound in an effect after the first paint: let that frame pass before pressing them.
  await page.getByRole('button', { name: /^Suchen/ }).waitFor();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return session;
}

describe('searching', { timeout: 60_000 }, () => {
  it('finds an inflected German form, grouped with counts and highlights, and opens a result by keyboard', async () => {
    const { page } = await openReady();
    await page.keyboard.press('Control+k');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    expect(await status(page)).toBe('Geben Sie einen Suchbegriff ein.');

    await page.keyboard.type('Kreisverkehren');
    await expect.poll(() => groupHeadings(page)).toEqual(['Praxisbeispiele (2)', 'Besuche (1)', 'Glossar (3)']);
    expect(await status(page)).toBe('6 Treffer');

    const options = results(page);
    const first = options.nth(0);
    // Matched in the title: marked there.
    expect(await first.locator('.search-option-title [lang]').textContent()).toBe(
      title('practice-nl-roundabout-cyclist-priority', 'de'),
    );
    expect(await first.locator('.search-option-title mark').allTextContents()).toEqual(['Kreisverkehr']);
    expect(await markedLanguages(first)).toEqual(['de']);
    expect(await first.getAttribute('aria-selected')).toBe('true');

    // Found through the glossary (Kreisverkehr – rotonde), in its Dutch text: labelled, and marked as Dutch.
    const second = options.nth(1);
    expect(await markedLanguages(second)).toEqual(['nl']);
    expect(await second.locator('mark').allTextContents()).toEqual(['rotonde']);
    // Matched in the notes: a snippet under the title.
    const visit = options.nth(2);
    expect(await visit.locator('.search-option-snippet mark').allTextContents()).toEqual(['Kreisverkehre']);
    expect(await visit.locator('.search-option-snippet').getAttribute('lang')).toBe('de');
    expect(await second.locator('.search-option-meta').textContent()).toContain('über Glossar');
    expect(await second.locator('.search-option-meta').textContent()).toContain('auf Niederländisch');
    expect(await first.locator('.search-option-meta').textContent()).not.toContain('über Glossar');
    // Matched text is plain text with <mark> elements, never markup from the content.
    expect(await page.locator('.search-option mark *').count()).toBe(0);
    expect(await page.locator('.search-option [lang] > :not(mark)').count()).toBe(0);
    expect(await axeViolations(page, 'dialog')).toEqual([]);
    await session!.screenshot('search-01-results-de');

    await page.keyboard.press('ArrowDown');
    expect(await second.getAttribute('aria-selected')).toBe('true');
    expect(await searchBox(page).getAttribute('aria-activedescendant')).toBe(await second.getAttribute('id'));
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp'); // wraps round to the last result
    expect(await options.last().getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');

    await expect.poll(() => page.locator('h1').textContent()).toBe(title('practice-nl-turbo-roundabout', 'de'));
    expect(await page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('view-heading');
  });

  it('finds the same practices from a Dutch word, and says so when nothing matches', async () => {
    const { page } = await openReady();
    await page.getByRole('button', { name: /^Suchen/ }).click();
    await searchBox(page).fill('rotondes');
    await expect.poll(() => groupHeadings(page)).toEqual(['Praxisbeispiele (2)', 'Besuche (1)', 'Glossar (3)']);
    expect(await page.locator('.search-option mark').first().textContent()).toBe('Turborotonde');

    await searchBox(page).fill('xylofoonwinkel');
    await expect.poll(() => status(page)).toBe('Keine Treffer für „xylofoonwinkel“.');
    expect(await results(page).count()).toBe(0);
    await searchBox(page).fill('');
    await expect.poll(() => status(page)).toBe('Geben Sie einen Suchbegriff ein.');
  });

  it('narrows the results with filters that combine with the query', async () => {
    const { page } = await openReady();
    await page.keyboard.press('Control+f');
    await searchBox(page).fill('Kreisverkehren');
    await expect.poll(() => groupHeadings(page)).toEqual(['Praxisbeispiele (2)', 'Besuche (1)', 'Glossar (3)']);

    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Sprache des Textes').selectOption({ label: 'Niederländisch' });
    await expect.poll(() => markedLanguages(page.getByRole('listbox'))).toEqual(['nl', 'nl', 'nl', 'nl', 'nl', 'nl']);
    expect(await groupHeadings(page)).toEqual(['Praxisbeispiele (2)', 'Besuche (1)', 'Glossar (3)']);

    await dialog.getByLabel('Verwaltung').selectOption({ label: 'Bezirksamt Tempelhof-Schöneberg' });
    await expect.poll(() => groupHeadings(page)).toEqual(['Besuche (1)']);

    await dialog.getByLabel('Übersetzung (nur Praxisbeispiele)').selectOption({ label: 'aktuell' });
    await expect
      .poll(() => status(page))
      .toBe('Keine Treffer für „Kreisverkehren“ mit diesen Filtern. Setzen Sie die Filter zurück, um mehr zu finden.');

    await dialog.getByRole('button', { name: 'Filter zurücksetzen' }).click();
    await expect.poll(() => groupHeadings(page)).toEqual(['Praxisbeispiele (2)', 'Besuche (1)', 'Glossar (3)']);
    // The roundabout practices and terms are not about climate adaptation; the visit covered every topic.
    await dialog.getByLabel('Thema').selectOption({ label: 'Klimaanpassung' });
    await expect.poll(() => groupHeadings(page)).toEqual(['Besuche (1)']);
  });

  it('finds a practice and an annotation saved while the app runs, and opens them', async () => {
    const { page, kb } = await openReady();
    const { practice } = await kb.practices.save(
      undefined,
      germanPractice(kb, {
        texts: {
          de: {
            title: 'Quartiersgaragen für die Schwammstadt',
            summary: 'Parken gebündelt.',
            body: 'Regenwasser vom Dach.',
          },
        },
      }),
    );
    await kb.annotations.save(undefined, {
      practiceId: practice.id,
      kind: 'question',
      text: 'Wer betreibt die Quartiersgarage?',
      language: 'de',
    });

    await page.keyboard.press('Control+k');
    await searchBox(page).fill('Quartiersgarage');
    await expect.poll(() => groupHeadings(page)).toEqual(['Praxisbeispiele (1)', 'Erkenntnisse und Anmerkungen (1)']);
    expect(await results(page).nth(1).locator('.badge').first().textContent()).toBe('Frage');

    await page
      .getByRole('dialog')
      .getByLabel('Art der Anmerkung (nur Anmerkungen)')
      .selectOption({ label: 'Erkenntnis' });
    await expect.poll(() => status(page)).toContain('Keine Treffer');
    await page.getByRole('dialog').getByLabel('Art der Anmerkung (nur Anmerkungen)').selectOption({ label: 'Frage' });
    await expect.poll(() => groupHeadings(page)).toEqual(['Erkenntnisse und Anmerkungen (1)']);
    await searchBox(page).press('Enter');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Quartiersgaragen für die Schwammstadt');

    // Its Dutch counterpart finds it through the glossary (Schwammstadt – sponsstad).
    await page.keyboard.press('Control+k');
    await searchBox(page).fill('sponsstad');
    const option = results(page).filter({ hasText: 'Quartiersgaragen für die Schwammstadt' });
    await expect.poll(() => option.locator('.search-option-meta').textContent()).toContain('über Glossar');
    expect(await option.locator('mark').allTextContents()).toEqual(['Schwammstadt']);
  });

  it('closes with Escape and gives focus back', async () => {
    const { page } = await openReady();
    const launcher = page.getByRole('button', { name: /^Suchen/ });
    await launcher.focus();
    await page.keyboard.press('Control+k');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(1);
    await searchBox(page).fill('Kanban');
    await expect.poll(() => results(page).count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => launcher.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.locator('h1').textContent()).toBe('Alle Praxisbeispiele');

    // Opened again, it starts afresh.
    await page.keyboard.press('Control+f');
    expect(await searchBox(page).inputValue()).toBe('');
  });

  it('says so while the index is still being built, and shows results once it is ready', async () => {
    const { page, kb } = await openReady();
    const search = kb.search.search.bind(kb.search);
    // Stands in for a large knowledge base whose index takes a while.
    kb.search.search = (query): SearchResponse => ({
      ...search({ ...query, text: '' }),
      status: { state: 'building', done: 30, total: 120 },
    });

    await page.keyboard.press('Control+k');
    await searchBox(page).fill('Kanban');
    const share = new Intl.NumberFormat('de', { style: 'percent' }).format(0.25);
    await expect
      .poll(() => status(page))
      .toBe(`Der Suchindex wird noch aufgebaut (${share}). Die Ergebnisse erscheinen, sobald er fertig ist …`);
    expect(await results(page).count()).toBe(0);
    await session!.screenshot('search-02-building-de');

    kb.search.search = search;
    await expect.poll(() => groupHeadings(page)).toContain('Praxisbeispiele (1)');
  });

  it('finds comparison cells as their own group, opens the comparison, and says what partial matches lack', async () => {
    const { page } = await openReady();
    await page.keyboard.press('Control+k');
    await searchBox(page).fill('Bezirksverordnetenversammlung ');
    const group = page.getByRole('group', { name: /^Vergleich der Verwaltungen \(/ });
    await expect.poll(() => group.getByRole('option').count()).toBeGreaterThan(0);
    expect(await group.getByRole('option').first().locator('.search-option-title').textContent()).toBe(
      'Gewählte Vertretung: Bezirksamt Tempelhof-Schöneberg',
    );
    expect(await axeViolations(page, 'dialog')).toEqual([]);

    await searchBox(page).fill('Schwammstadt Kanban ');
    await expect
      .poll(() => page.locator('.search-option-missing').allTextContents())
      .toEqual(expect.arrayContaining(['enthält nicht: Schwammstadt', 'enthält nicht: Kanban']));
    await session!.screenshot('search-04-partial-de');

    await searchBox(page).fill('Bezirksverordnetenversammlung ');
    await expect.poll(() => group.getByRole('option').count()).toBeGreaterThan(0);
    await group.getByRole('option').first().click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Verwaltungen im Vergleich');
  });

  it('speaks Dutch in a Dutch interface', async () => {
    session = await openApp({ systemLocales: ['nl-NL'] });
    await session.kb.search.ready();
    const { page } = session;
    await page.getByRole('button', { name: /^Zoeken/ }).click();
    await page.getByRole('combobox', { name: 'Zoekterm' }).fill('Kreisverkehren');
    await expect
      .poll(() => groupHeadings(page))
      .toEqual(['Praktijkvoorbeelden (2)', 'Bezoeken (1)', 'Woordenlijst (3)']);
    expect(await page.locator('.search-option-meta').nth(1).textContent()).toContain('via woordenlijst');
    expect(await status(page)).toBe('6 resultaten');
    // A practice matched in its German title is named in Dutch first, the German title after it as a hint.
    const first = page.locator('.search-option').first();
    const titles = first.locator('.search-option-title > [lang]');
    expect(await titles.evaluateAll((spans) => spans.map((span) => span.getAttribute('lang')))).toEqual(['nl', 'de']);
    expect(await titles.first().textContent()).toBe(title('practice-nl-roundabout-cyclist-priority', 'nl'));
    expect(await first.locator('.search-title-hint mark').allTextContents()).toEqual(['Kreisverkehr']);
    await session.screenshot('search-03-results-nl');

    await page.getByRole('combobox', { name: 'Zoekterm' }).fill('Schwammstadt Kanban ');
    await expect
      .poll(() => page.locator('.search-option-missing').allTextContents())
      .toEqual(expect.arrayContaining(['bevat niet: Schwammstadt', 'bevat niet: Kanban']));
    await page.getByRole('combobox', { name: 'Zoekterm' }).fill('gemeenteraad ');
    await expect
      .poll(() => groupHeadings(page))
      .toEqual(expect.arrayContaining([expect.stringMatching(/^Vergelijking van de organisaties \(/)]));
  });
});
