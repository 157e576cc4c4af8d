import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Bundle } from '../../shared/bundle';
import type { Author } from '../../shared/model';
import type { KnowledgeBase } from '../../core/knowledge-base';
import { SEARCH_INDEX_FILE } from '../../core/search/live-search';
import { bundleText, exportedBundle, garbageBytes, snapshotFiles, tampered } from '../helpers/bundles';
import { AV, germanPractice } from '../helpers/knowledge-base';
import { useTempDirs } from '../helpers/temp-dir';
import { closeAppsAfterEachTest, openApp, type AppSession } from './harness';
import { axeViolations } from './axe';

const tempDir = useTempDirs();
const JAN: Author = { name: 'Jan de Vries', organisationId: AV };
closeAppsAfterEachTest();

const open = (user?: Author): Promise<AppSession> => openApp(user ? { user } : {});

/** Imports and backups write files: give them more than the default second. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });
const heading = (page: Page) => page.locator('h1').textContent();
const nav = (page: Page, name: string | RegExp) => page.getByRole('navigation').getByRole('button', { name });
const conflictsInSidebar = (page: Page) => nav(page, /^Konflikte/).count();
const previewRow = (page: Page, kind: string) =>
  page
    .locator('.import-preview')
    .getByRole('row', { name: new RegExp(`^${kind}`) })
    .getByRole('cell')
    .allTextContents();

async function openExchange(page: Page) {
  await nav(page, 'Austausch').click();
  await poll(() => heading(page)).toBe('Austausch');
}

/** Exports everything from the session into `file` through the save dialog. */
async function exportTo(session: AppSession, file: string) {
  const { page } = session;
  await openExchange(page);
  session.dialogs.savePath = file;
  await page.getByRole('button', { name: 'Paket exportieren …' }).click();
  await poll(() => page.locator('.message-success').first().textContent()).toContain(
    `Gespeichert als „${path.basename(file)}“`,
  );
}

/** Opens `file` through the open dialog and waits for its preview. */
async function openBundleFile(session: AppSession, file: string) {
  const { page } = session;
  await openExchange(page);
  session.dialogs.openPath = file;
  await page.getByRole('button', { name: 'Paket öffnen …' }).click();
  await poll(() => page.locator('.import-preview h3').textContent()).toBe(`Vorschau: ${path.basename(file)}`);
}

async function importFile(session: AppSession, file: string) {
  await openBundleFile(session, file);
  await session.page.locator('.import-preview').getByRole('button', { name: 'Importieren' }).click();
  await poll(() => session.page.locator('.message-success').first().textContent()).toContain('wurde importiert');
}

async function openPractice(page: Page, title: string) {
  await nav(page, 'Alle Praxisbeispiele').click();
  await page.locator('.practice-card').filter({ hasText: title }).getByRole('button', { name: title }).click();
  await poll(() => heading(page)).toBe(title);
}

/** Saves a new version of a practice directly in a knowledge base, as its user would in the editor. */
async function edit(kb: KnowledgeBase, id: string, texts: Parameters<typeof germanPractice>[1]) {
  await kb.practices.save(id, germanPractice(kb, texts), kb.practices.get(id).practice.updatedAt);
}

/** The knowledge base's files: the store, its journal and backups; not the search index, a cache rebuilt from them. */
async function storeFiles(dir: string): Promise<Map<string, Buffer>> {
  return new Map([...(await snapshotFiles(dir))].filter(([file]) => file !== SEARCH_INDEX_FILE));
}

const bundleFile = async (dir: string, name: string, bundle: Bundle | Uint8Array) => {
  const file = path.join(dir, name);
  await writeFile(file, bundle instanceof Uint8Array ? bundle : bundleText(bundle));
  return file;
};

