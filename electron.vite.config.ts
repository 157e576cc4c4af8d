/**
 * One build for the three runtimes: main (ESM, Node), preload (CommonJS,
 * because sandboxed preloads cannot be ESM, fully bundled) and renderer.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// KB_OUT_DIR lets parallel work build into a folder of its own; the UI tests read the same variable.
const out = process.env.KB_OUT_DIR ?? 'out';

export default defineConfig({
  main: {
    build: {
      outDir: `${out}/main`,
      // lowdb is ESM-only: bundle dependencies into the ESM main instead of requiring them.
      externalizeDeps: false,
      rollupOptions: { input: resolve('electron/main/main.ts') },
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
