import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadStarterContent } from '../../core/store/starter-content';
import { germanPractice } from '../helpers/knowledge-base';
import { type AppSession, closeAppsAfterEachTest, openApp } from './harness';
import { axeViolations } from './axe';

const starter = loadStarterContent();
let session: AppSession | undefined;

closeAppsAfterEachTest();

const heading = (page: Page) => page.locator('h1').textContent();
const count = (page: Page) => page.locator('.glossary .list-count').textContent();
const shownTerms = (page: Page) => page.locator('.glossary-entry h3').allTextContents();

async function openGlossary(page: Page) {
  await page.getByRole('button', { name: 'Glossar', exact: true }).click();
  await expect.poll(() => heading(page)).toBe('Glossar Deutsch – Niederländisch');
  await expect.poll(() => count(page)).toBe(`${starter.glossary.length} Begriffe`);
}

describe('the glossary', () => {
  it(
    'adds a term in both languages and finds it by searching without diacritics, in either language',
    { timeout: 60_000 },
    async () => {
      session = await openApp();
      const { page } = session;
      await openGlossary(page);
      await page.getByRole('button', { name: 'Neuer Begriff' }).click();
      const dialog = page.getByRole('dialog', { name: 'Neuer Begriff' });
      await dialog.getByLabel('Begriff auf Deutsch').fill('Grünpatenschaft');
      await dialog
        .getByLabel('Erklärung auf Deutsch')
        .fill('Anwohnende übernehmen die Pflege der Fläche um einen Straßenbaum.');

      // Without the Dutch term the form says what is missing and keeps the dialog open.
      await dialog.getByRole('button', { name: 'Speichern' }).click();
      await expect
        .poll(() => dialog.getByRole('alert').textContent())
        .toBe('Bitte geben Sie den Begriff auf Deutsch und auf Niederländisch an.');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('lang'))).toBe('nl');

      await dialog.getByLabel('Begriff auf Niederländisch').fill('groenadoptie');
      await dialog
        .getByLabel('Erklärung auf Niederländisch')
        .fill('Bewoners onderhouden de grond rond een straatboom.');
      await dialog.getByRole('checkbox', { name: 'Grünflächen' }).check();
      await dialog.getByRole('button', { name: 'Speichern' }).click();
      await expect.poll(() => count(page)).toBe(`${starter.glossary.length + 1} Begriffe`);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
        '„Grünpatenschaft“ bearbeiten',
      );
      expect(session.kb.glossary.list().find((t) => t.term.de === 'Grünpatenschaft')?.topicIds).toEqual([
        'topic-green-spaces',
      ]);

      const search = page.getByRole('searchbox', { name: 'Im Glossar suchen' });
      await search.fill('grunpatenschaft');
      await expect.poll(() => shownTerms(page)).toEqual(['Grünpatenschaft']);
      await search.fill('GROENADOPTIE');
      await expect.poll(() => shownTerms(page)).toEqual(['Grünpatenschaft']);
      await search.fill('rotonde');
      await expect.poll(() => shownTerms(page)).toContain('Kreisverkehr');
      await search.fill('gibt es nicht');
      await expect.poll(() => page.getByText('Kein Begriff passt zu dieser Suche.').count()).toBe(1);
      await search.fill('');

      // By topic: the new term is listed under its topic.
      await page.getByRole('radio', { name: 'nach Thema' }).check();
      const greenSpaces = page
        .locator('section')
        .filter({ has: page.getByRole('heading', { name: 'Grünflächen', level: 2 }) });
      await expect.poll(() => greenSpaces.locator('.glossary-entry h3').allTextContents()).toContain('Grünpatenschaft');

      // A second term with the same German name is refused, in the user's language.
      await page.getByRole('button', { name: 'Neuer Begriff' }).click();
      await dialog.getByLabel('Begriff auf Deutsch').fill('grünpatenschaft');
      await dialog.getByLabel('Begriff auf Niederländisch').fill('adoptie van boomspiegels');
      await dialog.getByRole('button', { name: 'Speichern' }).click();
      await expect
        .poll(() => dialog.getByRole('alert').textContent())
        .toContain('„Grünpatenschaft“ steht schon im Glossar');
      await session.screenshot('45-glossary-de');
    },
  );

  it('edits a term and deletes one after confirming', { timeout: 60_000 }, async () => {
    session = await openApp();
    const { page } = session;
    await openGlossary(page);
    expect(await axeViolations(page, '#main')).toEqual([]);
    await page.getByRole('button', { name: '„Kreisverkehr“ bearbeiten' }).click();
    const dialog = page.getByRole('dialog', { name: 'Begriff bearbeiten: Kreisverkehr' });
    await dialog
      .getByLabel('Unterschied auf Deutsch (freiwillig)')
      .fill('In den Niederlanden haben Radfahrende im Kreisverkehr innerorts meist Vorrang.');
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    const entry = page
      .locator('.glossary-entry')
      .filter({ has: page.getByRole('heading', { name: 'Kreisverkehr', exact: true }) });
    await expect.poll(() => entry.textContent()).toContain('meist Vorrang');
    expect(await entry.locator('.badge').count()).toBe(0); // edited: no longer starter content

    await page.getByRole('button', { name: '„Kreisverkehr“ löschen' }).click();
    const confirm = page.getByRole('dialog', { name: 'Begriff löschen?' });
    await confirm.getByRole('button', { name: 'Abbrechen' }).click();
    expect(await entry.count()).toBe(1);
    await page.getByRole('button', { name: '„Kreisverkehr“ löschen' }).click();
    await confirm.getByRole('button', { name: 'Löschen' }).click();
    await expect.poll(() => count(page)).toBe(`${starter.glossary.length - 1} Begriffe`);
    expect(session.kb.glossary.list().some((t) => t.term.de === 'Kreisverkehr')).toBe(false);
  });

  it(
    'marks glossary terms in a practice and shows the other language on keyboard focus and on hover',
    { timeout: 60_000 },
    async () => {
      session = await openApp();
      const { page, kb } = session;
      const body =
        'Der **Kreisverkehr** am Rathaus wird umgebaut. Ein zweiter Kreisverkehr folgt.\n\nMehr unter [Kreisverkehr](https://example.org/kreisverkehr) und `Kreisverkehr`. Die BVV hat zugestimmt.';
      const { practice } = await kb.practices.save(
        undefined,
        germanPractice(kb, { texts: { de: { title: 'Umbau am Rathaus', summary: '', body } } }),
      );
      await page.getByRole('button', { name: 'Glossar', exact: true }).click();
      await page.getByRole('button', { name: /^Alle Praxisbeispiele/ }).click();
      await page.getByRole('button', { name: 'Umbau am Rathaus' }).click();
      await expect.poll(() => heading(page)).toBe('Umbau am Rathaus');

      // Only the first mention is marked, and never inside links or code.
      const marks = page.locator('.markdown .glossary-term');
      await expect.poll(() => marks.allTextContents()).toEqual(['Kreisverkehr', 'BVV']);
      const term = marks.first();
      expect(await term.getAttribute('tabindex')).toBe('0');

      // Keyboard: Tab reaches the term; its tooltip shows the Dutch term and definition and describes it.
      await page.getByRole('button', { name: 'Löschen', exact: true }).focus();
      for (let i = 0; i < 20 && (await page.evaluate(() => document.activeElement?.className)) !== 'glossary-term'; i++)
        await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Kreisverkehr');
      const tooltip = page.getByRole('tooltip');
      await expect.poll(() => tooltip.count()).toBe(1);
      expect(await tooltip.getAttribute('id')).toBe(await term.getAttribute('aria-describedby'));
      expect(await tooltip.getAttribute('lang')).toBe('nl');
      expect(await tooltip.locator('strong').textContent()).toBe('rotonde');
      const rotonde = starter.glossary.find((t) => t.term.nl === 'rotonde')!;
      expect(await tooltip.textContent()).toContain(rotonde.definition.nl);
      await session.screenshot('46-glossary-lookup-de');

      // Escape dismisses it without leaving the practice; hovering the other term shows its own.
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('tooltip').count()).toBe(0);
      expect(await heading(page)).toBe('Umbau am Rathaus');
      await marks.nth(1).hover();
      await expect
        .poll(() => page.getByRole('tooltip').locator('strong').textContent())
        .toBe(starter.glossary.find((t) => t.term.de.startsWith('Bezirksverordnetenversammlung'))!.term.nl);
      expect(practice.id).toBeTruthy();
    },
  );
});
