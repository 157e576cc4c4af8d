/**
 * One build for the three runtimes: main (ESM, Node), preload (CommonJS,
 * because sandboxed preloads cannot be ESM, fully bundled) and renderer. The
 * main build has a second entry: the script of the worker thread that checks
 * big bundles (core/bundle/check-in-worker.ts), beside main.js.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/** The worker's script name in the build; electron/main/main.ts points sync at it. */
const BUNDLE_CHECK_WORKER = 'bundle-check-worker';
// KB_OUT_DIR lets parallel work build into a folder of its own; the UI tests read the same variable.
const out = process.env.KB_OUT_DIR ?? 'out';

export default defineConfig({
  main: {
    build: {
      outDir: `${out}/main`,
      // lowdb is ESM-only: bundle dependencies into the ESM main instead of requiring them.
      externalizeDeps: false,
      rollupOptions: {
        input: {
          main: resolve('electron/main/main.ts'),
          [BUNDLE_CHECK_WORKER]: resolve('core/bundle/check-worker-entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: `${out}/preload`,
      externalizeDeps: false,
      rollupOptions: {
        input: resolve('electron/preload.ts'),
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: `${out}/renderer`,
      rollupOptions: { input: resolve('renderer/index.html') },
    },
  },
});
