/**
 * The app's screens as a user reaches them from the list, for the tests that
 * walk every screen (accessibility, layout at 200 % text): one table, so a new
 * screen is checked by all of them.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import deApp from '../../locales/de/app.json';
import nlApp from '../../locales/nl/app.json';
import deCompare from '../../locales/de/compare.json';
import deSearch from '../../locales/de/search.json';
import nlCompare from '../../locales/nl/compare.json';
import nlSearch from '../../locales/nl/search.json';
import deExchange from '../../locales/de/exchange.json';
import nlExchange from '../../locales/nl/exchange.json';
import deVisits from '../../locales/de/visits.json';
import nlVisits from '../../locales/nl/visits.json';
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import type { KnowledgeBase } from '../../core/knowledge-base';
import type { Lang } from '../../shared/model';
import { png, pdf } from '../helpers/attachment-fixtures';
import { exportBytes } from '../helpers/bundles';
import { AV, germanPractice, writableKnowledgeBase } from '../helpers/knowledge-base';
import { openApp, type AppSession } from './harness';

/** The next visit, with a two-day programme, participants and a lesson learned linked to it. */
async function withProgramme({ kb }: AppSession): Promise<void> {
  const practiceId = kb.store.all('practices')[0]!.id;
  const { visit } = await kb.visits.save(undefined, {
    hostOrganisationId: 'org-tempelhof-schoeneberg',
    guestOrganisationId: 'org-amstelveen',
    status: 'planned',
    startDate: '2099-09-15',
    participants: [{ name: 'Jan de Vries', organisation: 'Gemeente Amstelveen', role: 'Verkeerskundige' }],
    topicIds: [],
    notes: { de: 'Gegenbesuch.' },
    programme: [
      {
        id: 'day-1',
        date: '2099-09-15',
        items: [
          {
            id: 'item-1',
            from: '09:00',
            to: '10:00',
            title: { de: 'Begrüßung', nl: 'Ontvangst' },
            place: { de: 'Rathaus Schöneberg' },
            practiceIds: [practiceId],
            topicIds: [],
            note: {},
          },
        ],
      },
      {
        id: 'day-2',
        date: '2099-09-16',
        items: [{ id: 'item-2', title: { nl: 'Rondleiding' }, place: {}, practiceIds: [], topicIds: [], note: {} }],
      },
    ],
    sources: [],
  });
  const lesson = await kb.annotations.save(undefined, {
    practiceId,
    kind: 'lesson',
    text: 'Früh beteiligen.',
    language: 'de',
    visitId: visit.id,
  });
  await kb.annotations.translate(lesson.id, 'Vroeg betrekken.');
}

/** Imports everything `from` holds into `to`, as a confirmed bundle import. */
async function exchange(from: KnowledgeBase, to: KnowledgeBase): Promise<void> {
  await to.exchange.confirm(to.exchange.preview(exportBytes(from), 'partner.twinning-kb.json').previewId);
}

const LONG_TITLE =
  'Dachbegrünung im Bestand: Förderprogramm GründachPLUS für private Eigentümerinnen und Eigentümer in Tempelhof-Schöneberg';

/**
 * What the partner did, with long real texts: a practice both sides changed (one
 * conflict), with a photo and a PDF attached, and a bundle file with the partner's
 * later work waiting in the open dialog, for the import preview.
 */
