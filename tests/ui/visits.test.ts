import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../core/knowledge-base';
import type { Bundle } from '../../shared/bundle';
import type { VisitInput } from '../../shared/requests';
import { pdfText } from '../helpers/pdf-text';
import { png } from '../helpers/attachment-fixtures';
import { useTempDirs } from '../helpers/temp-dir';
import { type AppSession, closeAppsAfterEachTest, openApp } from './harness';
import { axeViolations } from './axe';

const tempDir = useTempDirs();
let session: AppSession | undefined;
closeAppsAfterEachTest();

const heading = (page: Page) => page.locator('h1').textContent();
const focusedName = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLElement | null)?.textContent?.trim() ?? '');
const ROUNDABOUT = 'practice-nl-turbo-roundabout';
const ROUNDABOUT_TITLE = 'Turbokreisel: zweistreifig, aber ohne Spurwechsel im Kreis';
/** Opens the turbo roundabout from the list of all practices. */
async function openRoundabout(page: Page) {
  await page
    .getByRole('navigation', { name: 'Hauptnavigation' })
    .getByRole('button', { name: /^Kreisverkehre/ })
    .click();
  await page.locator('.practice-card h2 button', { hasText: ROUNDABOUT_TITLE }).click();
}

/** The counter-visit with a two-day programme, written through the knowledge base. */
async function counterVisit(kb: KnowledgeBase) {
  const input: VisitInput = {
    hostOrganisationId: 'org-tempelhof-schoeneberg',
    guestOrganisationId: 'org-amstelveen',
    status: 'held',
    startDate: '2027-09-15',
    endDate: '2027-09-16',
    participants: [{ name: 'Jan de Vries', organisation: 'Gemeente Amstelveen', role: 'Verkeerskundige' }],
    topicIds: ['topic-roundabouts'],
    notes: { de: 'Gegenbesuch.', nl: 'Tegenbezoek.' },
    programme: [
      {
        id: 'day-1',
        date: '2027-09-15',
        items: [
          {
            id: 'item-1',
            from: '10:00',
            to: '11:30',
            title: { de: 'Kreisel am Tempelhofer Damm', nl: 'Rotonde aan de Tempelhofer Damm' },
            place: { de: 'Tempelhofer Damm' },
            host: 'Straßen- und Grünflächenamt',
            practiceIds: [ROUNDABOUT],
            topicIds: ['topic-roundabouts'],
            note: {},
          },
        ],
      },
      { id: 'day-2', date: '2027-09-16', items: [] },
    ],
    sources: [],
  };
  const { visit } = await kb.visits.save(undefined, input);
  const lesson = await kb.annotations.save(undefined, {
    practiceId: ROUNDABOUT,
    kind: 'lesson',
    text: 'Turbokreisel brauchen eine frühe Spurwahl.',
    language: 'de',
    visitId: visit.id,
  });
  await kb.annotations.translate(lesson.id, 'Turborotondes vragen om een vroege rijstrookkeuze.');
  await kb.annotations.save(undefined, {
    practiceId: 'practice-de-sponge-city',
    kind: 'question',
    text: 'Hoe wordt het regenwater gemeten?',
    language: 'nl',
    visitId: visit.id,
  });
  return visit;
}

