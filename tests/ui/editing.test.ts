import { mkdir, rm } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type AppSession, closeAppsAfterEachTest, openApp } from './harness';

let session: AppSession | undefined;
closeAppsAfterEachTest();

const heading = (page: Page) => page.locator('h1').textContent();
const column = (page: Page, language: 'Deutsch' | 'Niederländisch') =>
  page.locator('fieldset.editor-column').filter({ has: page.locator('legend', { hasText: language }) });

async function writeGermanPractice(page: Page, title: string) {
  await page.getByRole('button', { name: 'Neues Praxisbeispiel' }).click();
  await expect.poll(() => heading(page)).toBe('Neues Praxisbeispiel');
  await page.getByRole('checkbox', { name: 'Kreisverkehre' }).check();
  await page.getByRole('textbox', { name: 'Schlagwörter' }).fill('Radverkehr, Sicherheit');
  const de = column(page, 'Deutsch');
  await de.getByLabel('Titel').fill(title);
  await de.getByLabel('Zusammenfassung').fill('Radfahrende haben Vorrang.');
  await de.getByLabel('Text (Markdown)').fill('## Ziel\n\nWeniger **Unfälle**.');
  // The live preview shows the body as the reader will see it.
  await expect.poll(() => de.locator('.preview strong').textContent()).toBe('Unfälle');
  await page.keyboard.press('Control+s');
  await expect.poll(() => heading(page)).toBe(title);
}