describe('exchanging knowledge between two installations', () => {
  it(
    'exports from one installation and imports into the other after a preview, keeping where the records came from',
    { timeout: 120_000 },
    async () => {
      const dir = await tempDir();
      const ts = await open();
      const { practice } = await ts.kb.practices.save(
        undefined,
        germanPractice(ts.kb, { texts: { de: { title: 'Gründächer fördern', summary: 'Kurz.', body: 'Text.' } } }),
      );
      await ts.kb.annotations.save(undefined, {
        practiceId: practice.id,
        kind: 'lesson',
        text: 'Förderbedingungen zuerst klären.',
        language: 'de',
      });

      // A cancelled save dialog says nothing.
      let asked = 0;
      Object.defineProperty(ts.dialogs, 'savePath', { configurable: true, get: () => (asked++, null) });
      await openExchange(ts.page);
      await ts.page.getByRole('button', { name: 'Paket exportieren …' }).click();
      await poll(() => asked).toBe(1);
      await poll(() => ts.page.getByText('Das Austauschpaket wird erstellt …').count()).toBe(0);
      expect(await ts.page.locator('.message-success').count()).toBe(0);
      Object.defineProperty(ts.dialogs, 'savePath', { configurable: true, writable: true, value: null });

      const file = path.join(dir, 'ts.twinning-kb.json');
      await exportTo(ts, file);
      const exported = JSON.parse(await readFile(file, 'utf8')) as Bundle;
      const summary = await ts.page.locator('.message-success li').allTextContents();
      expect(summary).toContain(`${exported.content.practices.length} Praxisbeispiele`);
      expect(summary).toContain('1 Anmerkung');
      await ts.screenshot('40-exported-de');

      const av = await open(JAN);
      await openBundleFile(av, file);
      const { page } = av;
      expect(await page.locator('.import-preview p').first().textContent()).toMatch(
        /^Exportiert von Erika Muster \(Bezirksamt Tempelhof-Schöneberg\) am /,
      );
      // Kind | added | updated | unchanged | deleted | conflicts
      expect(await page.locator('.import-preview thead th').allTextContents()).toEqual([
        'Art',
        'Neu',
        'Aktualisiert',
        'Unverändert',
        'Gelöscht',
        'Konflikte',
      ]);
      expect(await previewRow(page, 'Praxisbeispiele')).toEqual([
        '1',
        '0',
        String(exported.content.practices.length - 1),
        '0',
        '0',
      ]);
      expect(await previewRow(page, 'Anmerkungen')).toEqual(['1', '0', '0', '0', '0']);
      expect(() => av.kb.practices.get(practice.id)).toThrow(); // nothing changes before confirming
      await av.screenshot('41-import-preview-de');
      expect(await axeViolations(page, '#main')).toEqual([]);

      // The preview takes focus; the confirm button is reached with Tab and pressed with Enter.
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Vorschau: ts.twinning-kb.json');
      for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Importieren'; i++)
        await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Importieren');
      await page.keyboard.press('Enter');
      await poll(() => page.locator('.message-success').first().textContent()).toBe(
        '„ts.twinning-kb.json“ wurde importiert: 2 neue Einträge, 0 aktualisiert, 0 gelöscht, 0 Konflikte.',
      );
      expect(await page.locator('table.history tbody tr').first().textContent()).toContain('ts.twinning-kb.json');
      expect(await page.locator('table.history tbody tr').first().textContent()).toContain('Erika Muster');

      // The practice and its lesson are there, saying where they came from.
      await openPractice(page, 'Gründächer fördern');
      expect(await page.locator('dd.origin').textContent()).toMatch(
        /^Aus dem Austauschpaket von Erika Muster \(Bezirksamt Tempelhof-Schöneberg\), importiert am /,
      );
      const lesson = page.locator('.annotation').filter({ hasText: 'Förderbedingungen zuerst klären.' });
      expect(await lesson.locator('.imported').textContent()).toMatch(/^importiert am /);
      await av.screenshot('42-imported-practice-de');
    },
  );

  it(
    'exports one topic, or what changed since a day, and asks for the day when it is missing',
    { timeout: 120_000 },
    async () => {
      const dir = await tempDir();
      const ts = await open();
      const { page } = ts;
      await openExchange(page);

      await page.getByRole('radio', { name: 'Ein Thema' }).check();
      const topic = ts.kb.store.all('topics').find((x) => x.name.de === 'Grünflächen')!;
      await page.getByRole('combobox', { name: 'Thema' }).selectOption({ label: 'Grünflächen' });
      ts.dialogs.savePath = path.join(dir, 'green.twinning-kb.json');
      await page.getByRole('button', { name: 'Paket exportieren …' }).click();
      await poll(() => page.locator('.message-success p').textContent()).toContain('green.twinning-kb.json');
      const green = JSON.parse(await readFile(ts.dialogs.savePath, 'utf8')) as Bundle;
      expect(green.content.practices.length).toBeGreaterThan(0);
      expect(green.content.practices.every((p) => p.topicIds.includes(topic.id))).toBe(true);

      await page.getByRole('radio', { name: 'Alles, was seit einem Datum geändert wurde' }).check();
      await page.getByRole('button', { name: 'Paket exportieren …' }).click();
      await poll(() => page.getByRole('alert').textContent()).toBe(
        'Bitte geben Sie an, seit welchem Datum geänderte Einträge exportiert werden sollen.',
      );
      expect(await page.getByLabel('Geändert seit').evaluate((el) => el === document.activeElement)).toBe(true);
      await page.getByLabel('Geändert seit').fill('01.01.2099');
      ts.dialogs.savePath = path.join(dir, 'future.twinning-kb.json');
      await page.getByRole('button', { name: 'Paket exportieren …' }).click();
      await poll(() => page.locator('.message-success p').textContent()).toContain('future.twinning-kb.json');
      const future = JSON.parse(await readFile(ts.dialogs.savePath, 'utf8')) as Bundle;
      expect(future.selection?.changedSince).toBe(new Date('2099-01-01T00:00:00').toISOString());
      expect(future.content.practices).toEqual([]);
    },
  );

  it(
    'shows a practice edited on both sides as a conflict, and resolves it by keeping one version and by merging',
    { timeout: 120_000 },
    async () => {
      const dir = await tempDir();
      const ts = await open();
      const av = await open(JAN);
      const { practice } = await ts.kb.practices.save(
        undefined,
        germanPractice(ts.kb, { texts: { de: { title: 'Gründächer', summary: 'Kurz.', body: 'Text.' } } }),
      );
      await exportTo(ts, path.join(dir, 'first.twinning-kb.json'));
      await importFile(av, path.join(dir, 'first.twinning-kb.json'));

      // Both sides edit the same practice before they meet again.
      await edit(ts.kb, practice.id, {
        texts: { de: { title: 'Gründächer – Berliner Fassung', summary: 'Kurz.', body: 'Text.' } },
      });
      await edit(av.kb, practice.id, {
        texts: {
          de: { title: 'Gründächer – Amstelveener Fassung', summary: 'Kurz.', body: 'Text.' },
          nl: { title: 'Groene daken', summary: 'Kort.', body: 'Tekst.' },
        },
      });
      await exportTo(av, path.join(dir, 'from-av.twinning-kb.json'));
      const { page } = ts;
      await ts.kb.tags.rename({ tag: 'test', label: { de: 'Probebetrieb', nl: 'Proefbedrijf' } });
      await page.reload(); // labelled outside the window: it reads them afresh
      await openBundleFile(ts, path.join(dir, 'from-av.twinning-kb.json'));
      // One practice, counted once (a conflict, not also an update), and named: the bundle's version can be opened.
      expect(await previewRow(page, 'Praxisbeispiele')).toEqual(['0', '0', expect.any(String), '0', '1']);
      const group = page.locator('.import-group').filter({ hasText: 'Praxisbeispiele – Konflikte: 1' });
      await group.locator('summary').first().click();
      const item = group.locator('li summary').filter({ hasText: 'Gründächer – Amstelveener Fassung' });
      await item.click();
      await poll(() => group.locator('.import-record [lang="nl"]').first().textContent()).toContain('Groene daken');
      // Its tags read as everywhere else: by their labels.
      expect(await group.locator('.import-record').first().textContent()).toContain('Probebetrieb');
      await ts.screenshot('41-import-preview-items-de');
      expect(await axeViolations(page, '#main')).toEqual([]);
      await page.locator('.import-preview').getByRole('button', { name: 'Importieren' }).click();
      await poll(() => conflictsInSidebar(page)).toBe(1);
      expect(
        await nav(page, /^Konflikte/)
          .locator('.count')
          .textContent(),
      ).toBe('1');
      expect(
        await nav(page, /^Konflikte/)
          .locator('.count')
          .getAttribute('aria-label'),
      ).toBe('1 Eintrag in Konflikt');

      // The practice says so, and leads to the conflict.
      const shown = ts.kb.practices.get(practice.id).practice.texts.de!.title;
      await openPractice(page, shown);
      await poll(() => page.locator('.conflict-notice p').textContent()).toContain('eine weitere Fassung');
      await page.getByRole('button', { name: 'Konflikt lösen' }).click();
      await poll(() => heading(page)).toBe('Konflikte');
      const conflict = page.locator('article.conflict');
      await poll(() => conflict.locator('.conflict-version').count()).toBe(2);
      expect(await conflict.locator('[lang="nl"]').filter({ hasText: 'Groene daken' }).count()).toBe(1);
      expect(await conflict.locator('.conflict-version .meta').allTextContents()).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Geändert von Jan de Vries \(Gemeinde Amstelveen\) am .* auf einem anderen PC$/),
        ]),
      );
      await ts.screenshot('43-conflict-de');
      expect(await axeViolations(page, '#main')).toEqual([]);

      // Keep the Berlin version.
      const berlin = conflict.locator('.conflict-version').filter({ hasText: 'Gründächer – Berliner Fassung' });
      await berlin.getByRole('button', { name: /^Fassung \d behalten$/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: /^Fassung \d behalten$/ }).click();
      await poll(() => page.getByText('Es gibt keine Konflikte.').count()).toBe(1);
      await poll(() => conflictsInSidebar(page)).toBe(0);
      expect(ts.kb.practices.get(practice.id).practice.texts.de!.title).toBe('Gründächer – Berliner Fassung');
      expect(ts.kb.conflicts.list()).toEqual([]);

      // They edit it again on both sides: this time the texts are merged in the editor.
      await edit(ts.kb, practice.id, {
        texts: { de: { title: 'Gründächer – Berlin 2', summary: 'Kurz.', body: 'Text.' } },
      });
      await edit(av.kb, practice.id, {
        texts: { de: { title: 'Gründächer – Amstelveen 2', summary: 'Kurz.', body: 'Text.' } },
      });
      await exportTo(av, path.join(dir, 'again.twinning-kb.json'));
      await importFile(ts, path.join(dir, 'again.twinning-kb.json'));
      await poll(() => conflictsInSidebar(page)).toBe(1);
      await nav(page, /^Konflikte/).click();
      await page.getByRole('button', { name: /^Texte von „Gründächer – .* 2“ zusammenführen$/ }).click();
      await poll(() => heading(page)).toMatch(/^Zusammenführen: Gründächer – .* 2$/);
      expect(await page.locator('.merge-others').textContent()).toContain('Gründächer – ');
      const title = page
        .locator('fieldset.editor-column')
        .filter({ has: page.locator('legend', { hasText: 'Deutsch' }) })
        .getByLabel('Titel');
      await title.fill('Gründächer – gemeinsame Fassung');
      await ts.screenshot('44-merge-editor-de');
      await page.keyboard.press('Control+s');
      await poll(() => heading(page)).toBe('Gründächer – gemeinsame Fassung');
      expect(await page.locator('.conflict-notice').count()).toBe(0);
      await poll(() => conflictsInSidebar(page)).toBe(0);
      expect(ts.kb.conflicts.list()).toEqual([]);
    },
  );

  it('undoes the last import after confirming, and says clearly when it cannot', { timeout: 120_000 }, async () => {
    const dir = await tempDir();
    const ts = await open();
    const { practice } = await ts.kb.practices.save(
      undefined,
      germanPractice(ts.kb, { texts: { de: { title: 'Wird zurückgenommen', summary: '', body: 'Text.' } } }),
    );
    const file = path.join(dir, 'undo.twinning-kb.json');
    await exportTo(ts, file);

    const av = await open(JAN);
    const { page } = av;
    await importFile(av, file);
    expect(av.kb.practices.get(practice.id).practice.texts.de!.title).toBe('Wird zurückgenommen');
    await page.getByRole('button', { name: 'Letzten Import rückgängig machen' }).click();
    const dialog = page.getByRole('dialog');
    await poll(() => dialog.getByRole('heading').textContent()).toBe('Letzten Import rückgängig machen?');
    await av.screenshot('45-undo-confirm-de');
    await dialog.getByRole('button', { name: 'Import rückgängig machen' }).click();
    await poll(() => page.getByText('Der Import von „undo.twinning-kb.json“ wurde rückgängig gemacht.').count()).toBe(
      1,
    );
    expect(() => av.kb.practices.get(practice.id)).toThrow();
    await poll(() => page.locator('table.history tbody tr').first().textContent()).toContain('rückgängig gemacht am');
    expect(await page.getByRole('button', { name: 'Letzten Import rückgängig machen' }).count()).toBe(0);

    // Imported again and then edited here: undoing would lose the edit, so it is refused.
    await importFile(av, file);
    await edit(av.kb, practice.id, { texts: { de: { title: 'Hier weitergeschrieben', summary: '', body: 'Text.' } } });
    await page.getByRole('button', { name: 'Letzten Import rückgängig machen' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Import rückgängig machen' }).click();
    await poll(() => page.getByRole('alert').textContent()).toBe(
      'Der Import kann nicht rückgängig gemacht werden: Ein importierter Eintrag wurde seitdem geändert. Es wurde nichts verändert.',
    );
    expect(av.kb.practices.get(practice.id).practice.texts.de!.title).toBe('Hier weitergeschrieben');
  });

  it(
    'refuses a tampered bundle and a garbage file with the reason, and leaves the store unchanged',
    { timeout: 120_000 },
    async () => {
      const dir = await tempDir();
      const { bundle, ids } = await exportedBundle();
      const file = await bundleFile(
        dir,
        'changed.twinning-kb.json',
        tampered(
          bundle,
          (b) =>
            void (b.content.practices.find((p) => p.id === ids.practice)!.texts.de!.title = 'Unsichere Kreisverkehre'),
        ),
      );
      const av = await open(JAN);
      const { page } = av;
      await openExchange(page);
      await av.kb.store.flush();
      const before = await storeFiles(av.dataDir);

      av.dialogs.openPath = file;
      await page.getByRole('button', { name: 'Paket öffnen …' }).click();
      await poll(() => page.getByRole('alert').textContent()).toBe(
        'Die Prüfsumme des Pakets stimmt nicht: Der Inhalt wurde nach dem Export verändert oder beschädigt.',
      );
      expect(await page.locator('.import-preview').count()).toBe(0);
      await av.screenshot('46-refused-bundle-de');

      // The app's own file button (Chromium's file input would say "Choose File" in English) reaches the same
      // checks by keyboard.
      expect(await page.locator('input[type=file]:visible').count()).toBe(0);
      const fileButton = page.getByRole('button', { name: 'Oder Datei auswählen' });
      await fileButton.focus();
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser', { timeout: 5000 }),
        fileButton.press('Enter'),
      ]);
      await chooser.setFiles({
        name: 'kaputt.twinning-kb.json',
        mimeType: 'application/json',
        buffer: Buffer.from(garbageBytes(2048)),
      });
      const alertText = () => page.getByRole('alert').locator('p').first().textContent();
      await poll(alertText).toBe(
        'Diese Datei ist kein Austauschpaket von twinning-kb: Sie enthält keinen Text, wie twinning-kb ihn schreibt. ' +
          'Vielleicht wurde die falsche Datei gewählt?',
      );
      // The technical detail is one click away.
      const details = page.getByRole('alert').locator('details');
      expect(await details.locator('p').isVisible()).toBe(false);
      await details.getByText('Technische Einzelheiten').click();
      expect(await details.locator('p').textContent()).toBe(
        'Die Datei ist nicht in UTF-8 kodiert; ein Austauschpaket ist UTF-8-kodiertes JSON.',
      );
      expect(await page.locator('.import-preview').count()).toBe(0);

      // A PDF opened by mistake is called what it is.
      av.dialogs.openPath = path.join(await tempDir(), 'Klimastresstest.pdf');
      await writeFile(av.dialogs.openPath, '%PDF-1.7\n%âãÏÓ\n1 0 obj\n');
      await page.getByRole('button', { name: 'Paket öffnen …' }).click();
      await poll(alertText).toMatch(/^Diese Datei ist ein PDF-Dokument, kein Austauschpaket\./);
      expect(await page.locator('.import-preview').count()).toBe(0);

      await av.kb.store.flush();
      expect(await storeFiles(av.dataDir)).toEqual(before);
      expect(av.kb.exchange.imports()).toEqual([]);

      // The refusal follows the interface language, like the whole view.
      await page.getByRole('button', { name: 'Nederlands' }).click();
      await poll(() => heading(page)).toBe('Uitwisseling');
      expect(await alertText()).toMatch(/^Dit bestand is een pdf-document, geen uitwisselingspakket\./);
      expect(await page.getByRole('button', { name: 'Pakket openen …' }).count()).toBe(1);
      expect(await page.locator('#main').textContent()).not.toMatch(/\b(export|import|history|kindName)\.[a-z]/);
      await av.screenshot('47-exchange-nl');
    },
  );

  it(
    'previews a bundle dropped anywhere on the window, and asks for one file at a time on the drop zone',
    { timeout: 120_000 },
    async () => {
      const { bundle, ids } = await exportedBundle();
      const av = await open(JAN);
      const { page } = av;
      await poll(() => heading(page)).toBe('Alle Praxisbeispiele');

      const drop = (selector: string, files: { name: string; text: string }[]) =>
        page.evaluate(
          ({ selector, files }) => {
            const data = new DataTransfer();
            for (const f of files) data.items.add(new File([f.text], f.name, { type: 'application/json' }));
            const target = document.querySelector(selector)!;
            for (const type of ['dragenter', 'dragover', 'drop'])
              target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
          },
          { selector, files },
        );
      await drop('main', [{ name: 'dropped.twinning-kb.json', text: bundleText(bundle) }]);
      await poll(() => page.locator('.import-preview h3').textContent()).toBe('Vorschau: dropped.twinning-kb.json');
      expect(await heading(page)).toBe('Austausch');
      expect(await previewRow(page, 'Praxisbeispiele')).toEqual(expect.arrayContaining(['1']));
      await page.locator('.import-preview').getByRole('button', { name: 'Importieren' }).click();
      await poll(() => page.locator('.message-success').first().textContent()).toContain(
        '„dropped.twinning-kb.json“ wurde importiert',
      );
      expect(av.kb.practices.get(ids.practice).origin?.fileName).toBe('dropped.twinning-kb.json');

      await drop('.drop-zone', [
        { name: 'a.twinning-kb.json', text: '{}' },
        { name: 'b.twinning-kb.json', text: '{}' },
      ]);
      await poll(() => page.getByRole('alert').textContent()).toBe('Bitte legen Sie nur eine Datei auf einmal ab.');
      expect(av.kb.exchange.imports()).toHaveLength(1);
    },
  );
});
