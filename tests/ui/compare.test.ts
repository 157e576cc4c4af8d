import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadStarterContent } from '../../core/store/starter-content';
import { useTempDirs } from '../helpers/temp-dir';
import { type AppSession, closeAppsAfterEachTest, openApp } from './harness';
import { axeViolations } from './axe';

const tempDir = useTempDirs();
const starter = loadStarterContent();
let session: AppSession | undefined;

closeAppsAfterEachTest();

const heading = (page: Page) => page.locator('h1').textContent();
const rowLabels = (page: Page) => page.locator('.compare-table tbody th[scope=row] .row-label').allTextContents();
const columns = (page: Page) => page.locator('.compare-table thead th').allTextContents();
/** The cell of a row (by its label) and an organisation (by its column). */
const cellText = (page: Page, row: string, column: number) =>
  page
    .locator('.compare-table tbody tr')
    .filter({ has: page.locator('th .row-label', { hasText: row }) })
    .locator('td')
    .nth(column)
    .innerText();

async function openComparison(page: Page) {
  await page.getByRole('button', { name: 'Vergleich', exact: true }).click();
  await expect.poll(() => heading(page)).toBe('Verwaltungen im Vergleich');
  await expect.poll(() => page.locator('.compare-table').count()).toBe(1);
}

/** Shows the rows nobody has filled yet, hidden at first. */
const showEmptyRows = (page: Page) => page.getByRole('checkbox', { name: /Zeilen? ohne Angaben zeigen$/ }).check();

/** The starter's topics without any entry: their rows are hidden until asked for. */
const EMPTY_TOPICS = starter.topics.filter(
  (topic) =>
    !starter.comparison.some((cell) => cell.dimension === `topic:${topic.id}` && (cell.text.de || cell.text.nl)),
);