describe('visits', () => {
  it(
    'creates a visit with a two-day programme, participants and a linked practice, reorders by keyboard, translates, and restores a version',
    { timeout: 120_000 },
    async () => {
      session = await openApp();
      const { page, kb } = session;
      await page.getByRole('button', { name: 'Besuche', exact: true }).click();
      await page.getByRole('button', { name: 'Neuer Besuch', exact: true }).click();
      await expect.poll(() => heading(page)).toBe('Neuer Besuch');

      await page.getByLabel('Beginn', { exact: true }).fill('15.09.2027');
      await page.getByLabel('Ende', { exact: true }).fill('16.09.2027');
      await page.getByRole('button', { name: 'Person hinzufügen', exact: true }).click();
      await page.getByLabel('Name (Person 1)').fill('Jan de Vries');
      await page.getByLabel('Organisation (Person 1)').fill('Gemeente Amstelveen');
      await page.getByLabel('Rolle oder Funktion (Person 1)').fill('Verkeerskundige');
      await page.getByRole('button', { name: 'Person hinzufügen', exact: true }).click();
      await page.getByLabel('Name (Person 2)').fill('Anna Schmidt');

      await page.getByRole('button', { name: 'Tag hinzufügen', exact: true }).click();
      await page.getByLabel('Datum von Tag 1').fill('15.09.2027');
      await page.getByLabel('Von (SS:MM) – Tag 1, Punkt 1').fill('9:00');
      await page.getByLabel('Titel auf Deutsch – Tag 1, Punkt 1').fill('Begrüßung im Rathaus');
      await page.getByRole('button', { name: 'Programmpunkt zu Tag 1 hinzufügen' }).click();
      await page.getByLabel('Von (SS:MM) – Tag 1, Punkt 2').fill('10:30');
      await page.getByLabel('Titel auf Deutsch – Tag 1, Punkt 2').fill('Turbokreisel besichtigen');
      await page.getByLabel('Praxisbeispiel verknüpfen – Tag 1, Punkt 2').selectOption(ROUNDABOUT);
      await page.getByRole('button', { name: 'Verknüpfen', exact: true }).nth(1).click();
      await page.getByRole('button', { name: 'Tag hinzufügen', exact: true }).click();
      await page.getByLabel('Datum von Tag 2').fill('16.09.2027');
      await page.getByLabel('Titel auf Deutsch – Tag 2, Punkt 1').fill('Abschlussrunde');

      // By keyboard: Alt+↑ in the second item moves it up; focus stays with it and the move is announced.
      await page.getByLabel('Titel auf Deutsch – Tag 1, Punkt 2').focus();
      await page.keyboard.press('Alt+ArrowUp');
      await expect.poll(() => focusedName(page)).toBe('Tag 1, Punkt 1 nach oben');
      expect(await page.getByRole('status').filter({ hasText: 'Programmpunkt verschoben' }).textContent()).toBe(
        'Programmpunkt verschoben, jetzt an Stelle 1 von 2.',
      );
      expect(await page.getByLabel('Titel auf Deutsch – Tag 1, Punkt 1').inputValue()).toBe('Turbokreisel besichtigen');
      // … and with the buttons, from the keyboard too.
      await page.keyboard.press('Tab'); // "nach unten"
      await page.keyboard.press('Enter');
      await expect.poll(() => focusedName(page)).toBe('Tag 1, Punkt 2 nach unten');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter');
      expect(await page.getByLabel('Titel auf Deutsch – Tag 1, Punkt 1').inputValue()).toBe('Turbokreisel besichtigen');
      await session.screenshot('60-visit-programme-editor-de');
      expect(await axeViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'Speichern', exact: true }).click();
      await expect.poll(() => page.locator('.programme-entry').count()).toBe(3);
      const visit = kb.visits.list().find((v) => v.programme.length === 2)!;
      expect(visit.participants).toEqual([
        { id: expect.any(String), name: 'Jan de Vries', organisation: 'Gemeente Amstelveen', role: 'Verkeerskundige' },
        { id: expect.any(String), name: 'Anna Schmidt' },
      ]);
      expect(visit.programme[0]!.items.map((i) => [i.from, i.title.de, i.practiceIds])).toEqual([
        ['10:30', 'Turbokreisel besichtigen', [ROUNDABOUT]],
        ['09:00', 'Begrüßung im Rathaus', []],
      ]);
      expect(await page.locator('.participant-list li').allTextContents()).toEqual([
        'Jan de Vries · Verkeerskundige · Gemeente Amstelveen',
        'Anna Schmidt',
      ]);
      expect(await page.locator('.programme').innerText()).toContain('Tag 1: Mittwoch, 15. September 2027');
      expect(await page.locator('.translation-states').innerText()).toContain('NL: fehlt');

      // The practice says when it is to be seen.
      await page.getByRole('button', { name: ROUNDABOUT_TITLE }).click();
      await expect
        .poll(() => page.locator('.practice-visits').innerText())
        .toBe('Wird beim Besuch am 15. September 2027 besichtigt');
      await page.locator('.practice-visits button').click();

      // Translated into Dutch: both current; the German changes: the Dutch is outdated.
      await page.getByRole('button', { name: 'Bearbeiten', exact: true }).click();
      await page.getByLabel('Titel auf Niederländisch – Tag 1, Punkt 1').fill('Turborotonde bekijken');
      await page.getByLabel('Titel auf Niederländisch – Tag 1, Punkt 2').fill('Ontvangst in het raadhuis');
      await page.getByLabel('Titel auf Niederländisch – Tag 2, Punkt 1').fill('Slotronde');
      await page.getByLabel('Notizen auf Niederländisch').fill('Tegenbezoek in september.');
      await page.getByRole('button', { name: 'Speichern', exact: true }).click();
      await expect.poll(() => page.locator('.translation-states').innerText()).toContain('NL: aktuell');
      await page.getByRole('button', { name: 'Bearbeiten', exact: true }).click();
      await page.getByLabel('Titel auf Deutsch – Tag 2, Punkt 1').fill('Abschlussrunde mit Ausblick');
      await page.getByRole('button', { name: 'Speichern', exact: true }).click();
      await expect.poll(() => page.locator('.translation-states').innerText()).toContain('NL: veraltet');

      // In Dutch, the programme reads in Dutch.
      await page.getByRole('button', { name: 'Nederlands', exact: true }).click();
      await expect.poll(() => page.locator('.programme').innerText()).toContain('Turborotonde bekijken');
      expect(await page.locator('.programme').innerText()).toContain('Dag 1: woensdag 15 september 2027');
      await page.getByRole('button', { name: 'Deutsch', exact: true }).click();

      // History: the version before the change is restored, as a new version.
      await page.getByRole('button', { name: 'Versionen', exact: true }).click();
      const dialog = page.getByRole('dialog');
      await expect.poll(() => dialog.locator('tbody tr').count()).toBe(3);
      expect(await axeViolations(page)).toEqual([]);
      await dialog
        .getByRole('button', { name: /^Version vom .* wiederherstellen$/ })
        .first()
        .click();
      await page
        .getByRole('dialog', { name: 'Ältere Version wiederherstellen?' })
        .getByRole('button', { name: 'Wiederherstellen' })
        .click();
      await expect.poll(() => page.locator('.translation-states').innerText()).toContain('NL: aktuell');
      expect(kb.visits.get(visit.id).programme[1]!.items[0]!.title.de).toBe('Abschlussrunde');
      expect(kb.visits.revisions(visit.id)).toHaveLength(3);
    },
  );

  it(
    'sorts the list by date, planned apart from held, and points out the next visit',
    { timeout: 60_000 },
    async () => {
      session = await openApp();
      const { page, kb } = session;
      const base: VisitInput = {
        hostOrganisationId: 'org-tempelhof-schoeneberg',
        guestOrganisationId: 'org-amstelveen',
        status: 'planned',
        participants: [],
        topicIds: [],
        notes: {},
        sources: [],
      };
      await kb.visits.save(undefined, { ...base, startDate: '2099-05-02' });
      await kb.visits.save(undefined, { ...base, startDate: '2098-03-01' });
      await kb.visits.save(undefined, { ...base, status: 'held', startDate: '2020-01-10' });
      await kb.visits.save(undefined, { ...base, status: 'held', startDate: '2024-06-11' });
      await page.getByRole('button', { name: 'Besuche', exact: true }).click();
      const group = (name: string) => page.getByRole('region', { name }).locator('h3');
      await expect
        .poll(() => group('Geplant').allTextContents())
        .toEqual([
          expect.stringContaining('(1. März 2098)'),
          expect.stringContaining('(2. Mai 2099)'),
          expect.stringContaining('Besuch aus Amstelveen in Tempelhof-Schöneberg'),
        ]);
      expect(await group('Durchgeführt').allTextContents()).toEqual([
        expect.stringContaining('(11. Juni 2024)'),
        expect.stringContaining('(10. Januar 2020)'),
        expect.stringContaining('Besuch aus Tempelhof-Schöneberg in Amstelveen'),
      ]);
      expect(await page.locator('.visit-next h3').textContent()).toContain('(1. März 2098)');
      expect(await page.locator('.visit-next .badge-next').textContent()).toBe('Nächster Besuch');
    },
  );

  it(
    'reports what came of a visit grouped by topic, and prints it in German, Dutch or side by side to a PDF',
    { timeout: 120_000 },
    async () => {
      session = await openApp();
      const { page, kb } = session;
      const dir = await tempDir();
      const visit = await counterVisit(kb);
      await page.getByRole('button', { name: 'Besuche', exact: true }).click();
      await page.getByRole('button', { name: /^Besuch aus Amstelveen in Tempelhof-Schöneberg .*2027/ }).click();
      await page.getByRole('button', { name: 'Bericht', exact: true }).click();
      await expect.poll(() => heading(page)).toMatch(/^Bericht: Besuch aus Amstelveen in Tempelhof-Schöneberg/);
      expect(await page.locator('.report-results h3').allTextContents()).toEqual(['Kreisverkehre', 'Klimaanpassung']);
      const results = page.locator('.report-results');
      expect(await results.innerText()).toContain('Turbokreisel brauchen eine frühe Spurwahl.');
      // The Dutch question, untranslated, is shown in Dutch and marked.
      expect(await results.innerText()).toContain('Noch nicht übersetzt: Original aus dem Niederländischen');
      expect(await results.locator('[lang=nl]').first().textContent()).toBe('Hoe wordt het regenwater gemeten?');
      expect(await axeViolations(page)).toEqual([]);

      session.dialogs.savePath = path.join(dir, 'bericht-de.pdf');
      await page.getByRole('button', { name: 'Drucken / als PDF speichern' }).click();
      await expect.poll(() => page.locator('.toast').textContent()).toContain('Als PDF gespeichert: bericht-de.pdf');
      expect(session.printed[0]!.suggestedName).toMatch(
        /^Bericht Besuch aus Amstelveen in Tempelhof-Schöneberg.*\.pdf$/,
      );
      const german = await pdfText(session.dialogs.savePath);
      expect(german).toContain('Turbokreisel brauchen eine frühe Spurwahl.');
      expect(german).toContain('Kreisverkehre');
      expect(german).toContain('Kreisel am Tempelhofer Damm');
      expect(german).toContain('Jan de Vries');
      expect(german).not.toContain('Turborotondes vragen');
      expect(german).not.toContain('Drucken / als PDF speichern');

      await page.getByRole('radio', { name: 'Niederländisch' }).check();
      session.dialogs.savePath = path.join(dir, 'bericht-nl.pdf');
      await page.getByRole('button', { name: 'Drucken / als PDF speichern' }).click();
      await expect.poll(() => session!.printed.length).toBe(2);
      await expect.poll(() => page.locator('.toast').last().textContent()).toContain('bericht-nl.pdf');
      const dutch = await pdfText(session.dialogs.savePath);
      expect(dutch).toContain('Turborotondes vragen om een vroege rijstrookkeuze.');
      expect(dutch).toContain('Rotonde aan de Tempelhofer Damm');
      expect(dutch).not.toContain('Turbokreisel brauchen');

      await page.getByRole('radio', { name: 'Beide nebeneinander' }).check();
      session.dialogs.savePath = path.join(dir, 'bericht-beide.pdf');
      await page.getByRole('button', { name: 'Drucken / als PDF speichern' }).click();
      await expect.poll(() => session!.printed.length).toBe(3);
      await expect.poll(() => page.locator('.toast').last().textContent()).toContain('bericht-beide.pdf');
      const both = await pdfText(session.dialogs.savePath);
      expect(both).toContain('Turbokreisel brauchen eine frühe Spurwahl.');
      expect(both).toContain('Turborotondes vragen om een vroege rijstrookkeuze.');

      // The print layout: no app chrome, no controls; and no violation in it.
      await page.emulateMedia({ media: 'print' });
      for (const hidden of ['.sidebar', '.app-header', '.print-toolbar', '.back']) {
        expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
      }
      expect(await axeViolations(page)).toEqual([]);
      await session.screenshot('61-visit-report-print-de');
      await page.emulateMedia({ media: 'screen' });

      // In the Dutch interface, the report and its print view pass axe too.
      await page.getByRole('button', { name: 'Nederlands', exact: true }).click();
      await expect.poll(() => heading(page)).toMatch(/^Verslag: /);
      expect(await axeViolations(page)).toEqual([]);
      await page.emulateMedia({ media: 'print' });
      expect(await axeViolations(page)).toEqual([]);
      await page.emulateMedia({ media: 'screen' });
      expect(visit.id).toBeTruthy();
    },
  );

  it(
    "prints a practice on its own with its sources, its attachments' captions and annotations, in one language or both",
    { timeout: 90_000 },
    async () => {
      session = await openApp();
      const { page, kb } = session;
      const dir = await tempDir();
      await counterVisit(kb);
      await kb.attachments.add(
        { kind: 'practices', id: ROUNDABOUT },
        { bytes: png(), name: 'luftbild.png' },
        { de: 'Luftbild der Turbo-Kreisel', nl: 'Luchtfoto van de turborotonde' },
      );
      const practice = kb.practices.get(ROUNDABOUT).practice;
      await openRoundabout(page);
      await page.getByRole('button', { name: 'Drucken / PDF' }).click();
      await expect.poll(() => page.locator('.practice-print').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      session.dialogs.savePath = path.join(dir, 'praxis.pdf');
      await page.getByRole('button', { name: 'Drucken / als PDF speichern' }).click();
      await expect.poll(() => session!.printed.length).toBe(1);
      await expect.poll(() => page.locator('.toast').textContent()).toContain('praxis.pdf');
      const text = await pdfText(session.dialogs.savePath);
      expect(text).toContain(practice.texts.de!.title);
      for (const source of practice.sources) expect(text).toContain(source.title);
      expect(text).toContain('Turbokreisel brauchen eine frühe Spurwahl.');
      expect(text).toContain('Luftbild der Turbo-Kreisel');
      expect(text).toContain('luftbild.png');
      expect(text).not.toContain('Luchtfoto van de turborotonde');

      await page.getByRole('radio', { name: 'Beide nebeneinander' }).check();
      session.dialogs.savePath = path.join(dir, 'praxis-beide.pdf');
      await page.getByRole('button', { name: 'Drucken / als PDF speichern' }).click();
      await expect.poll(() => session!.printed.length).toBe(2);
      await expect.poll(() => page.locator('.toast').last().textContent()).toContain('praxis-beide.pdf');
      const both = await pdfText(session.dialogs.savePath);
      expect(both).toContain(practice.texts.nl!.title);
      expect(both).toContain(practice.texts.de!.title);
      expect(both).toContain('Luchtfoto van de turborotonde');
      await page.emulateMedia({ media: 'print' });
      expect(await axeViolations(page)).toEqual([]);
      await page.emulateMedia({ media: 'screen' });
    },
  );

  it(
    'translates a lesson learned, marks the translation outdated when the original is edited, and shows it in the reader’s language',
    { timeout: 90_000 },
    async () => {
      session = await openApp();
      const { page, kb } = session;
      const lesson = await kb.annotations.save(undefined, {
        practiceId: ROUNDABOUT,
        kind: 'lesson',
        text: 'Frühe Spurwahl ist entscheidend.',
        language: 'de',
      });
      await openRoundabout(page);
      const item = page.locator('li.annotation').filter({ hasText: 'Frühe Spurwahl' });
      await item.getByRole('button', { name: 'Ins Niederländische übersetzen' }).click();
      await item.getByLabel('Übersetzung ins Niederländische').fill('Een vroege rijstrookkeuze is beslissend.');
      await item.getByRole('button', { name: 'Übersetzung speichern' }).click();
      await expect
        .poll(() => kb.annotations.list({ practiceId: ROUNDABOUT, offset: 0, limit: 9 }).items[0]?.translationStatus)
        .toBe('current');

      // A Dutch reader sees the translation, marked as one.
      await page.getByRole('button', { name: 'Nederlands', exact: true }).click();
      const nlItem = page.locator('li.annotation').filter({ hasText: 'Een vroege rijstrookkeuze' });
      await expect.poll(() => nlItem.locator('.badge-translation').textContent()).toBe('Vertaling uit het Duits');
      expect(await nlItem.locator('.annotation-text').getAttribute('lang')).toBe('nl');
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Deutsch', exact: true }).click();

      // The author edits the original: the translation is outdated.
      await page
        .locator('li.annotation')
        .filter({ hasText: 'Frühe Spurwahl' })
        .getByRole('button', { name: 'Bearbeiten', exact: true })
        .click();
      await page.getByLabel('Text', { exact: true }).fill('Eine frühe Spurwahl ist entscheidend, auch für Lkw.');
      await page.getByRole('button', { name: 'Speichern', exact: true }).click();
      await expect
        .poll(() => kb.store.get('annotations', lesson.id)?.text)
        .toBe('Eine frühe Spurwahl ist entscheidend, auch für Lkw.');
      await page.getByRole('button', { name: 'Nederlands', exact: true }).click();
      const outdated = page.locator('li.annotation').filter({ hasText: 'Een vroege rijstrookkeuze' });
      await expect
        .poll(() => outdated.locator('.badge-outdated').textContent())
        .toBe('Vertaling verouderd: het origineel is gewijzigd');
      await outdated.getByRole('button', { name: 'Vertaling als gecontroleerd markeren' }).click();
      await expect.poll(() => outdated.locator('.badge-outdated').count()).toBe(0);
    },
  );

  it(
    'shows and accepts dates as German and Dutch write them, in a browser whose own locale is American English',
    { timeout: 60_000 },
    async () => {
      session = await openApp({ browserLocale: 'en-US' });
      const { page, kb } = session;
      expect(await page.evaluate(() => navigator.language)).toBe('en-US');
      await page.getByRole('button', { name: 'Besuche', exact: true }).click();
      await page.getByRole('button', { name: 'Neuer Besuch', exact: true }).click();
      const start = page.getByLabel('Beginn', { exact: true });
      expect(await start.getAttribute('type')).toBe('text');
      expect(await page.locator('.date-field .hint').first().textContent()).toBe('Format: TT.MM.JJJJ oder MM.JJJJ');
      await start.fill('9.10.2027');
      await start.blur();
      expect(await start.inputValue()).toBe('09.10.2027');
      // Impossible dates are refused with a message, and nothing is saved.
      const end = page.getByLabel('Ende', { exact: true });
      await end.fill('31.02.2027');
      await end.blur();
      expect(await end.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('.field-error').textContent()).toBe(
        'Das ist kein gültiges Datum. Bitte im Format TT.MM.JJJJ oder MM.JJJJ eingeben.',
      );
      const before = kb.visits.list().length;
      await page.getByRole('button', { name: 'Speichern', exact: true }).click();
      await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('kein gültiges Datum');
      expect(kb.visits.list()).toHaveLength(before);
      await end.fill('10.10.2027');

      // Switched to Dutch: the same date shows as dd-mm-jjjj, and Dutch input is read day first.
      await page.getByRole('button', { name: 'Nederlands', exact: true }).click();
      const begin = page.getByLabel('Begin', { exact: true });
      await expect.poll(() => begin.inputValue()).toBe('09-10-2027');
      expect(await page.locator('.date-field .hint').first().textContent()).toBe('Notatie: dd-mm-jjjj of mm-jjjj');
      await page.getByLabel('Einde', { exact: true }).fill('11-10-2027');
      await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
      await expect.poll(() => kb.visits.list().length).toBe(before + 1);
      const saved = kb.visits.list().find((v) => v.startDate === '2027-10-09')!;
      expect(saved.endDate).toBe('2027-10-11');
      expect(await axeViolations(page)).toEqual([]);
    },
  );

  it(
    'keeps participants’ e-mail and phone out of an exported bundle unless the user ticks it, and says why',
    { timeout: 90_000 },
    async () => {
      session = await openApp();
      const { page } = session;
      const dir = await tempDir();
      await page.getByRole('button', { name: 'Besuche', exact: true }).click();
      await page.getByRole('button', { name: 'Neuer Besuch', exact: true }).click();
      await page.getByRole('button', { name: 'Person hinzufügen', exact: true }).click();
      await page.getByLabel('Name (Person 1)').fill('Jan de Vries');
      expect(await page.locator('.participants-editor .hint').first().textContent()).toContain(
        'personenbezogene Daten (DSGVO)',
      );
      await page.getByLabel('E-Mail (Person 1)').fill('j.devries amstelveen');
      await page.getByRole('button', { name: 'Speichern', exact: true }).click();
      await expect
        .poll(() => page.getByRole('alert').first().textContent())
        .toBe('Die E-Mail-Adresse von Person 1 ist ungültig.');
      await page.getByLabel('E-Mail (Person 1)').fill('j.devries@amstelveen.example');
      await page.getByLabel('Telefon (Person 1)').fill('+31 20 123 45 67');
      await page.getByRole('button', { name: 'Speichern', exact: true }).click();
      await expect
        .poll(() => page.locator('.participant-list').innerText())
        .toBe('Jan de Vries · j.devries@amstelveen.example · +31 20 123 45 67');

      await page.getByRole('button', { name: 'Austausch', exact: true }).click();
      const tick = page.getByRole('checkbox', {
        name: 'E-Mail-Adressen und Telefonnummern der Teilnehmenden mitsenden',
      });
      expect(await tick.isChecked()).toBe(false);
      expect(await page.locator('.personal-data .hint').textContent()).toContain('personenbezogene Daten (DSGVO)');
      session.dialogs.savePath = path.join(dir, 'ohne.twinning-kb.json');
      await page.getByRole('button', { name: 'Paket exportieren …' }).click();
      await expect.poll(() => page.locator('.message-success p').textContent()).toContain('ohne.twinning-kb.json');
      const without = await readFile(session.dialogs.savePath, 'utf8');
      expect(without).toContain('Jan de Vries');
      expect(without).not.toContain('amstelveen.example');
      expect(without).not.toContain('123 45 67');

      await tick.check();
      session.dialogs.savePath = path.join(dir, 'mit.twinning-kb.json');
      await page.getByRole('button', { name: 'Paket exportieren …' }).click();
      await expect.poll(() => page.locator('.message-success p').textContent()).toContain('mit.twinning-kb.json');
      const withContacts = JSON.parse(await readFile(session.dialogs.savePath, 'utf8')) as Bundle;
      expect(withContacts.selection).toEqual({ includeContacts: true });
      expect(withContacts.content.contacts).toEqual([
        expect.objectContaining({ email: 'j.devries@amstelveen.example', phone: '+31 20 123 45 67' }),
      ]);
    },
  );
});