async function withPartnerWork(session: AppSession, dir: string): Promise<void> {
  const ts = session.kb;
  const av = await writableKnowledgeBase(path.join(dir, 'partner'), { name: 'Jan de Vries', organisationId: AV });
  const tags = ['Dachbegrünung', 'Regenwasserbewirtschaftung', 'Klimaanpassungsmaßnahmen'];
  const body = (amount: string) =>
    `## Ziel\n\nGefördert werden Dachbegrünungen auf Bestandsgebäuden mit bis zu ${amount} je Vorhaben.`;
  const { practice } = await ts.practices.save(
    undefined,
    germanPractice(ts, {
      tags,
      texts: { de: { title: LONG_TITLE, summary: 'Zuschüsse.', body: body('60 000 Euro') } },
    }),
  );
  await ts.attachments.add(
    { kind: 'practices', id: practice.id },
    { bytes: png(40, 30, [20, 120, 200]), name: 'gruendach-luftbild.png' },
    { de: 'Luftbild eines begrünten Dachs in der Crellestraße', nl: 'Luchtfoto van een groen dak' },
  );
  await ts.attachments.add({ kind: 'practices', id: practice.id }, { bytes: pdf(), name: 'merkblatt.pdf' });
  await exchange(ts, av);
  const edit = (kb: KnowledgeBase, title: string, amount: string) =>
    kb.practices.save(
      practice.id,
      germanPractice(kb, { tags, texts: { de: { title, summary: 'Zuschüsse.', body: body(amount) } } }),
      kb.practices.get(practice.id).practice.updatedAt,
    );
  await edit(ts, `${LONG_TITLE} (Stand 2026)`, '60 000 Euro');
  await edit(av, LONG_TITLE, '75 000 Euro');
  await exchange(av, ts);

  await av.practices.save(undefined, {
    ...germanPractice(av, { organisationId: AV, originalLanguage: 'nl' }),
    texts: {
      nl: {
        title: 'Wateroverlastkaart en stresstest klimaatadaptatie volgens het Deltaprogramma Ruimtelijke Adaptatie',
        summary: 'Waar blijft het water staan bij een wolkbreuk?',
        body: 'Een stresstest laat zien waar wateroverlast, hitte en droogte de gemeente raken.',
      },
    },
  });
  const file = path.join(dir, 'Amstelveen-november.twinning-kb.json');
  await writeFile(file, exportBytes(av));
  session.dialogs.openPath = file;
  await av.close();
  await session.page.reload();
}

/**
 * The app in `lang` (the system's `locale`) with everything the screens need:
 * the next visit with its programme, and the partner's work (see withPartnerWork).
 */
export async function openScreensApp(lang: Lang, locale: string, dir: string): Promise<AppSession> {
  const session = await openApp({ systemLocales: [locale] });
  await withProgramme(session);
  await withPartnerWork(session, dir);
  await session.page.waitForFunction((expected) => document.documentElement.lang === expected, lang);
  return session;
}

/** One screen: how to get there from the list, in the session's language. */
export interface Screen {
  name: string;
  open(page: Page, lang: Lang): Promise<void>;
}

export const APP = { de: deApp, nl: nlApp };
const SEARCH = { de: deSearch, nl: nlSearch };
const COMPARE = { de: deCompare, nl: nlCompare };
const VISITS = { de: deVisits, nl: nlVisits };
const EXCHANGE = { de: deExchange, nl: nlExchange };
/** Opens a section from the main navigation, by its key in locales/<lang>/app.json `nav`. */
export const navTo = (key: keyof typeof deApp.nav) => async (page: Page, lang: Lang) => {
  await page
    .getByRole('navigation', { name: APP[lang].nav.label })
    .getByRole('button', { name: new RegExp(`^${APP[lang].nav[key]}`) })
    .click();
};
export const openFirstPractice = async (page: Page) => {
  await page.locator('.practice-card h2 button').first().click();
  await expect.poll(() => page.locator('article h1').count()).toBe(1);
};

