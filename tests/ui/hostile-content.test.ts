import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Annotation, Practice } from '../../shared/model';
import { writeBundle } from '../../core/bundle/write-bundle';
import { loadStarterContent } from '../../core/store/starter-content';
import { INSTALLATION } from '../helpers/bundles';
import { closeBrowser, foreignRequests, openApp, type AppSession } from './harness';

/**
 * A partner's bundle is untrusted. Every payload below, if it ever ran, would
 * push to window.__xss (or call alert, which is recorded the same way); any
 * request it made would leave the app's origin and be recorded too.
 */
const RUN = (tag: string) => `window.__xss.push('${tag}')`;
const PAYLOADS = [
  `<script>${RUN('script')}</script>`,
  `<img src=x onerror="${RUN('img')}">`,
  `<svg onload="${RUN('svg')}"><script>${RUN('svg-script')}</script></svg>`,
  `[link](javascript:${RUN('md-link')})`,
  `<a href="javascript:${RUN('a')}">a</a>`,
  `<a href="&#106;avascript:${RUN('entity')}">entity</a>`,
  `<iframe src="javascript:${RUN('iframe')}"></iframe>`,
  `<object data="javascript:${RUN('object')}"></object>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${RUN('mxss')}">`,
  `<style>body{display:none} *{background:url(https://evil.test/css.png)}</style>`,
  `<div style="background:url(https://evil.test/inline.png)">styled</div>`,
  `![pixel](https://evil.test/pixel.png)`,
  `<form action="https://evil.test/form"><button>send</button></form>`,
  `<meta http-equiv="refresh" content="0;url=https://evil.test/refresh">`,
  `"><img src=x onerror=alert(1)>`,
  `{{constructor.constructor('${RUN('template')}')()}}`,
];
const LONG = 'Sehr'.repeat(40_000);
const ALL = PAYLOADS.join('\n\n');

const starter = loadStarterContent();
const now = '2026-11-20T10:00:00.000Z';

function hostilePractice(n: number, payload: string): Practice {
  return {
    id: `hostile-${n}`,
    version: { [INSTALLATION]: 1 },
    changedBy: INSTALLATION,
    organisationId: 'org-amstelveen',
    topicIds: [starter.topics[0]!.id],
    tags: [payload.slice(0, 60)],
    originalLanguage: 'nl',
    texts: { nl: { title: payload.slice(0, 300), summary: payload, body: `${ALL}\n\n${LONG}` } },
    sources: [{ title: payload.slice(0, 300), url: 'https://example.org/"><script>alert(1)</script>' }],
    contact: payload.slice(0, 500),
    createdAt: now,
    updatedAt: now,
  };
}

function hostileAnnotation(n: number, practiceId: string, payload: string): Annotation {
  return {
    id: `hostile-note-${n}`,
    version: { [INSTALLATION]: 1 },
    changedBy: INSTALLATION,
    practiceId,
    kind: 'lesson',
    text: `${payload}\n\n${ALL}`,
    language: 'nl',
    author: payload.slice(0, 200),
    organisationId: 'org-amstelveen',
    installationId: INSTALLATION,
    createdAt: now,
    updatedAt: now,
  };
}

function hostileBundle(): Uint8Array {
  const practices = PAYLOADS.map((payload, n) => hostilePractice(n, payload));
  const records = {
    organisations: starter.organisations,
    topics: starter.topics,
    practices,
    annotations: practices.map((p, n) => hostileAnnotation(n, p.id, PAYLOADS[n]!)),
  } as Record<string, readonly unknown[]>;
  return writeBundle(
    { all: (collection) => (records[collection] ?? []) as never, conflicts: () => [] },
    {
      exportedAt: now,
      exportedBy: { installationId: INSTALLATION, organisationId: 'org-amstelveen', name: PAYLOADS[1]!.slice(0, 200) },
    },
  ).bytes;
}

let session: AppSession;

/**
 * Chromium reports the payloads' handlers and styles as CSP violations while
 * DOMPurify parses the content in an inert DOMParser document
 * (cure53/DOMPurify#900): blocked by the policy, never run. Any other error counts.
 */
