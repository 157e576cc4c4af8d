/** axe-core in the page, injected through the DevTools protocol (the page's CSP rightly refuses inline scripts). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

/** WCAG 2.1 AA violations within `selector` (the whole page by default), one line each. */
export async function axeViolations(page: Page, selector?: string): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(
    ({ tags, selector }) =>
      (
        window as unknown as {
          axe: { run(context: unknown, options: object): Promise<{ violations: Violation[] }> };
        }
      ).axe
        .run(selector ? { include: [[selector]] } : document, {
          runOnly: { type: 'tag', values: tags },
          resultTypes: ['violations'],
        })
        .then((result) =>
          result.violations.map(
            (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
          ),
        ),
    { tags: WCAG_AA, selector },
  );
}
