/**
 * One vitest run for everything (`npm test`), cut into projects so a change
 * can be checked fast: `npm run test:core` runs the `core` project alone
 * (no build, no browser); the slow property, crash and benchmark tests, the
 * main process and the UI in Chromium run only in the full suite.
 */
import { defineConfig } from 'vitest/config';

const SLOW = ['tests/**/*.property.test.ts', 'tests/core/storage/crash.test.ts', 'tests/bench/**/*.test.ts'];

export default defineConfig({
  test: {
    // UI tests drive one Chromium each; two cores do not gain from more parallel files.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    reporters: ['default', './tests/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'core',
          include: [
            'tests/core/**/*.test.ts',
            'tests/cli/**/*.test.ts',
            'tests/shared/**/*.test.ts',
            'tests/data/**/*.test.ts',
            'tests/docs/**/*.test.ts',
            'tests/*.test.ts',
          ],
          exclude: SLOW,
        },
      },
      { extends: true, test: { name: 'slow', include: SLOW } },
      { extends: true, test: { name: 'main', include: ['tests/main/**/*.test.ts', 'tests/build/**/*.test.ts'] } },
      { extends: true, test: { name: 'ui', include: ['tests/ui/**/*.test.ts', 'tests/renderer/**/*.test.{ts,tsx}'] } },
    ],
  },
});
