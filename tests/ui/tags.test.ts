import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadStarterContent } from '../../core/store/starter-content';
import type { Lang } from '../../shared/model';
import { axeViolations } from './axe';
import { type AppSession, closeAppsAfterEachTest, openApp } from './harness';

const starter = loadStarterContent();
let session: AppSession | undefined;

closeAppsAfterEachTest();

const topTags = (page: Page) => page.locator('.tag-list:not(.all-tags) button > span:first-child').allTextContents();
const allTags = (page: Page) => page.locator('#nav-all-tags button > span:first-child').allTextContents();
const tagsOf = (s: AppSession, id: string) => s.kb.practices.get(id).practice.tags;
const shownTitles = (page: Page) => page.locator('.practice-card h2 button').allTextContents();
/** The starter titles as a reader of `lang` sees them, in the order a collator for `lang` gives. */
const collatedTitles = (lang: Lang) => {
  const other: Lang = lang === 'de' ? 'nl' : 'de';
  return starter.practices
    .map((p) => (p.texts[lang] ?? p.texts[other])!.title)
    .sort(new Intl.Collator(lang, { sensitivity: 'base', numeric: true }).compare);
};

async function openTagSettings(page: Page, settings: string, heading: string) {
  await page.getByRole('button', { name: settings, exact: true }).click();
  await page.getByRole('heading', { name: heading }).scrollIntoViewIfNeeded();
}

