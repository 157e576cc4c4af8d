import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const relative = path.join(dir, name);
    if (statSync(path.join(ROOT, relative)).isDirectory()) return sources(relative);
    return /\.(ts|tsx)$/.test(name) ? [relative] : [];
  });
}

/** Module specifiers imported at run time (type-only imports are erased and do not count). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/^\s*(import|export)\s+(?!type\s)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[2]!);
}

function resolvesInto(file: string, specifier: string, dir: string): boolean {
  return specifier.startsWith('.') && path.join(path.dirname(file), specifier).startsWith(dir + path.sep);
}

describe('the runtime split', () => {
  it('is checked by an import scan that sees real imports', () => {
    expect(runtimeImports('electron/main.ts')).toEqual(expect.arrayContaining(['electron', 'node:path', './kb/knowledge-base']));
    expect(runtimeImports('electron/kb/errors.ts')).toEqual([]); // its only import is type-only
  });

  it('keeps shared code free of anything runtime-specific', () => {
    for (const file of sources('shared')) {
      for (const specifier of runtimeImports(file)) {
        expect(specifier, file).not.toMatch(/^(electron|node:|react)/);
        expect(resolvesInto(file, specifier, 'electron') || resolvesInto(file, specifier, 'renderer'), `${file} → ${specifier}`).toBe(false);
      }
    }
  });

  it('keeps the core and the IPC layer free of Electron', () => {
    for (const file of [...sources('electron/kb'), ...sources('electron/ipc')]) {
      for (const specifier of runtimeImports(file)) {
        expect(specifier, file).not.toBe('electron');
        expect(resolvesInto(file, specifier, 'electron/main'), `${file} → ${specifier}`).toBe(false);
      }
    }
  });

  it('lets the renderer reach main only through window.kb', () => {
    for (const file of sources('renderer/src')) {
      for (const specifier of runtimeImports(file)) {
        expect(specifier, file).not.toMatch(/^(electron|node:)/);
        expect(resolvesInto(file, specifier, 'electron'), `${file} → ${specifier}`).toBe(false);
      }
    }
  });

  it('never imports Electron for real in a test', () => {
    for (const file of sources('tests')) {
      expect(runtimeImports(file), file).not.toContain('electron');
    }
  });
});