describe('writing and annotating', () => {
  it('asks who the user is on first start and stamps it on what they write', async () => {
    session = await openApp({ user: null });
    const { page } = session;
    await expect.poll(() => heading(page)).toBe('Willkommen bei twinning-kb');
    await session.screenshot('10-welcome-de');
    await page.getByLabel('Ihr Name').fill('Jan de Vries');
    await page.getByRole('radio', { name: 'Gemeinde Amstelveen' }).check();
    await page.getByRole('button', { name: 'Speichern' }).click();
    // A welcome says what comes next: what this is, that it stays on this PC, how the partner's content arrives.
    await expect.poll(() => heading(page)).toBe('Willkommen, Jan de Vries');
    const welcome = await page.locator('main').textContent();
    expect(welcome).toContain('bleibt auf diesem PC');
    expect(welcome).toContain('Austauschpaket');
    await session.screenshot('10-welcome-next-de');
    await page.getByRole('button', { name: 'Praxisbeispiele lesen' }).click();
    await expect.poll(() => heading(page)).toBe('Alle Praxisbeispiele');
    expect(session.kb.settings.get().user).toEqual({ name: 'Jan de Vries', organisationId: 'org-amstelveen' });
  });

  it('writes a practice in German, translates it, and marks Dutch outdated when the German changes', async () => {
    session = await openApp();
    const { page } = session;
    await writeGermanPractice(page, 'Sichere Kreisverkehre');
    expect(await page.locator('.translation-states').textContent()).toContain('NL: fehlt');

    // Translate into Dutch.
    await page.getByRole('button', { name: 'Ins Niederländische übersetzen' }).click();
    const nl = column(page, 'Niederländisch');
    await nl.getByLabel('Titel').fill('Veilige rotondes');
    await nl.getByLabel('Zusammenfassung').fill('Fietsers hebben voorrang.');
    await nl.getByLabel('Text (Markdown)').fill('## Doel\n\nMinder **ongevallen**.');
    expect(await nl.getByLabel('Titel').getAttribute('lang')).toBe('nl');
    await session.screenshot('11-editor-side-by-side-de');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await expect.poll(() => page.locator('.translation-states').textContent()).toContain('NL: aktuell');

    // Edit the German original: the Dutch translation is now outdated, on the page and in the list filter.
    await page.getByRole('button', { name: 'Bearbeiten', exact: true }).click();
    await column(page, 'Deutsch').getByLabel('Text (Markdown)').fill('## Ziel\n\nNoch weniger **Unfälle**.');
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.locator('.translation-states').textContent()).toContain('NL: veraltet');
    await session.screenshot('12-practice-outdated-de');

    await page.getByRole('button', { name: 'Alle Praxisbeispiele' }).click();
    await page.getByLabel('Übersetzung').selectOption({ label: 'braucht Übersetzung ins Niederländische' });
    const card = page.locator('.practice-card').filter({ hasText: 'Sichere Kreisverkehre' });
    await expect.poll(() => card.locator('.badge-outdated').textContent()).toBe('NL: veraltet');

    // Marking it checked makes it current again.
    await card.getByRole('button', { name: 'Sichere Kreisverkehre' }).click();
    await page.getByRole('button', { name: 'Niederländisch als geprüft markieren' }).click();
    await expect.poll(() => page.locator('.translation-states').textContent()).toContain('NL: aktuell');
  });

  it('adds a lesson learned linked to a visit and finds it in the overview', async () => {
    session = await openApp();
    const { page } = session;
    const visit = session.kb.visits.list().find((v) => v.status === 'held')!;
    await page.locator('.practice-card h2 button').first().click();
    await expect.poll(() => page.locator('article h1').count()).toBe(1);
    const form = page.getByRole('form', { name: 'Neue Anmerkung' });
    await form.getByLabel('Art').selectOption({ label: 'Erkenntnis' });
    await form.getByLabel('Besuch').selectOption({ index: 1 + session.kb.visits.list().indexOf(visit) });
    await form.getByLabel('Text').fill('Bei der Rotonde haben Radfahrende Vorrang – das wollen wir prüfen.');
    await form.getByRole('button', { name: 'Anmerkung hinzufügen' }).click();
    await expect.poll(() => page.locator('.annotation-text').first().textContent()).toContain('Rotonde');
    await session.screenshot('13-annotation-de');
    // Attachments belong to a saved annotation: they are offered right after saving it.
    await page.getByRole('button', { name: 'Anlagen hinzufügen' }).click();
    const editing = page.locator('.annotation-editing');
    await expect.poll(() => editing.locator('.attachments h3').textContent()).toMatch(/^Anlagen/);
    await editing.getByRole('button', { name: 'Abbrechen' }).click();
    await expect.poll(() => editing.count()).toBe(0);

    await page.getByRole('button', { name: 'Erkenntnisse' }).click();
    await page.getByLabel('Besuch').selectOption(visit.id);
    await page.getByLabel('Art').selectOption('lesson');
    await expect
      .poll(() => page.locator('.annotation-text').allTextContents())
      .toEqual(['Bei der Rotonde haben Radfahrende Vorrang – das wollen wir prüfen.']);
    await session.screenshot('14-lessons-de');

    // The visit's page lists it too.
    await page.locator('.annotation .meta button').first().click();
    await expect
      .poll(() => page.locator('.annotation-text').allTextContents())
      .toContain('Bei der Rotonde haben Radfahrende Vorrang – das wollen wir prüfen.');
  });

  it("refuses a source address without http(s) with the app's own message, not the browser's", async () => {
    session = await openApp();
    const { page } = session;
    await writeGermanPractice(page, 'Mit Quelle');
    await page.getByRole('button', { name: 'Bearbeiten', exact: true }).click();
    await page.getByRole('button', { name: 'Quelle hinzufügen' }).click();
    await page.getByLabel('Titel der Quelle 1').fill('Fietsberaad');
    await page.getByLabel('Adresse der Quelle 1').fill('www.fietsberaad.nl');
    await page.keyboard.press('Enter'); // a form submission, which Chromium's own checks would stop in English
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Jede Quelle braucht einen Titel und eine Adresse, die mit http:// oder https:// beginnt.');
    expect(await page.locator('form:not([novalidate])').count()).toBe(0);
  });

  it('restores an older revision after showing what differs', async () => {
    session = await openApp();
    const { page } = session;
    await writeGermanPractice(page, 'Erste Fassung');
    await page.getByRole('button', { name: 'Bearbeiten', exact: true }).click();
    await column(page, 'Deutsch').getByLabel('Titel').fill('Zweite Fassung');
    await page.keyboard.press('Control+s');
    await expect.poll(() => heading(page)).toBe('Zweite Fassung');

    await page.getByRole('button', { name: 'Versionen' }).click();
    await expect.poll(() => heading(page)).toBe('Versionen von „Zweite Fassung“');
    await expect.poll(() => page.locator('.diff del').first().textContent()).toBe('Erste');
    expect(await page.locator('.diff ins').first().textContent()).toBe('Zweite');
    await session.screenshot('15-history-de');
    await page.getByRole('button', { name: /^Version vom .* wiederherstellen$/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Wiederherstellen' }).click();
    await expect.poll(() => heading(page)).toBe('Erste Fassung');
    expect(
      session.kb.practices.revisions(session.kb.practices.list({ offset: 0, limit: 1 }).items[0]!.id),
    ).toHaveLength(2);
  });

  it('asks before deleting, and undoes the deletion from the message', async () => {
    session = await openApp();
    const { page } = session;
    await writeGermanPractice(page, 'Wird gelöscht');
    await page.getByRole('button', { name: 'Löschen' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('heading').textContent()).toBe('Praxisbeispiel löschen?');
    await session.screenshot('16-confirm-delete-de');
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    expect(await heading(page)).toBe('Wird gelöscht');

    await page.getByRole('button', { name: 'Löschen' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'In den Papierkorb' }).click();
    await expect.poll(() => heading(page)).toBe('Alle Praxisbeispiele');
    expect(await page.locator('.practice-card', { hasText: 'Wird gelöscht' }).count()).toBe(0);
    await page.locator('.toast').getByRole('button', { name: 'Rückgängig' }).click();
    await expect.poll(() => heading(page)).toBe('Wird gelöscht');
  });

  it('keeps unsaved text when the user navigates away and then stays', async () => {
    session = await openApp();
    const { page } = session;
    await page.getByRole('button', { name: 'Neues Praxisbeispiel' }).click();
    await column(page, 'Deutsch').getByLabel('Titel').fill('Nicht verlieren');
    await page.getByRole('button', { name: 'Besuche' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('heading').textContent()).toBe('Ungespeicherte Änderungen verwerfen?');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await column(page, 'Deutsch').getByLabel('Titel').inputValue()).toBe('Nicht verlieren');
    expect(await heading(page)).toBe('Neues Praxisbeispiel');
  });

  it('shows a clear message when saving fails, and keeps the text in the editor', async () => {
    session = await openApp();
    const { page } = session;
    await page.getByRole('button', { name: 'Neues Praxisbeispiel' }).click();
    await page.getByRole('checkbox', { name: 'Kreisverkehre' }).check();
    await column(page, 'Deutsch').getByLabel('Titel').fill('Geht nicht verloren');
    await rm(session.dataDir, { recursive: true }); // the store's folder vanishes, as when a network drive drops
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Speichern fehlgeschlagen');
    expect(await column(page, 'Deutsch').getByLabel('Titel').inputValue()).toBe('Geht nicht verloren');
    expect(await heading(page)).toBe('Neues Praxisbeispiel');
    await session.screenshot('17-save-failed-de');
    await mkdir(session.dataDir); // the drive comes back, so that closing can write what it keeps in memory
  });
});
