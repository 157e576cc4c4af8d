/**
 * Two app instances on one shared folder, in Chromium: one connects through
 * the settings (the folder dialog), a practice written in the other appears
 * in its list and in its "new since your last visit" view, and the sync
 * status in the sidebar reads right in German and in Dutch, also while the
 * folder is away; a photo attached in one shows in the other's gallery, as
 * "not yet available" while its bytes are still on their way.
 */
import { createHash } from 'node:crypto';
import { access, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Author } from '../../shared/model';
import { BLOBS_DIR, SYNC_DIR } from '../../core/sync/layout';
import { png } from '../helpers/attachment-fixtures';
import { AV, germanPractice } from '../helpers/knowledge-base';
import { useTempDirs } from '../helpers/temp-dir';
import { closeAppsAfterEachTest, openApp, type AppSession } from './harness';
import { axeViolations } from './axe';
import { englishSpeakingWidgets, layoutProblems } from './layout';

const tempDir = useTempDirs();
const JAN: Author = { name: 'Jan de Vries', organisationId: AV };
closeAppsAfterEachTest();

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 });
const nav = (page: Page, name: string | RegExp) => page.getByRole('navigation').getByRole('button', { name });
const status = (page: Page) => page.getByRole('navigation').getByTestId('sync-status').textContent();

async function connectThroughSettings(session: AppSession, folder: string, settings: RegExp, connect: RegExp) {
  const { page } = session;
  await nav(page, settings).click();
  session.dialogs.folderPath = folder;
  await page.getByRole('button', { name: connect }).click();
  await poll(() => page.getByRole('navigation').getByTestId('sync-status').count()).toBe(1);
}

