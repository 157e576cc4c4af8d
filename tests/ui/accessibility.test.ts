import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import deApp from '../../locales/de/app.json';
import nlApp from '../../locales/nl/app.json';
import deCompare from '../../locales/de/compare.json';
import deSearch from '../../locales/de/search.json';
import nlCompare from '../../locales/nl/compare.json';
import nlSearch from '../../locales/nl/search.json';
import deVisits from '../../locales/de/visits.json';
import nlVisits from '../../locales/nl/visits.json';
import type { Lang } from '../../shared/model';
import { closeBrowser, foreignRequests, openApp, type AppSession } from './harness';

/** axe-core, injected through the DevTools protocol: the page's CSP rightly refuses inline scripts. */
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const found = await page.evaluate(
    (tags) =>
      (
        window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }
      ).axe
        .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
        .then((result) =>
          result.violations.map(
            (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
          ),
        ),
    WCAG_AA,
  );
  return found;
}

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

/** One screen: how to get there from the list, in the session's language. */
interface Screen {
  name: string;
  open(page: Page, lang: Lang): Promise<void>;
}

const APP = { de: deApp, nl: nlApp };
const SEARCH = { de: deSearch, nl: nlSearch };
const COMPARE = { de: deCompare, nl: nlCompare };
const VISITS = { de: deVisits, nl: nlVisits };
/** Opens a section from the main navigation, by its key in locales/<lang>/app.json `nav`. */
const navTo = (key: keyof typeof deApp.nav) => async (page: Page, lang: Lang) => {
  await page
    .getByRole('navigation', { name: APP[lang].nav.label })
    .getByRole('button', { name: new RegExp(`^${APP[lang].nav[key]}`) })
    .click();
};
const openFirstPractice = async (page: Page) => {
  await page.locator('.practice-card h2 button').first().click();
  await expect.poll(() => page.locator('article h1').count()).toBe(1);
};

const SCREENS: Screen[] = [
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
      await expect.poll(() => page.getByText(APP[lang].history.none).count()).toBe(1);
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

describe.each<[Lang, string]>([
  ['de', 'de-DE'],
  ['nl', 'nl-NL'],
])('accessibility in %s', (lang, locale) => {
  let session: AppSession;
  beforeAll(async () => {
    session = await openApp({ systemLocales: [locale] });
    await withProgramme(session);
    await session.page.waitForFunction((expected) => document.documentElement.lang === expected, lang);
  });
  afterAll(async () => {
    expect(foreignRequests(session)).toEqual([]);
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });

  it.each(SCREENS.map((s) => [s.name, s] as const))('finds no WCAG 2.1 AA violation on %s', async (_name, screen) => {
    const { page } = session;
    // Back to the start: close any dialog, then the list of all practices.
    while ((await page.getByRole('dialog').count()) > 0) await page.keyboard.press('Escape');
    await navTo('all')(page, lang);
    await screen.open(page, lang);
    expect(await violations(page)).toEqual([]);
  });

  it('keeps its contrast in the dark theme the operating system asks for', async () => {
    const { page } = session;
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      await navTo('all')(page, lang);
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe('rgb(255, 255, 255)');
      expect(await violations(page)).toEqual([]);
      await openFirstPractice(page);
      expect(await violations(page)).toEqual([]);
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
  });

  it('shows text at 200 % without horizontal scrolling or hidden controls', async () => {
    const { page } = session;
    await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
    try {
      await navTo('all')(page, lang);
      await openFirstPractice(page);
      const overflowing = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        return [...document.querySelectorAll('body *')]
          .filter((element) => element.getBoundingClientRect().right > width + 1)
          .map(
            (element) =>
              `${element.tagName.toLowerCase()}.${element.className} ${(element.textContent ?? '').slice(0, 40)}`,
          );
      });
      expect(overflowing).toEqual([]);
      for (const name of [new RegExp(`^${APP[lang].nav.all}`), new RegExp(`^${APP[lang].action.delete}$`)]) {
        await expect.poll(() => page.getByRole('button', { name }).first().isVisible()).toBe(true);
      }
      expect(await violations(page)).toEqual([]);
    } finally {
      await page.evaluate(() => (document.documentElement.style.fontSize = ''));
    }
  });

  it('lists the keyboard shortcuts in a dialog opened with F1, and gives focus back on Escape', async () => {
    const { page } = session;
    await navTo('all')(page, lang);
    await page.locator('.practice-card h2 button').first().focus();
    await page.keyboard.press('F1');
    const dialog = page.getByRole('dialog', { name: APP[lang].shortcuts.title });
    await expect.poll(() => dialog.count()).toBe(1);
    expect(await dialog.locator('tbody tr').count()).toBeGreaterThan(5);
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.closest('.practice-card') !== null)).toBe(true);
  });

  it('finds no violation on the first start, before the user has said who they are', async () => {
    const first = await openApp({ systemLocales: [locale], user: null });
    try {
      await expect.poll(() => first.page.locator('form').count()).toBeGreaterThan(0);
      expect(await violations(first.page)).toEqual([]);
    } finally {
      await first.close();
    }
  });
});

afterAll(closeBrowser);