const BLOCKED_BY_CSP =
  /^(Executing inline event handler|Applying inline style) violates the following Content Security Policy directive/;
const pageErrors = () => session.pageErrors.filter((message) => !BLOCKED_BY_CSP.test(message));
const ran = () => session.page.evaluate(() => (window as unknown as { __xss: string[] }).__xss);

beforeAll(async () => {
  session = await openApp();
  await session.page.addInitScript(() => {
    const record = (window as unknown as { __xss: string[] }).__xss ?? [];
    (window as unknown as { __xss: string[] }).__xss = record;
    window.alert = () => record.push('alert');
  });
  await session.page.reload();
  // Imported the way a user would: the open dialog, the preview (which shows the hostile sender's name), confirm.
  const file = path.join(session.dataDir, 'hostile.twinning-kb.json');
  await writeFile(file, hostileBundle());
  session.dialogs.openPath = file;
  const { page } = session;
  await page
    .getByRole('navigation')
    .getByRole('button', { name: /^Austausch/ })
    .click();
  await page.getByRole('button', { name: 'Paket öffnen …' }).click();
  await page.locator('.import-preview').getByRole('button', { name: 'Importieren' }).click();
  await page.locator('.message-success', { hasText: 'wurde importiert' }).waitFor();
  await page
    .getByRole('navigation')
    .getByRole('button', { name: /^Alle Praxisbeispiele/ })
    .click();
}, 60_000);

afterAll(async () => {
  await session.close();
  await closeBrowser();
});

/** Anything in the page that could run or load: elements, handler attributes, styles from content, script or remote URLs. */
function dangerousNodes(s: AppSession): Promise<string[]> {
  return s.page.evaluate(() => {
    const found: string[] = [];
    const content = document.querySelectorAll(
      'main script, main iframe, main object, main embed, main style, main meta, main link, main base, .markdown form, .markdown input',
    );
    for (const element of content) found.push(element.outerHTML.slice(0, 120));
    for (const element of document.querySelectorAll('*')) {
      for (const { name, value } of element.attributes) {
        if (
          /^on/i.test(name) ||
          (name === 'style' && element.closest('.markdown')) ||
          (/^(href|src|action|data|formaction|xlink:href)$/i.test(name) &&
            /^\s*(javascript|data:text|vbscript)|evil\.test/i.test(value))
        ) {
          found.push(`${element.tagName} ${name}=${value.slice(0, 60)}`);
        }
      }
    }
    return found;
  });
}

describe('content from a hostile bundle', () => {
  it('lists the hostile practices as plain text, with nothing run', async () => {
    const { page } = session;
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /Amstelveen/ })
      .click();
    await expect.poll(() => page.locator('.practice-card h2', { hasText: '<script>' }).count()).toBeGreaterThan(0);
    expect(await dangerousNodes(session)).toEqual([]);
    expect(await ran()).toEqual([]);
  });

  it.each(PAYLOADS.map((payload, n) => [payload, n] as const))(
    'renders the practice page and annotation carrying %s as inert text',
    async (payload) => {
      const { page } = session;
      // Every tag is in the sidebar's full list, whether or not it is among the most used.
      if ((await page.locator('.more-tags[aria-expanded="false"]').count()) > 0) await page.click('.more-tags');
      await page
        .locator('#nav-all-tags button', { hasText: payload.slice(0, 60) })
        .first()
        .click();
      await page.locator('.practice-card h2 button').first().click();
      await expect.poll(() => page.locator('.markdown').count()).toBe(1);
      await expect.poll(() => page.locator('.annotation-text').count()).toBe(1);
      expect(await dangerousNodes(session)).toEqual([]);
      expect(await ran()).toEqual([]);
      expect(pageErrors()).toEqual([]);
    },
  );

  it('keeps the page working: the interface still navigates', async () => {
    const { page } = session;
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /^Alle Praxisbeispiele/ })
      .click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Alle Praxisbeispiele');
    expect(await ran()).toEqual([]);
    expect(foreignRequests(session)).toEqual([]);
    expect(pageErrors()).toEqual([]);
  });
});
