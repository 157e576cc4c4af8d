import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../core/knowledge-base';
import type { PracticeText } from '../../shared/model';
import { exportBytes } from '../helpers/bundles';
import { AV, germanPractice, writableKnowledgeBase } from '../helpers/knowledge-base';
import { useTempDirs } from '../helpers/temp-dir';
import { closeAppsAfterEachTest, openApp, type AppSession } from './harness';

const tempDir = useTempDirs();
let session: AppSession | undefined;
closeAppsAfterEachTest();

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });
const heading = (page: Page) => page.locator('h1').textContent();

/** Imports everything `from` holds into `to`, as a confirmed bundle import. */
async function exchange(from: KnowledgeBase, to: KnowledgeBase) {
  await to.exchange.confirm(to.exchange.preview(exportBytes(from), 'bundle.twinning-kb.json').previewId);
}

const LONG_TITLE =
  'Dachbegrünung im Bestand: Förderprogramm GründachPLUS für private Eigentümerinnen und Eigentümer in Tempelhof-Schöneberg';
const body = (amount: string) =>
  [
    '## Ziel',
    '',
    `Gefördert werden extensive und intensive Dachbegrünungen auf Bestandsgebäuden mit bis zu ${amount} je Vorhaben.`,
    '',
    'Antragsunterlagen: https://www.berlin.de/senuvk/umwelt/stadtgruen/gruendachplus/foerderprogramm-antragsunterlagen-und-merkblaetter',
  ].join('\n');
const text = (title: string, amount: string): PracticeText => ({
  title,
  summary: 'Zuschüsse für begrünte Dächer halten Regenwasser zurück und kühlen die Nachbarschaft.',
  body: body(amount),
});

/** Elements that reach out of their conflict column, or columns of one row that run into each other. */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const viewport = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > viewport + 1) problems.push('the page scrolls sideways');
    const columns = [...document.querySelectorAll<HTMLElement>('.conflict-version, .conflict-field-version')];
    for (const column of columns) {
      const box = column.getBoundingClientRect();
      for (const inner of column.querySelectorAll('*')) {
        const rect = inner.getBoundingClientRect();
        if (rect.width > 0 && (rect.right > box.right + 1 || rect.left < box.left - 1))
          problems.push(`${inner.tagName} spills out of ${column.className}: ${inner.textContent?.slice(0, 30)}`);
      }
      const next = column.nextElementSibling?.getBoundingClientRect();
      if (next && Math.abs(next.top - box.top) < 1 && next.left < box.right - 1)
        problems.push(`${column.className} runs into its neighbour`);
    }
    return problems;
  });
}