export const SCREENS: Screen[] = [
  {
    name: 'the practice list',
    open: async (page) => void (await expect.poll(() => page.locator('.practice-card').count()).toBeGreaterThan(0)),
  },
  { name: 'a practice', open: openFirstPractice },
  {
    name: 'the practice editor',
    open: async (page, lang) => {
      await page.getByRole('button', { name: APP[lang].nav.newPractice }).click();
      await expect.poll(() => page.locator('fieldset.editor-column').count()).toBeGreaterThan(0);
    },
  },
  {
    name: 'the delete confirmation',
    open: async (page, lang) => {
      await openFirstPractice(page);
      await page.getByRole('button', { name: APP[lang].action.delete, exact: true }).click();
      await expect.poll(() => page.getByRole('dialog').count()).toBe(1);
    },
  },
  { name: 'the lessons learned', open: navTo('lessons') },
  { name: 'the visits', open: navTo('visits') },
  {
    name: 'a visit',
    open: async (page, lang) => {
      await navTo('visits')(page, lang);
      await page.locator('main h2 button, main li button').first().click();
      await expect.poll(() => page.locator('main h1').count()).toBe(1);
    },
  },
  {
    name: 'the editor of a visit with its programme and participants',
    open: async (page, lang) => {
      await navTo('visits')(page, lang);
      await page.locator('main li h3 button').first().click();
      await page.getByRole('button', { name: APP[lang].action.edit, exact: true }).click();
      await expect.poll(() => page.locator('fieldset.programme-item').count()).toBe(2);
    },
  },
  {
    name: 'the report of a visit',
    open: async (page, lang) => {
      await navTo('visits')(page, lang);
      await page.locator('main li h3 button').first().click();
      await page.getByRole('button', { name: VISITS[lang].report.open, exact: true }).click();
      await expect.poll(() => page.locator('.report-results li.annotation').count()).toBe(1);
    },
  },
  {
    name: 'the print view of a practice, both languages side by side',
    open: async (page, lang) => {
      await openFirstPractice(page);
      await page.getByRole('button', { name: VISITS[lang].print.open }).click();
      await page.getByRole('radio', { name: VISITS[lang].print.mode.both }).check();
      await expect.poll(() => page.locator('.practice-print .side-by-side').count()).toBe(1);
    },
  },
  {
    name: 'the history of a practice',
    open: async (page, lang) => {
      await openFirstPractice(page);
      await page.getByRole('button', { name: APP[lang].history.open }).click();
      await expect
        .poll(() => page.locator('main h1').textContent())
        .toContain(APP[lang].history.heading.split('{{')[0]!.slice(0, -1));
      await expect.poll(() => page.locator('main table tbody tr').count()).toBeGreaterThan(1);
    },
  },
  {
    name: 'the comparison table',
    open: async (page, lang) => {
      await navTo('compare')(page, lang);
      await expect.poll(() => page.locator('main table th').count()).toBeGreaterThan(2);
    },
  },
  {
    name: 'the glossary',
    open: async (page, lang) => {
      await navTo('glossary')(page, lang);
      await expect.poll(() => page.locator('main dl, main li').count()).toBeGreaterThan(10);
    },
  },
  {
    name: 'the editor of a comparison cell',
    open: async (page, lang) => {
      await navTo('compare')(page, lang);
      await page
        .getByRole('checkbox', { name: new RegExp(COMPARE[lang].filter.showEmpty_other.split('}} ')[1]!) })
        .check();
      await page
        .getByRole('button', { name: new RegExp(`^${COMPARE[lang].cell.empty}`) })
        .first()
        .click();
      await expect.poll(() => page.getByRole('dialog').count()).toBe(1);
    },
  },
  {
    name: 'the editor of a glossary term',
    open: async (page, lang) => {
      await navTo('glossary')(page, lang);
      await page.getByRole('button', { name: COMPARE[lang].glossary.new }).click();
      await expect.poll(() => page.getByRole('dialog').count()).toBe(1);
    },
  },
  { name: 'the exchange', open: navTo('exchange') },
  {
    name: 'the preview of a bundle from the partner, its items listed',
    open: async (page, lang) => {
      await navTo('exchange')(page, lang);
      await page.getByRole('button', { name: EXCHANGE[lang].import.open }).click();
      await expect.poll(() => page.locator('.import-preview').count()).toBe(1);
      await page.evaluate(() =>
        document.querySelectorAll<HTMLDetailsElement>('.import-preview details').forEach((d) => (d.open = true)),
      );
    },
  },
  {
    name: 'a conflict between two long versions',
    open: async (page, lang) => {
      await navTo('conflicts')(page, lang);
      await expect.poll(() => page.locator('article.conflict fieldset.conflict-field').count()).toBeGreaterThan(0);
    },
  },
  {
    name: 'the gallery of a practice with a photo and a PDF',
    open: async (page) => {
      await page.locator('.practice-card h2 button', { hasText: 'GründachPLUS' }).first().click();
      await expect.poll(() => page.locator('.gallery img').count()).toBeGreaterThan(0);
    },
  },
  {
    name: 'the search dialog with results',
    open: async (page, lang) => {
      await page.getByRole('button', { name: new RegExp(`^${SEARCH[lang].open}`) }).click();
      await page.getByRole('combobox', { name: SEARCH[lang].label }).fill(lang === 'de' ? 'Kreisverkehr' : 'rotonde');
      await expect.poll(() => page.locator('[role=option]').count()).toBeGreaterThan(0);
    },
  },
  { name: 'the trash', open: navTo('trash') },
  { name: 'the settings', open: navTo('settings') },
  {
    name: 'the welcome, opened again from the settings',
    open: async (page, lang) => {
      await navTo('settings')(page, lang);
      await page.getByRole('button', { name: APP[lang].welcome.open }).click();
      await expect.poll(() => page.locator('.welcome-starts button').count()).toBe(4);
    },
  },
];