describe('two app instances on one shared folder', () => {
  it('brings a practice from one to the other, in the list and in "new since", with the status in German', async () => {
    const shared = await tempDir();
    const erika = await openApp();
    const jan = await openApp({ user: JAN });
    await connectThroughSettings(erika, shared, /^Einstellungen/, /Ordner wählen und verbinden/);
    await connectThroughSettings(jan, shared, /^Einstellungen/, /Ordner wählen und verbinden/);
    await poll(() => status(jan.page)).toMatch(/^Synchronisiert um \d{1,2}:\d{2}$/);

    const { practice } = await erika.kb.practices.save(
      undefined,
      germanPractice(erika.kb, { texts: { de: { title: 'Kreisel vor dem Rathaus', summary: 'Neu.', body: 'Text.' } } }),
    );
    await erika.page.getByRole('button', { name: 'Jetzt synchronisieren' }).click();
    await poll(() => status(erika.page)).toMatch(/^Synchronisiert um/);

    await jan.page.getByRole('button', { name: 'Jetzt synchronisieren' }).click();
    await poll(() => nav(jan.page, /^Neu seit Ihrem letzten Besuch/).textContent()).toContain('1');
    await nav(jan.page, /^Neu seit Ihrem letzten Besuch/).click();
    const item = jan.page.locator('.new-since li').first();
    await poll(() => item.textContent()).toContain('Kreisel vor dem Rathaus');
    expect(await item.textContent()).toContain(
      'neues Praxisbeispiel von Erika Muster (Bezirksamt Tempelhof-Schöneberg)',
    );
    expect(await axeViolations(jan.page)).toEqual([]);
    expect(await layoutProblems(jan.page)).toEqual([]);
    expect(await englishSpeakingWidgets(jan.page)).toEqual([]);
    await jan.screenshot('sync-new-since-de');
    await nav(jan.page, /^Alle Praxisbeispiele/).click();
    await poll(() => jan.page.getByText('Kreisel vor dem Rathaus').count()).toBeGreaterThan(0);
    expect(jan.kb.store.get('practices', practice.id)).toBeDefined();

    await nav(jan.page, /^Neu seit Ihrem letzten Besuch/).click();
    await jan.page.getByRole('button', { name: 'Alles als gesehen markieren' }).click();
    await poll(() => jan.page.getByText('Nichts Neues.').count()).toBe(1);

    // The folder goes away (VPN off): the status says so, and writing here goes on.
    await rename(shared, `${shared}-away`);
    await nav(erika.page, /^Einstellungen/).click();
    await erika.page.getByRole('button', { name: 'Jetzt synchronisieren' }).click();
    await poll(() => status(erika.page)).toBe('Gemeinsamer Ordner nicht erreichbar – Sie arbeiten lokal weiter');
    await erika.kb.practices.save(undefined, germanPractice(erika.kb));
    await poll(() => status(erika.page)).toBe(
      'Gemeinsamer Ordner nicht erreichbar – Sie arbeiten lokal weiter · 1 Änderung wartet auf Übertragung',
    );
    await erika.screenshot('sync-unreachable-de');
    await rename(`${shared}-away`, shared);
  }, 90_000);

  it('shows a photo attached in one in the gallery of the other, "not yet available" until its bytes arrive', async () => {
    const shared = await tempDir();
    const erika = await openApp();
    const jan = await openApp({ user: JAN });
    await connectThroughSettings(erika, shared, /^Einstellungen/, /Ordner wählen und verbinden/);
    const { practice } = await erika.kb.practices.save(
      undefined,
      germanPractice(erika.kb, { texts: { de: { title: 'Turbo-Kreisel mit Foto', summary: '', body: 'Text.' } } }),
    );
    const photo = png(48, 32, [0, 120, 200]);
    await erika.kb.attachments.add(
      { kind: 'practices', id: practice.id },
      { bytes: photo, name: 'turbo.png' },
      { de: 'Turbo-Kreisel von oben', nl: 'Turborotonde van boven' },
    );
    await erika.page.getByRole('button', { name: 'Jetzt synchronisieren' }).click();
    const hash = createHash('sha256').update(photo).digest('hex');
    const blob = path.join(shared, SYNC_DIR, erika.kb.store.installationId, BLOBS_DIR, hash);
    await poll(() =>
      access(blob).then(
        () => true,
        () => false,
      ),
    ).toBe(true);
    await poll(() => erika.kb.sync.status().connections[0]?.state).toBe('synced');

    // The sync client has brought the change file to Jan's PC, not yet the photo.
    await rename(blob, `${shared}-photo`);
    await connectThroughSettings(jan, shared, /^Einstellungen/, /Ordner wählen und verbinden/);
    await poll(() => jan.kb.store.get('practices', practice.id)?.attachments?.length).toBe(1);
    await nav(jan.page, /^Alle Praxisbeispiele/).click();
    await jan.page.locator('.practice-card h2 button', { hasText: 'Turbo-Kreisel mit Foto' }).click();
    await poll(() => jan.page.locator('.attachment').textContent()).toContain(
      'Noch nicht verfügbar: Die Datei wird aus dem gemeinsamen Ordner übertragen.',
    );
    expect(await jan.page.locator('.gallery figure img').count()).toBe(0);
    expect(await axeViolations(jan.page)).toEqual([]);

    await rename(`${shared}-photo`, blob);
    await nav(jan.page, /^Einstellungen/).click();
    await jan.page.getByRole('button', { name: 'Jetzt synchronisieren' }).click();
    await poll(async () => (await jan.kb.attachments.list({ kind: 'practices', id: practice.id }))[0]?.health).toBe(
      'ok',
    );
    await nav(jan.page, /^Alle Praxisbeispiele/).click();
    await jan.page.locator('.practice-card h2 button', { hasText: 'Turbo-Kreisel mit Foto' }).click();
    const image = jan.page.locator('.gallery figure img');
    await poll(() => image.getAttribute('alt')).toBe('Turbo-Kreisel von oben');
    await poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(48);
    expect(await axeViolations(jan.page)).toEqual([]);
    await jan.screenshot('sync-attachment-gallery-de');
  }, 90_000);

  it('reads the status and the settings in Dutch, the folder shared with the partner limited to topics', async () => {
    const shared = await tempDir();
    const jan = await openApp({ user: JAN, systemLocales: ['nl-NL'] });
    const { page } = jan;
    await nav(page, /^Instellingen/).click();
    await page.getByRole('checkbox', { name: /Alleen een selectie/ }).check();
    const topic = jan.kb.store.all('topics')[0]!;
    await page.getByRole('checkbox', { name: topic.name.nl }).check();
    jan.dialogs.folderPath = shared;
    await page.getByRole('button', { name: /Map kiezen en koppelen/ }).click();
    await poll(() => status(page)).toMatch(/^Gesynchroniseerd om \d{1,2}:\d{2}$/);
    expect(await page.locator('.sync-folders').textContent()).toContain(
      `Alleen deze onderwerpen worden gedeeld: ${topic.name.nl}`,
    );
    expect(jan.kb.sync.status().connections[0]!.selection).toEqual({ topicIds: [topic.id] });
    expect(await axeViolations(page)).toEqual([]);
    expect(await layoutProblems(jan.page)).toEqual([]);
    expect(await englishSpeakingWidgets(jan.page)).toEqual([]);
    await jan.screenshot('sync-settings-nl');
  }, 60_000);
});