describe('the comparison table', () => {
  it(
    'shows one column per organisation and a row per dimension and topic, in German and in Dutch',
    { timeout: 60_000 },
    async () => {
      session = await openApp();
      const { page } = session;
      await openComparison(page);
      expect(await columns(page)).toEqual(['Merkmal', ...starter.organisations.map((o) => o.name.de)]);
      const structure = [
        'Verwaltungsebene und Rechtsstellung',
        'Größe',
        'Gewählte Vertretung',
        'Verwaltungsspitze und wie sie bestimmt wird',
        'Gliederung der Verwaltung',
      ];
      // Rows nobody has filled say nothing and are hidden, until someone wants to fill one.
      const filledTopics = starter.topics.filter((topic) => !EMPTY_TOPICS.includes(topic));
      expect(EMPTY_TOPICS.map((t) => t.id)).toContain('topic-office-design');
      expect(await rowLabels(page)).toEqual([...structure, ...filledTopics.map((t) => t.name.de)]);
      await page.getByRole('checkbox', { name: `${EMPTY_TOPICS.length} Zeilen ohne Angaben zeigen` }).check();
      await expect.poll(() => rowLabels(page)).toEqual([...structure, ...starter.topics.map((t) => t.name.de)]);
      expect(await cellText(page, 'Gewählte Vertretung', 0)).toContain('Bezirksverordnetenversammlung');
      expect(await cellText(page, 'Gewählte Vertretung', 0)).toContain('Beispielinhalt');
      // The size row is filled for both, with the reference date and the statistics office as a source.
      expect(await cellText(page, 'Größe', 0)).toContain('53,09 km²');
      expect(await cellText(page, 'Größe', 1)).toContain('Stand 1.1.2023');
      // Empty cells invite a contribution; topic rows link to that organisation's practices of the topic.
      expect(
        await page
          .getByRole('button', { name: 'Noch keine Angabe – ergänzen: Bürogestaltung, Gemeinde Amstelveen' })
          .count(),
      ).toBe(1);
      const roundabouts = starter.practices.filter(
        (p) => p.topicIds.includes('topic-roundabouts') && p.organisationId === 'org-amstelveen',
      );
      await page
        .getByRole('button', { name: `${roundabouts.length} Praxisbeispiele von Gemeinde Amstelveen` })
        .first()
        .click();
      await expect.poll(() => page.locator('.practice-card').count()).toBe(roundabouts.length);
      await page.getByRole('button', { name: 'Vergleich', exact: true }).click();
      expect(await axeViolations(page, '#main')).toEqual([]);
      await session.screenshot('40-compare-de');

      await page.getByRole('button', { name: 'Nederlands' }).click();
      await expect.poll(() => heading(page)).toBe('Organisaties vergeleken');
      expect(await columns(page)).toEqual(['Kenmerk', ...starter.organisations.map((o) => o.name.nl)]);
      // The choice to show them holds across languages (and starts).
      expect(await rowLabels(page)).toEqual([
        'Bestuurslaag en rechtspositie',
        'Omvang',
        'Gekozen volksvertegenwoordiging',
        'Dagelijks bestuur en hoe het wordt gekozen',
        'Indeling van de ambtelijke organisatie',
        ...starter.topics.map((t) => t.name.nl),
      ]);
      expect(
        await page.getByRole('checkbox', { name: `${EMPTY_TOPICS.length} rijen zonder gegevens tonen` }).isChecked(),
      ).toBe(true);
      expect(await cellText(page, 'Gekozen volksvertegenwoordiging', 1)).toContain('gemeenteraad');
      expect(
        await page
          .getByRole('button', { name: 'Nog geen gegevens – aanvullen: Kantoorinrichting, Gemeente Amstelveen' })
          .count(),
      ).toBe(1);
      await session.screenshot('41-compare-nl');
    },
  );

  it('filters rows by text, without diacritics, and by group', { timeout: 60_000 }, async () => {
    session = await openApp();
    const { page } = session;
    await openComparison(page);
    await page.getByRole('searchbox', { name: 'Zeilen filtern' }).fill('grosse');
    await expect.poll(() => rowLabels(page)).toEqual(['Größe']);
    await page.getByRole('searchbox', { name: 'Zeilen filtern' }).fill('');
    await showEmptyRows(page);
    await page.getByRole('combobox', { name: 'Bereich' }).selectOption({ label: 'Themen des Austauschs' });
    await expect.poll(() => rowLabels(page)).toEqual(starter.topics.map((t) => t.name.de));
    await page.getByRole('searchbox', { name: 'Zeilen filtern' }).fill('nichts dergleichen');
    await expect.poll(() => page.getByText('Keine Zeile passt zu diesem Filter.').count()).toBe(1);
  });

  it(
    'fills an empty cell, marks the other language, keeps it after reopening, and restores an older version',
    { timeout: 60_000 },
    async () => {
      const dataDir = await tempDir();
      session = await openApp({ dataDir });
      let page = session.page;
      await openComparison(page);
      await showEmptyRows(page);
      await page
        .getByRole('button', { name: 'Noch keine Angabe – ergänzen: Bürogestaltung, Gemeinde Amstelveen' })
        .click();
      const dialog = page.getByRole('dialog', { name: 'Bürogestaltung – Gemeinde Amstelveen' });
      await dialog.getByLabel('Text auf Deutsch (Markdown)').fill('Rund **93 000** Einwohnerinnen und Einwohner.');
      expect(await dialog.getByLabel('Text auf Niederländisch (Markdown)').getAttribute('lang')).toBe('nl');
      await dialog.getByRole('button', { name: 'Speichern' }).click();
      await expect
        .poll(() => cellText(page, 'Bürogestaltung', 1))
        .toContain('Rund 93 000 Einwohnerinnen und Einwohner.');
      expect(await cellText(page, 'Bürogestaltung', 1)).toContain('NL: fehlt');
      // Focus lands on the new cell's edit button, not on the body.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
        'Bürogestaltung – Gemeinde Amstelveen bearbeiten',
      );

      // Add the Dutch: both current. Then change the German only: the Dutch is outdated.
      await page.getByRole('button', { name: 'Bürogestaltung – Gemeinde Amstelveen bearbeiten' }).click();
      await dialog.getByLabel('Text auf Niederländisch (Markdown)').fill('Ongeveer 93.000 inwoners.');
      await dialog.getByRole('button', { name: 'Speichern' }).click();
      await expect.poll(() => cellText(page, 'Bürogestaltung', 1)).not.toContain('NL: fehlt');
      await page.getByRole('button', { name: 'Bürogestaltung – Gemeinde Amstelveen bearbeiten' }).click();
      await dialog.getByLabel('Text auf Deutsch (Markdown)').fill('Rund 94 000 Einwohnerinnen und Einwohner.');
      await dialog.getByRole('button', { name: 'Speichern' }).click();
      await expect.poll(() => cellText(page, 'Bürogestaltung', 1)).toContain('NL: veraltet');

      // Reopen on the same store: the cell is still there.
      await session.close();
      session = await openApp({ dataDir });
      page = session.page;
      await openComparison(page);
      expect(await cellText(page, 'Bürogestaltung', 1)).toContain('Rund 94 000 Einwohnerinnen und Einwohner.');

      // Restore the first version from the history.
      await page.getByRole('button', { name: 'Versionen von Bürogestaltung – Gemeinde Amstelveen' }).click();
      const history = page.getByRole('dialog', { name: 'Versionen: Bürogestaltung – Gemeinde Amstelveen' });
      await expect.poll(() => history.locator('tbody tr').count()).toBe(3);
      await history
        .locator('tbody tr')
        .last()
        .getByRole('button', { name: /wiederherstellen/ })
        .click();
      await page
        .getByRole('dialog', { name: 'Ältere Version wiederherstellen?' })
        .getByRole('button', { name: 'Wiederherstellen' })
        .click();
      await expect
        .poll(() => cellText(page, 'Bürogestaltung', 1))
        .toContain('Rund 93 000 Einwohnerinnen und Einwohner.');
      expect(
        session.kb.comparison.revisions(
          session.kb.comparison.table().cells.find((c) => c.entry.dimension === 'topic:topic-office-design')!.entry.id,
        ),
      ).toHaveLength(3);
    },
  );

  it(
    'tells why a save was refused when the cell changed in the meantime, and keeps the text in the editor',
    { timeout: 60_000 },
    async () => {
      session = await openApp();
      const { page, kb } = session;
      await openComparison(page);
      await page.getByRole('button', { name: 'Gewählte Vertretung – Gemeinde Amstelveen bearbeiten' }).click();
      const cell = kb.store.get('comparison', 'cmp-council-av')!;
      await kb.comparison.save({
        dimension: 'council',
        organisationId: cell.organisationId,
        baseUpdatedAt: cell.updatedAt,
        text: { de: 'Anderswo geändert.', nl: '' },
      });
      const dialog = page.getByRole('dialog', { name: 'Gewählte Vertretung – Gemeinde Amstelveen' });
      await dialog.getByLabel('Text auf Deutsch (Markdown)').fill('Meine Fassung.');
      await dialog.getByRole('button', { name: 'Speichern' }).click();
      await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('inzwischen geändert');
      expect(await dialog.getByLabel('Text auf Deutsch (Markdown)').inputValue()).toBe('Meine Fassung.');
    },
  );

  it('moves rows up and down by keyboard and keeps the order', { timeout: 60_000 }, async () => {
    session = await openApp();
    const { page } = session;
    await openComparison(page);
    await page.getByRole('button', { name: '„Größe“ nach oben verschieben' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await rowLabels(page)).slice(0, 2))
      .toEqual(['Größe', 'Verwaltungsebene und Rechtsstellung']);
    // At the top the up button is disabled: focus moved to the down button of the same row.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      '„Größe“ nach unten verschieben',
    );
    expect(await page.getByRole('status').filter({ hasText: 'Position 1 von 5' }).count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await rowLabels(page)).slice(0, 2))
      .toEqual(['Verwaltungsebene und Rechtsstellung', 'Größe']);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await rowLabels(page)).slice(1, 3)).toEqual(['Gewählte Vertretung', 'Größe']);

    await page.reload();
    await openComparison(page);
    expect((await rowLabels(page)).slice(0, 3)).toEqual([
      'Verwaltungsebene und Rechtsstellung',
      'Gewählte Vertretung',
      'Größe',
    ]);
  });

  it(
    'removes the starter content from the settings after confirming, keeping an edited cell',
    { timeout: 60_000 },
    async () => {
      session = await openApp();
      const { page, kb } = session;
      const cell = kb.store.get('comparison', 'cmp-council-av')!;
      await kb.comparison.save({
        dimension: 'council',
        organisationId: cell.organisationId,
        baseUpdatedAt: cell.updatedAt,
        text: { de: 'Eigene Angabe.', nl: '' },
      });
      const removable = kb.starterContent.state().removable;

      await page.getByRole('button', { name: 'Einstellungen', exact: true }).click();
      await expect
        .poll(() => page.getByText(`${removable} unveränderte Beispielinhalte können entfernt werden.`).count())
        .toBe(1);
      await page.getByRole('button', { name: 'Beispielinhalte entfernen' }).click();
      const confirm = page.getByRole('dialog', { name: 'Beispielinhalte entfernen?' });
      await confirm.getByRole('button', { name: 'Abbrechen' }).click();
      expect(kb.starterContent.state().removable).toBe(removable);
      await page.getByRole('button', { name: 'Beispielinhalte entfernen' }).click();
      await confirm.getByRole('button', { name: 'Beispielinhalte entfernen' }).click();
      await expect.poll(() => page.locator('.toast').textContent()).toContain(`${removable} Beispielinhalte entfernt.`);
      await expect.poll(() => page.getByRole('button', { name: 'Beispielinhalte entfernen' }).isDisabled()).toBe(true);
      await expect
        .poll(() => page.getByRole('button', { name: /^Alle Praxisbeispiele/ }).textContent())
        .toBe('Alle Praxisbeispiele0');

      await openComparison(page);
      expect(await cellText(page, 'Gewählte Vertretung', 1)).toContain('Eigene Angabe.');
      expect(await cellText(page, 'Gewählte Vertretung', 0)).toContain('Noch keine Angabe – ergänzen');
      expect(await page.locator('.compare-table .badge', { hasText: 'Beispielinhalt' }).count()).toBe(0);
    },
  );

  it(
    'prints to a PDF through the save dialog, and the print layout shows only the table with date and origin',
    { timeout: 60_000 },
    async () => {
      session = await openApp();
      const { page } = session;
      await openComparison(page);
      await showEmptyRows(page); // printed as shown, so with the rows nobody filled

      // Cancelled save dialog: nothing printed.
      await page.getByRole('button', { name: 'Drucken / als PDF speichern' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Drucken / als PDF speichern' }).isEnabled()).toBe(true);
      expect(session.printed).toEqual([]);

      session.dialogs.savePath = '/tmp/Vergleich.pdf';
      await page.getByRole('button', { name: 'Drucken / als PDF speichern' }).click();
      await expect.poll(() => page.locator('.toast').textContent()).toContain('Als PDF gespeichert: Vergleich.pdf');
      expect(session.printed).toHaveLength(1);
      expect(session.printed[0]).toEqual({
        suggestedName: expect.stringMatching(/^Verwaltungsvergleich \d{4}-\d{2}-\d{2}\.pdf$/),
        file: '/tmp/Vergleich.pdf',
      });

      const origin = page.locator('.compare-origin');
      expect(await origin.isVisible()).toBe(false);
      await page.emulateMedia({ media: 'print' });
      expect(await origin.isVisible()).toBe(true);
      const year = new Date().getFullYear();
      expect(await origin.innerText()).toMatch(new RegExp(`Stand: \\d{1,2}\\. \\S+ ${year}`));
      expect(await origin.innerText()).toContain(
        'Erstellt mit twinning-kb von Erika Muster (Bezirksamt Tempelhof-Schöneberg)',
      );
      // An installation id means nothing to a reader: people are named, never installations.
      expect(await origin.innerText()).not.toContain(session.kb.store.installationId.slice(0, 8));
      expect(await origin.innerText()).toContain(`Herkunft der Angaben: ${starter.comparison.length} Beispielinhalte`);
      expect(await page.locator('.compare-table').isVisible()).toBe(true);
      expect(await page.locator('h1').isVisible()).toBe(true);
      for (const hidden of ['.sidebar', '.app-header', '.filters', '.cell-actions', '.row-move']) {
        expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
      }
      // An empty cell prints as such, without its button.
      expect(await cellText(page, 'Bürogestaltung', 0)).toMatch(/^keine Angabe/);
      await session.screenshot('42-compare-print-de');

      // In Dutch, the printout is Dutch.
      await page.emulateMedia({ media: 'screen' });
      await page.getByRole('button', { name: 'Nederlands' }).click();
      await expect.poll(() => heading(page)).toBe('Organisaties vergeleken');
      await page.emulateMedia({ media: 'print' });
      expect(await origin.innerText()).toContain('Gemaakt met twinning-kb door Erika Muster');
      expect(await origin.innerText()).toContain(
        `Herkomst van de gegevens: ${starter.comparison.length} uit de voorbeeldinhoud`,
      );
    },
  );
});
