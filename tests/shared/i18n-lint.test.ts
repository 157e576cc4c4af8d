/**
 * The i18next-cli lint (scripts/i18n-lint.mjs with i18next.config.ts): no UI
 * text is hard-coded in the renderer's components, and the configuration
 * really catches it, in plain elements, the app's own components and
 * attributes, while leaving technical attributes alone.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir';

const LINT = fileURLToPath(new URL('../../scripts/i18n-lint.mjs', import.meta.url));
const TIMEOUT = 60_000; // a few seconds alone; more while other test files keep the machine busy
const tempDir = useTempDirs();

interface Run {
  code: number | null;
  output: string;
}

const lint = (...files: string[]) =>
  new Promise<Run>((resolve) => {
    execFile(process.execPath, [LINT, ...files], (error, stdout, stderr) =>
      resolve({
        code: error ? (typeof error.code === 'number' ? error.code : -1) : 0,
        output: stripVTControlCharacters(stdout + stderr),
      }),
    );
  });

const fixture = `import { useTranslation } from 'react-i18next';
import { Feedback } from './Feedback';

export function Fixture() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="fixture-heading" className="fixture-panel">
      <h2 id="fixture-heading">Neue Praxisbeispiele</h2>
      <Feedback message="Gespeichert" />
      <button type="button" aria-label="Schließen" onClick={() => undefined}>
        {t('dialog.close')}
      </button>
      <p>{t('list.empty')}</p>
    </section>
  );
}
`;

describe.concurrent('the i18n lint', () => {
  it('finds no hard-coded UI text in the renderer', { timeout: TIMEOUT }, async () => {
    const run = await lint();
    expect(run.output).not.toMatch(/Error:/);
    expect(run.code).toBe(0);
  });

  it(
    'fails on hard-coded text in elements, components and attributes, naming each line',
    { timeout: TIMEOUT },
    async () => {
      const file = path.join(await tempDir(), 'Fixture.tsx');
      await writeFile(file, fixture);
      const run = await lint(file);
      expect(run.code).toBe(1);
      expect(run.output).toContain('Fixture.tsx');
      expect(run.output).toMatch(/8: Error: Found hardcoded string: "Neue Praxisbeispiele"/);
      expect(run.output).toMatch(/9: Error: Found hardcoded string: "Gespeichert"/);
      expect(run.output).toMatch(/10: Error: Found hardcoded string: "Schließen"/);
      for (const technical of ['fixture-heading', 'fixture-panel', 'button', 'dialog.close']) {
        expect(run.output).not.toContain(`"${technical}"`);
      }
    },
  );
});