describe('tags', () => {
  it(
    'shows the most used tags in German with the rest behind “more”, and renames, merges and undoes in the settings',
    { timeout: 90_000 },
    async () => {
      session = await openApp();
      const { page } = session;
      // The twelve most used, in German: a Dutch key shows its German name, and a merged pair counts once.
      await expect.poll(() => topTags(page).then((t) => t.length)).toBe(12);
      const top = await topTags(page);
      // The merged pairs (German and Dutch keys for one tag) lead, three practices each.
      expect(top.slice(0, 2).sort()).toEqual(['Bürgerbeteiligung', 'Verkehrssicherheit']);
      expect(top).toContain('Kreisverkehr');
      expect(top).not.toContain('rotonde');
      const more = page.locator('.more-tags');
      expect(await more.textContent()).toMatch(/^Alle \d+ Schlagwörter$/);
      expect(await more.getAttribute('aria-expanded')).toBe('false');
      await more.press('Enter');
      expect(await more.getAttribute('aria-expanded')).toBe('true');
      expect(await more.textContent()).toBe('Nur die häufigsten Schlagwörter');
      const all = await allTags(page);
      expect(all).toEqual([...all].sort(new Intl.Collator('de', { sensitivity: 'base', numeric: true }).compare));
      expect(all.filter((t) => t === 'Verkehrssicherheit')).toHaveLength(1);
      expect(all).toContain('Überflutung');
      expect(await axeViolations(page, '.sidebar')).toEqual([]);
      await page.locator('#nav-all-tags button', { hasText: 'Turbokreisel' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Schlagwort: Turbokreisel');
      await session.screenshot('70-tags-sidebar-de');

      await openTagSettings(page, 'Einstellungen', 'Schlagwörter verwalten');
      // Renaming to a name another tag has is refused with what to do instead.
      await page.getByRole('button', { name: 'Schlagwort „Turbokreisel“ umbenennen' }).click();
      const rename = page.getByRole('form', { name: 'Schlagwort „Turbokreisel“ umbenennen' });
      await rename.getByLabel('Deutscher Name').fill('Kreisverkehr');
      await rename.getByRole('button', { name: 'Speichern' }).click();
      await expect
        .poll(() => page.getByRole('alert').first().textContent())
        .toContain('Ein anderes Schlagwort heißt schon „Kreisverkehr“');
      await rename.getByLabel('Deutscher Name').fill('Turbo-Kreisverkehr');
      await rename.getByRole('button', { name: 'Speichern' }).click();
      await expect.poll(() => page.getByRole('cell', { name: 'Turbo-Kreisverkehr', exact: true }).count()).toBe(1);
      expect(tagsOf(session, 'practice-nl-turbo-roundabout')).toContain('turborotonde');
      // Renaming is undone from its message too, and undone again by renaming.
      await page.locator('.toast').getByRole('button', { name: 'Rückgängig' }).click();
      await expect.poll(() => page.getByRole('cell', { name: 'Turbokreisel', exact: true }).count()).toBe(1);
      await page.getByRole('button', { name: 'Schlagwort „Turbokreisel“ umbenennen' }).click();
      await rename.getByLabel('Deutscher Name').fill('Turbo-Kreisverkehr');
      await rename.getByRole('button', { name: 'Speichern' }).click();
      await expect.poll(() => page.getByRole('cell', { name: 'Turbo-Kreisverkehr', exact: true }).count()).toBe(1);

      // Merging asks first, naming how many practices change; the message after it can undo it.
      await page
        .getByRole('button', { name: 'Schlagwort „Turbo-Kreisverkehr“ mit einem anderen zusammenführen' })
        .click();
      await page.getByLabel('„Turbo-Kreisverkehr“ aufgehen lassen in').selectOption({ label: 'Kreisverkehr' });
      expect(await axeViolations(page, '#main')).toEqual([]);
      await page.getByRole('form').getByRole('button', { name: 'Zusammenführen' }).click();
      const dialog = page.getByRole('dialog', { name: '„Turbo-Kreisverkehr“ in „Kreisverkehr“ aufgehen lassen?' });
      expect(await dialog.textContent()).toContain(
        '1 Praxisbeispiel trägt dann „Kreisverkehr“ statt „Turbo-Kreisverkehr“.',
      );
      await session.screenshot('71-tags-merge-de');
      await dialog.getByRole('button', { name: 'Zusammenführen' }).click();
      await expect
        .poll(() => page.locator('.toast').textContent())
        .toContain('„Turbo-Kreisverkehr“ ist in „Kreisverkehr“ aufgegangen (1 Praxisbeispiel geändert).');
      expect(tagsOf(session, 'practice-nl-turbo-roundabout')).toEqual([
        'rotonde',
        'rijstroken',
        'capaciteit',
        'verkeersveiligheid',
      ]);
      expect(session.kb.practices.revisions('practice-nl-turbo-roundabout')).toHaveLength(1);
      await page.locator('.toast').getByRole('button', { name: 'Rückgängig' }).click();
      await expect.poll(() => tagsOf(session!, 'practice-nl-turbo-roundabout')).toContain('turborotonde');
      await expect.poll(() => page.getByRole('cell', { name: 'Turbo-Kreisverkehr', exact: true }).count()).toBe(1);
      expect(await axeViolations(page, '#main')).toEqual([]);
    },
  );

  it(
    'shows, renames and merges tags in Dutch, confirming with the number of practices',
    { timeout: 90_000 },
    async () => {
      session = await openApp({ systemLocales: ['nl-NL'] });
      const { page } = session;
      await expect
        .poll(() => topTags(page).then((t) => t.slice(0, 2).sort()))
        .toEqual(['burgerparticipatie', 'verkeersveiligheid']);
      expect(await topTags(page)).toContain('rotonde');
      await page.getByRole('button', { name: /^Alle \d+ trefwoorden$/ }).click();
      const all = await allTags(page);
      expect(all).toEqual([...all].sort(new Intl.Collator('nl', { sensitivity: 'base', numeric: true }).compare));
      expect(all).toContain('sponsstad');
      expect(await axeViolations(page, '.sidebar')).toEqual([]);

      await openTagSettings(page, 'Instellingen', 'Trefwoorden beheren');
      await page.getByRole('button', { name: 'Trefwoord ‘fietsers’ hernoemen' }).click();
      const rename = page.getByRole('form', { name: 'Trefwoord ‘fietsers’ hernoemen' });
      await rename.getByLabel('Nederlandse naam').fill('');
      await rename.getByRole('button', { name: 'Opslaan' }).click();
      await expect
        .poll(() => rename.getByRole('alert').textContent())
        .toBe('Geef een Duitse en een Nederlandse naam op.');
      await rename.getByLabel('Nederlandse naam').fill('fietsende mensen');
      await rename.getByRole('button', { name: 'Opslaan' }).click();
      await expect.poll(() => page.getByRole('cell', { name: 'fietsende mensen', exact: true }).count()).toBe(1);

      await page.getByRole('button', { name: 'Trefwoord ‘fietsverkeer’ met een ander samenvoegen' }).click();
      await page.getByLabel('‘fietsverkeer’ laten opgaan in').selectOption({ label: 'fietsende mensen' });
      await page.getByRole('form').getByRole('button', { name: 'Samenvoegen' }).click();
      const dialog = page.getByRole('dialog', { name: '‘fietsverkeer’ laten opgaan in ‘fietsende mensen’?' });
      expect(await dialog.textContent()).toContain(
        '1 praktijkvoorbeeld krijgt dan ‘fietsende mensen’ in plaats van ‘fietsverkeer’.',
      );
      expect(await axeViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Samenvoegen' }).click();
      await expect.poll(() => tagsOf(session!, 'practice-de-mobility-act')).toContain('fietsers');
      expect(tagsOf(session, 'practice-de-mobility-act')).not.toContain('radverkehr');
      expect(session.kb.tags.list().find((t) => t.tag === 'fietsers')!.count).toBe(3);

      // Deleting confirms with the number too; cancelling changes nothing.
      await page.getByRole('button', { name: 'Trefwoord ‘rotonde’ verwijderen' }).click();
      const remove = page.getByRole('dialog', { name: 'Trefwoord ‘rotonde’ verwijderen?' });
      expect(await remove.textContent()).toContain('‘rotonde’ wordt van 2 praktijkvoorbeelden verwijderd.');
      await remove.getByRole('button', { name: 'Annuleren' }).click();
      expect(tagsOf(session, 'practice-nl-turbo-roundabout')).toContain('rotonde');
      await session.screenshot('72-tags-settings-nl');
    },
  );

  it(
    'offers the existing tags in the editor as the reader names them, and saves the tag that exists',
    { timeout: 60_000 },
    async () => {
      session = await openApp({ systemLocales: ['nl-NL'] });
      const { page } = session;
      await page.getByRole('button', { name: 'Nieuw praktijkvoorbeeld' }).click();
      await page.getByRole('checkbox', { name: 'Rotondes' }).check();
      const tags = page.getByRole('textbox', { name: 'Trefwoorden' });
      await tags.fill('Verkeersveiligheid, roto');
      const offered = page.getByRole('list', { name: 'Bestaande trefwoorden' });
      await expect.poll(() => offered.getByRole('button').allTextContents()).toEqual(['rotonde', 'turborotonde']);
      expect(await page.getByRole('status').filter({ hasText: 'passende trefwoorden' }).textContent()).toBe(
        '2 passende trefwoorden gevonden',
      );
      expect(await axeViolations(page, '#main')).toEqual([]);
      await offered.getByRole('button', { name: 'rotonde', exact: true }).click();
      expect(await tags.inputValue()).toBe('Verkeersveiligheid, rotonde, ');
      // A German name typed by a Dutch reader finds the tag too.
      await tags.fill('Verkeersveiligheid, rotonde, Radverkehr, nieuw trefwoord');
      await page.getByRole('textbox', { name: 'Titel' }).first().fill('Rotondes in Amstelveen');
      await page.keyboard.press('Control+s');
      await expect.poll(() => page.locator('h1').textContent()).toBe('Rotondes in Amstelveen');
      const saved = session.kb.practices.list({ sort: 'changed', offset: 0, limit: 1 }).items[0]!;
      expect(saved.tags).toEqual(['verkeersveiligheid', 'rotonde', 'radverkehr', 'nieuw trefwoord']);
      expect(await page.locator('.facts').textContent()).toContain('fietsverkeer');
    },
  );
  it(
    'sorts the practice list by title as German and as Dutch readers collate, and remembers the choice',
    { timeout: 90_000 },
    async () => {
      session = await openApp();
      const { page } = session;
      const sort = page.getByRole('group', { name: 'Sortieren nach' });
      expect(await sort.getByRole('radio', { name: 'Zuletzt geändert' }).isChecked()).toBe(true);
      await sort.getByRole('radio', { name: 'Titel' }).check();
      const german = collatedTitles('de');
      await expect.poll(async () => (await shownTitles(page)).slice(0, 5)).toEqual(german.slice(0, 5));
      expect(await axeViolations(page, '#main')).toEqual([]);
      await session.screenshot('73-practices-by-title-de');
      await page.reload();
      await expect.poll(() => page.getByRole('radio', { name: 'Titel' }).isChecked()).toBe(true);
      await session.close();

      session = await openApp({ systemLocales: ['nl-NL'] });
      const dutch = collatedTitles('nl');
      const nlPage = session.page;
      await nlPage.getByRole('group', { name: 'Sorteren op' }).getByRole('radio', { name: 'Titel' }).check();
      await expect.poll(async () => (await shownTitles(nlPage)).slice(0, 5)).toEqual(dutch.slice(0, 5));
      await nlPage.getByRole('radio', { name: 'Organisatie' }).check();
      await expect
        .poll(async () => nlPage.locator('.practice-card .meta').first().textContent())
        .toContain('Amstelveen');
      expect(await axeViolations(nlPage, '#main')).toEqual([]);
    },
  );
});
