/**
 * Whose practice it is, on the practice page and in the list, and the
 * sources of a comparison cell, edited in the cell editor: in German and in
 * Dutch, checked with axe.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type AppSession, closeAppsAfterEachTest, openApp } from './harness';
import { axeViolations } from './axe';

let session: AppSession | undefined;
closeAppsAfterEachTest();

const practiceFacts = (page: Page) => page.locator('dl.facts').first().innerText();

describe('the scope of a practice', () => {
  it(
    'is shown on the practice page and in the list, truthfully, in German and in Dutch',
    { timeout: 60_000 },
    async () => {
      session = await openApp();
      const { page } = session;
      const card = page.locator('.practice-card').filter({ hasText: 'Berliner Mobilitätsgesetz' });
      await expect.poll(() => card.count()).toBe(1);
      expect(await card.locator('.meta').innerText()).toContain('Land oder Region: Land Berlin (Landesgesetz)');
      await card.locator('h2 button').click();
      await expect.poll(() => practiceFacts(page)).toContain('Geltungsbereich');
      expect(await practiceFacts(page)).toContain('Land oder Region: Land Berlin (Landesgesetz)');
      expect(await axeViolations(page, '#main')).toEqual([]);

      await page.getByRole('button', { name: 'Nederlands' }).click();
      await expect.poll(() => practiceFacts(page)).toContain('Reikwijdte');
      expect(await practiceFacts(page)).toContain(
        'Deelstaat, provincie of regio: deelstaat Berlijn (wet van de deelstaat)',
      );
      expect(await axeViolations(page, '#main')).toEqual([]);
      await session.screenshot('17-practice-scope-nl');
    },
  );

  it('is chosen in the practice editor and saved', { timeout: 60_000 }, async () => {
    session = await openApp();
    const { page } = session;
    await page.locator('.practice-card').filter({ hasText: 'Kanban-Boards' }).locator('h2 button').click();
    await page.getByRole('button', { name: 'Bearbeiten', exact: true }).click();
    const level = page.getByRole('combobox', { name: /^Ebene/ });
    expect(await level.inputValue()).toBe('general');
    await level.selectOption('organisation');
    await page.getByLabel('Wer dahintersteht (Deutsch)').fill('');
    await page.getByLabel('Wer dahintersteht (Niederländisch)').fill('');
    expect(await axeViolations(page, '#main')).toEqual([]);
    await page.getByRole('button', { name: 'Speichern', exact: true }).click();
    await expect.poll(() => practiceFacts(page)).toContain('Eigene Praxis dieser Verwaltung');
    const kanban = session.kb.practices.live().find((p) => p.id === 'practice-de-kanban-teams')!;
    expect(kanban.scope).toEqual({ level: 'organisation' });
  });
});

describe('the sources of a comparison cell', () => {
  it(
    'are edited in the cell editor and shown as links, in German and in Dutch, refusing an incomplete one',
    { timeout: 60_000 },
    async () => {
      session = await openApp();
      const { page } = session;
      await page.getByRole('button', { name: 'Vergleich', exact: true }).click();
      await expect.poll(() => page.locator('.compare-table').count()).toBe(1);
      const sizeSources = page.getByRole('list', { name: 'Quellen zu Größe – Gemeinde Amstelveen' });
      expect(await sizeSources.getByRole('link').allTextContents()).toContain(
        'CBS StatLine: Regionale kerncijfers Nederland (bevolking, oppervlakte per gemeente)',
      );

      await page.getByRole('button', { name: 'Gewählte Vertretung – Gemeinde Amstelveen bearbeiten' }).click();
      const dialog = page.getByRole('dialog', { name: 'Gewählte Vertretung – Gemeinde Amstelveen' });
      await expect.poll(() => dialog.getByRole('group', { name: 'Quellen' }).count()).toBe(1);
      await dialog.getByRole('button', { name: 'Quelle hinzufügen' }).click();
      const n = await dialog.locator('.source-row').count();
      await dialog.getByLabel(`Titel der Quelle ${n}`).fill('Gemeenteraad Amstelveen');
      await dialog.getByRole('button', { name: 'Speichern' }).click();
      await expect
        .poll(() => dialog.getByRole('alert').innerText())
        .toContain('Jede Quelle braucht einen Titel und eine Adresse');
      await dialog.getByLabel(`Adresse der Quelle ${n}`).fill('https://www.amstelveen.nl/gemeenteraad');
      expect(await axeViolations(page, '#main')).toEqual([]);
      await dialog.getByRole('button', { name: 'Speichern' }).click();
      const councilSources = page.getByRole('list', { name: 'Quellen zu Gewählte Vertretung – Gemeinde Amstelveen' });
      await expect.poll(() => councilSources.getByRole('link').allTextContents()).toContain('Gemeenteraad Amstelveen');
      const saved = session.kb.store.get('comparison', 'cmp-council-av')!;
      expect(saved.sources!.at(-1)).toEqual({
        title: 'Gemeenteraad Amstelveen',
        url: 'https://www.amstelveen.nl/gemeenteraad',
      });

      await page.getByRole('button', { name: 'Nederlands' }).click();
      await expect
        .poll(() => page.getByRole('list', { name: 'Bronnen bij Omvang – Gemeente Amstelveen' }).count())
        .toBe(1);
      await page
        .getByRole('button', { name: 'Gekozen volksvertegenwoordiging – Gemeente Amstelveen bewerken' })
        .click();
      const nlDialog = page.getByRole('dialog', { name: 'Gekozen volksvertegenwoordiging – Gemeente Amstelveen' });
      await expect.poll(() => nlDialog.getByRole('group', { name: 'Bronnen' }).count()).toBe(1);
      expect(await nlDialog.getByLabel(`Titel van bron ${n}`).inputValue()).toBe('Gemeenteraad Amstelveen');
      expect(await axeViolations(page, '#main')).toEqual([]);
      await session.screenshot('42-compare-cell-sources-nl');
    },
  );
});
