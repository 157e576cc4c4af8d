import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import deApp from '../../locales/de/app.json';
import deExchange from '../../locales/de/exchange.json';
import nlApp from '../../locales/nl/app.json';
import nlExchange from '../../locales/nl/exchange.json';
import { TRANSFER_PROGRESS_CHANNEL } from '../../shared/contract';
import { jpeg, zip } from '../helpers/attachment-fixtures';
import { axeViolations } from './axe';
import { germanPractice } from '../helpers/knowledge-base';
import { closeAppsAfterEachTest, openApp, type AppSession } from './harness';

closeAppsAfterEachTest();
const { poll } = expect;

/** A photo of about `size` bytes: a JPEG's start and end around random bytes. */
const photo = (size: number) => {
  const head = jpeg();
  return Buffer.concat([head.subarray(0, -2), randomBytes(size), head.subarray(-2)]);
};

const bar = (page: Page) => page.getByRole('progressbar');
const listeners = (page: Page) =>
  page.evaluate(
    (channel) => (window as unknown as { __kbListenerCount: (c: string) => number }).__kbListenerCount(channel),
    TRANSFER_PROGRESS_CHANNEL,
  );

/** Waits for the bar of `label` at 100 %, checks its text and accessibility, then lets the call answer. */
async function seeFullBar(session: AppSession, label: string, text: RegExp, release: () => void) {
  const { page } = session;
  await poll(() => bar(page).getAttribute('aria-valuenow'), { timeout: 20_000 }).toBe('100');
  expect(await bar(page).getAttribute('aria-valuemin')).toBe('0');
  expect(await bar(page).getAttribute('aria-valuemax')).toBe('100');
  expect(await page.getByRole('progressbar', { name: label }).count()).toBe(1);
  expect(await bar(page).getAttribute('aria-valuetext')).toMatch(text);
  expect(await page.locator('.transfer-progress > span').last().textContent()).toMatch(text);
  expect(await axeViolations(page, '.transfer-progress')).toEqual([]);
  release();
  await poll(() => bar(page).count()).toBe(0);
}

describe('progress of a container in the app', () => {
  it(
    'shows a labelled bar while a container is written, checked and imported, in German and in Dutch, gone at the end',
    { timeout: 180_000 },
    async () => {
      const ts = await openApp();
      const { practice } = await ts.kb.practices.save(
        undefined,
        germanPractice(ts.kb, {
          tags: [],
          originalLanguage: 'de',
          texts: { de: { title: 'Gründächer mit vielen Fotos', summary: '', body: 'Fotos.' } },
        }),
      );
      for (let i = 0; i < 4; i++)
        await ts.kb.attachments.add(
          { kind: 'practices', id: practice.id },
          { bytes: photo(1_500_000), name: `dach-${i}.jpg` },
        );
      const file = path.join(await mkdtemp(path.join(tmpdir(), 'twinning-kb-progress-')), 'fotos.twinning-kb.zip');

      // Export, in German: the answer is held back so the finished bar can be looked at.
      await ts.page.getByRole('navigation').getByRole('button', { name: deApp.nav.exchange }).click();
      ts.dialogs.savePath = file;
      const releaseExport = ts.holdAnswers('exportBundle');
      await ts.page.getByRole('button', { name: deExchange.export.submit }).click();
      await seeFullBar(ts, deExchange.progress.export, /^100\s%\s–\s5,\d von 5,\d MB$/, releaseExport);
      await poll(() => ts.page.locator('.message-success').first().textContent()).toContain('4 Anlagen');
      const exported = ts.progressSent.filter((e) => e.operation === 'export');
      expect(exported.length).toBeGreaterThan(3);
      expect(exported.map((e) => e.done)).toEqual([...exported.map((e) => e.done)].sort((a, b) => a - b));
      expect(exported.at(-1)!.done).toBe(exported.at(-1)!.total);
      expect(await listeners(ts.page)).toBe(0); // the subscription ended with the export

      // Preview and import, in Dutch.
      const av = await openApp({
        systemLocales: ['nl-NL'],
        browserLocale: 'nl-NL',
        user: { name: 'Jan de Vries', organisationId: 'org-amstelveen' },
      });
      await av.page.getByRole('navigation').getByRole('button', { name: nlApp.nav.exchange }).click();
      av.dialogs.openPath = file;
      const releasePreview = av.holdAnswers('openBundle');
      await av.page.getByRole('button', { name: nlExchange.import.open }).click();
      await seeFullBar(av, nlExchange.progress.preview, /^100%\s–\s5,\d van 5,\d MB$/, releasePreview);

      const releaseImport = av.holdAnswers('confirmImport');
      await av.page.locator('.import-preview').getByRole('button', { name: nlExchange.import.confirm }).click();
      await seeFullBar(av, nlExchange.progress.import, /^100%\s–\s5,\d van 5,\d MB$/, releaseImport);
      await poll(() => av.page.locator('.message-success').first().textContent()).toContain('geïmporteerd');
      expect(av.kb.store.get('practices', practice.id)?.attachments).toHaveLength(4);
      expect(new Set(av.progressSent.map((e) => e.operation))).toEqual(new Set(['preview', 'import']));
      expect(await listeners(av.page)).toBe(0);
    },
  );

  it('takes the bar away when the container is refused, and says why', { timeout: 60_000 }, async () => {
    const session = await openApp();
    const { page } = session;
    const folder = await mkdtemp(path.join(tmpdir(), 'twinning-kb-progress-'));
    const file = path.join(folder, 'kaputt.twinning-kb.zip');
    // A ZIP whose bundle entry is not JSON: refused after it was read.
    await writeFile(file, await zip([['bundle.twinning-kb.json', 'kein JSON'.repeat(1000)]]));
    await page.getByRole('navigation').getByRole('button', { name: deApp.nav.exchange }).click();
    session.dialogs.openPath = file;
    const release = session.holdAnswers('openBundle');
    await page.getByRole('button', { name: deExchange.import.open }).click();
    await poll(() => bar(page).getAttribute('aria-valuenow')).toBe('100');
    release();
    await poll(() => page.locator('#main [role="alert"]').count()).toBeGreaterThan(0);
    expect(await bar(page).count()).toBe(0);
    expect(await listeners(page)).toBe(0);
  });
});
