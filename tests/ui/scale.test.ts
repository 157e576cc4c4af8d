import { beforeAll, describe, expect, it } from 'vitest';
import { generateKnowledgeBase, type GeneratedKnowledgeBase } from '../../bench/generate';
import { writeGeneratedStore } from '../../bench/store';
import { useTempDirs } from '../helpers/temp-dir';
import { closeAppsAfterAllTests, openApp, type AppSession } from './harness';

const PRACTICES = 10_000;
const tempDir = useTempDirs();
let generated: GeneratedKnowledgeBase;
let session: AppSession;

const live = () => generated.practices.filter((p) => !p.deletedAt);
const rowPosition = (s: AppSession) =>
  s.page.evaluate(() => document.activeElement?.closest('[data-index]')?.getAttribute('aria-posinset') ?? null);

beforeAll(async () => {
  generated = generateKnowledgeBase({ practices: PRACTICES, annotationsPerPractice: 1, seed: 7 });
  const dataDir = await tempDir();
  await writeGeneratedStore(dataDir, generated);
  session = await openApp({ dataDir });
}, 120_000);

closeAppsAfterAllTests();

describe('a knowledge base of 10 000 practices', () => {
  it('opens the list with every practice counted but only a window of them in the page', async () => {
    const { page } = session;
    const count = live().length;
    await expect
      .poll(() => page.locator('.list-count').textContent())
      .toBe(`${count.toLocaleString('de-DE')} Praxisbeispiele`);
    expect(await page.locator('.virtual-row').first().getAttribute('aria-setsize')).toBe(String(count));
    await expect.poll(() => page.locator('.practice-card').count()).toBeGreaterThan(3);
    expect(await page.locator('.practice-card').count()).toBeLessThan(100);
  });

  it('scrolls to the end and back with the keyboard, fetching the pages it needs', async () => {
    const { page } = session;
    const count = live().length;
    await page.locator('.practice-card h2 button').first().focus();
    await page.keyboard.press('End');
    await expect.poll(() => rowPosition(session), { timeout: 15_000 }).toBe(String(count));
    await page.keyboard.press('PageUp');
    await expect.poll(() => rowPosition(session).then(Number)).toBeLessThan(count);
    await page.keyboard.press('Home');
    await expect.poll(() => rowPosition(session)).toBe('1');
  });

  it('scrolls with the mouse wheel to practices far down the list', async () => {
    const { page } = session;
    const firstTitle = await page.locator('.practice-card h2').first().textContent();
    await page.mouse.move(700, 500);
    for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 2_000);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(30_000);
    await expect.poll(() => page.locator('.practice-card h2').first().textContent()).not.toBe(firstTitle);
    const positions = await page
      .locator('.virtual-row')
      .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('aria-posinset'))));
    expect(Math.min(...positions)).toBeGreaterThan(100);
    expect(positions.length).toBeLessThan(100);
  });

  it('switches topic and organisation filters to the right counts', async () => {
    const { page } = session;
    const nav = page.getByRole('navigation');
    for (const topic of generated.topics.slice(0, 3)) {
      const expected = live().filter((p) => p.topicIds.includes(topic.id)).length;
      await nav.getByRole('button', { name: new RegExp(`^${topic.name.de}`) }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe(`Thema: ${topic.name.de}`);
      await expect.poll(() => page.locator('.virtual-row').first().getAttribute('aria-setsize')).toBe(String(expected));
    }
    const organisation = generated.organisations[1]!;
    await nav.getByRole('button', { name: new RegExp(`^${organisation.name.de}`) }).click();
    const expected = live().filter((p) => p.organisationId === organisation.id).length;
    await expect.poll(() => page.locator('.virtual-row').first().getAttribute('aria-setsize')).toBe(String(expected));
  });

  it('answers a search over all of them as the user types, and narrows it with a filter', async () => {
    const { page } = session;
    await session.kb.search.ready();
    await page.getByRole('button', { name: /^Suchen/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Suchbegriff' }).fill('Kreisverkehre');
    const total = () =>
      dialog
        .locator('[role=status]')
        .first()
        .textContent()
        .then((text) => Number((text ?? '').replace(/\D/g, '')));
    await expect.poll(total, { timeout: 15_000 }).toBeGreaterThan(100);
    const all = await total();
    expect(await dialog.locator('mark').count()).toBeGreaterThan(0);
    const organisation = generated.organisations[1]!;
    await dialog.getByLabel('Verwaltung', { exact: true }).selectOption({ label: organisation.name.de });
    await expect.poll(total).toBeLessThan(all);
    expect(await total()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });
});