describe('resolving a conflict', () => {
  it(
    'shows two long versions side by side without overlap, marks the words that differ, and merges field by field',
    { timeout: 120_000 },
    async () => {
      session = await openApp();
      const { page, kb: ts } = session;
      const av = await writableKnowledgeBase(await tempDir(), { name: 'Jan de Vries', organisationId: AV });
      const tags = ['Dachbegrünung', 'Regenwasserbewirtschaftung', 'Klimaanpassungsmaßnahmen', 'Förderprogramm'];
      const { practice } = await ts.practices.save(
        undefined,
        germanPractice(ts, { tags, texts: { de: text(LONG_TITLE, '60 000 Euro') } }),
      );
      await exchange(ts, av);

      // Both sides edit it before they meet again: Berlin the title, Amstelveen the amount and a Dutch text.
      const edit = (kb: KnowledgeBase, texts: Record<string, PracticeText>, extraTags: string[] = []) =>
        kb.practices.save(
          practice.id,
          germanPractice(kb, { tags: [...tags, ...extraTags], texts }),
          kb.practices.get(practice.id).practice.updatedAt,
        );
      await edit(ts, { de: text(`${LONG_TITLE} (Stand 2026)`, '60 000 Euro') });
      await edit(
        av,
        {
          de: text(LONG_TITLE, '75 000 Euro'),
          nl: {
            title: 'Groene daken op bestaande gebouwen: subsidieprogramma GründachPLUS van de deelstaat Berlijn',
            summary: 'Subsidie voor groene daken.',
            body: 'Tot 75 000 euro per project.',
          },
        },
        ['Gemeentelijke-subsidieregeling-groene-daken'],
      );
      await exchange(av, ts);
      expect(ts.conflicts.list()).toHaveLength(1);
      // A tag with a label is shown by it, as everywhere else.
      await ts.tags.rename({ tag: 'Förderprogramm', label: { de: 'Fördermittel', nl: 'Subsidie' } });

      await page.reload();
      await page
        .getByRole('navigation')
        .getByRole('button', { name: /^Konflikte/ })
        .click();
      await poll(() => heading(page)).toBe('Konflikte');
      const conflict = page.locator('article.conflict');
      await poll(() => conflict.locator('fieldset.conflict-field').count()).toBeGreaterThan(0);

      // Only the fields that differ are offered, each with its words marked.
      expect(await conflict.locator('fieldset.conflict-field legend').allTextContents()).toEqual([
        'Titel (Deutsch)',
        'Text (Deutsch)',
        'Titel (Niederländisch)',
        'Zusammenfassung (Niederländisch)',
        'Text (Niederländisch)',
        'Schlagwörter',
      ]);
      const field = (legend: string) =>
        conflict.locator('fieldset.conflict-field').filter({ has: page.locator('legend', { hasText: legend }) });
      expect(await field('Titel (Deutsch)').locator('del').allTextContents()).toEqual([' (Stand 2026)']);
      expect(await field('Text (Deutsch)').locator('del').allTextContents()).toEqual(['60']);
      expect(await field('Text (Deutsch)').locator('ins').allTextContents()).toEqual(['75']);
      expect(await field('Titel (Niederländisch)').locator('[lang="nl"]').count()).toBe(1);
      expect(await field('Schlagwörter').textContent()).toContain('Fördermittel');
      expect(await field('Schlagwörter').textContent()).not.toContain('Förderprogramm');
      expect(await conflict.locator('.conflict-fields > p.hint').last().textContent()).toBe(
        'In allen Fassungen gleich: Zusammenfassung (Deutsch), Verwaltung, Themen.',
      );

      // Long texts wrap within their column, at 1280 px and with text at 200 %.
      expect(await layoutProblems(page)).toEqual([]);
      await session.screenshot('47-conflict-fields-de');
      await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
      expect(await layoutProblems(page)).toEqual([]);
      await page.evaluate(() => (document.documentElement.style.fontSize = ''));

      // Berlin's title, Amstelveen's amount and Dutch text, by keyboard.
      await field('Text (Deutsch)').getByRole('radio', { name: 'Fassung 2' }).check();
      for (const legend of ['Titel (Niederländisch)', 'Zusammenfassung (Niederländisch)', 'Text (Niederländisch)'])
        await field(legend).getByRole('radio', { name: 'Fassung 2' }).press('Space');
      await page.getByRole('button', { name: /^Texte von „.*“ zusammenführen$/ }).click();
      await poll(() => heading(page)).toMatch(/^Zusammenführen: /);
      const column = (language: string) =>
        page.locator('fieldset.editor-column').filter({ has: page.locator('legend', { hasText: language }) });
      expect(await column('Deutsch').getByLabel('Titel').inputValue()).toBe(`${LONG_TITLE} (Stand 2026)`);
      expect(await column('Deutsch').getByLabel('Text (Markdown)').inputValue()).toContain('75 000 Euro');
      expect(await column('Niederländisch').getByLabel('Text (Markdown)').inputValue()).toBe(
        'Tot 75 000 euro per project.',
      );
      await page.keyboard.press('Control+s');
      await poll(() => heading(page)).toBe(`${LONG_TITLE} (Stand 2026)`);

      expect(ts.conflicts.list()).toEqual([]);
      const merged = ts.practices.get(practice.id).practice;
      expect(merged.texts.de!.body).toContain('75 000 Euro');
      expect(merged.texts.nl!.title).toMatch(/^Groene daken/);
      await av.close();
    },
  );
});
