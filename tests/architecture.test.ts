/**
 * The architecture, held by a test: which folder may import which (the
 * runtime split of main, preload and renderer, and the core's floors that
 * import only downwards), and no import cycle anywhere. Type-only imports
 * count too: a cycle of types tangles the code as much as one of values.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Folder → the folders its files may import from (besides their own folder,
 * and besides packages). The most specific folder of a file decides. The
 * core's floors, bottom up: base → storage → store → write → bundle, search,
 * exchange, services → sync → the composition root (core/knowledge-base.ts).
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  locales: [],
  data: [],
  shared: ['locales'],
  'core/base': ['shared'],
  'core/storage': ['core/base'],
  'core/attachments': ['shared', 'core/base'],
  'core/documents': ['shared', 'core/base', 'core/attachments'],
  'core/store': ['shared', 'data', 'core/base', 'core/storage'],
  'core/write': ['shared', 'core/base', 'core/store'],
  'core/bundle': ['shared', 'core/base'],
  'core/search': ['shared', 'core/base', 'core/store'],
  'core/exchange': ['shared', 'core/base', 'core/store', 'core/write', 'core/bundle', 'core/attachments'],
  'core/services': ['shared', 'core/base', 'core/store', 'core/write', 'core/attachments', 'core/documents'],
  'core/sync': ['shared', 'core/base', 'core/attachments', 'core/store', 'core/write', 'core/bundle', 'core/exchange'],
  core: [
    'shared',
    'core/base',
    'core/attachments',
    'core/store',
    'core/write',
    'core/search',
    'core/exchange',
    'core/services',
    'core/sync',
  ],
  cli: ['shared', 'core/base', 'core/bundle'],
  'electron/main': ['shared', 'core', 'core/base', 'core/bundle', 'core/attachments'],
  electron: ['shared'],
  renderer: ['shared'],
};

/** Packages only some runtimes may load (a folder and those below it): Electron in main and preload, Node's built-ins not in the browser. */
const PACKAGE_RULES: { pattern: RegExp; allowedIn: readonly string[] }[] = [
  { pattern: /^electron$/, allowedIn: ['electron/main', 'electron'] },
  { pattern: /^node:/, allowedIn: ['core', 'cli', 'electron/main'] },
  { pattern: /^(react|react-dom|@tanstack|dompurify|marked)(\/|$)/, allowedIn: ['renderer'] },
];

const SOURCE_ROOTS = ['shared', 'core', 'cli', 'electron', 'renderer/src'];

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const relative = path.posix.join(dir, name);
    if (statSync(path.join(ROOT, relative)).isDirectory()) return sources(relative);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [relative] : [];
  });
}

/** Every module specifier a file imports or re-exports, type-only ones included, and dynamic imports. */
export function importsOf(text: string): string[] {
  const statics = text.matchAll(/^\s*(?:import|export)\s+(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm);
  const dynamics = text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g);
  return [...statics, ...dynamics].map((m) => m[1]!);
}

/** A relative specifier as a repository path, with the file it names when that is a source file. */
function resolve(file: string, specifier: string, known: ReadonlySet<string>): string {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  return ['.ts', '.tsx', '/index.ts'].map((ext) => base + ext).find((candidate) => known.has(candidate)) ?? base;
}

/** The most specific folder of the table that holds `file`. */
function folderOf(file: string): string | undefined {
  const dirs = Object.keys(MAY_IMPORT).filter((dir) => file.startsWith(`${dir}/`));
  return dirs.sort((a, b) => b.length - a.length)[0];
}

type Graph = Map<string, { specifier: string; target: string | null }[]>;

/** Each file's imports: relative ones resolved to repository paths, packages as `target: null`. */
export function importGraph(files: Record<string, string>): Graph {
  const known = new Set(Object.keys(files));
  return new Map(
    Object.entries(files).map(([file, text]) => [
      file,
      importsOf(text).map((specifier) => ({
        specifier,
        target: specifier.startsWith('.') ? resolve(file, specifier, known) : null,
      })),
    ]),
  );
}

/** Every import that breaks the table, as "file → specifier (why)". */
export function layerViolations(graph: Graph): string[] {
  const violations: string[] = [];
  for (const [file, imports] of graph) {
    const folder = folderOf(file);
    if (!folder) continue;
    for (const { specifier, target } of imports) {
      if (target === null) {
        const rule = PACKAGE_RULES.find((r) => r.pattern.test(specifier));
        if (rule && !rule.allowedIn.some((allowed) => folder === allowed || folder.startsWith(`${allowed}/`)))
          violations.push(`${file} → ${specifier} (not in ${folder})`);
        continue;
      }
      const into = folderOf(target);
      if (into !== folder && !(into && MAY_IMPORT[folder]!.includes(into))) {
        violations.push(`${file} → ${specifier} (${folder} may not import ${into ?? target})`);
      }
    }
  }
  return violations;
}

/** The import cycles among the graph's files, each as the files around it. */
export function importCycles(graph: Graph): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const { target } of graph.get(file) ?? []) {
      if (target === null || !graph.has(target)) continue;
      if (state.get(target) === 'open') cycles.push([...stack.slice(stack.indexOf(target)), target]);
      else if (!state.has(target)) visit(target);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

const project = () =>
  importGraph(
    Object.fromEntries(SOURCE_ROOTS.flatMap(sources).map((f) => [f, readFileSync(path.join(ROOT, f), 'utf8')])),
  );

describe('the architecture', () => {
  it('sees real imports: type-only, multi-line, re-exports and dynamic ones', () => {
    const text =
      "import type { A } from './a';\nimport {\n  b,\n  c,\n} from '../b';\nexport { d } from './d';\nimport './e';\nconst f = await import('./f');";
    expect(importsOf(text)).toEqual(['./a', '../b', './d', './e', './f']);
  });

  it('fails a floor that imports upwards, a runtime that loads what it must not, and an unknown folder', () => {
    const graph = importGraph({
      'core/base/a.ts': "import type { Store } from '../store/store';",
      'core/store/store.ts': "import { x } from '../base/a';",
      'core/services/b.ts': "import { Exchange } from '../exchange/exchange';",
      'core/exchange/exchange.ts': '',
      'renderer/src/c.tsx': "import fs from 'node:fs';\nimport { api } from '../../core/knowledge-base';",
      'core/knowledge-base.ts': '',
      'shared/d.ts': "import { ipcRenderer } from 'electron';",
    });
    expect(layerViolations(graph)).toEqual([
      'core/base/a.ts → ../store/store (core/base may not import core/store)',
      'core/services/b.ts → ../exchange/exchange (core/services may not import core/exchange)',
      'renderer/src/c.tsx → node:fs (not in renderer)',
      'renderer/src/c.tsx → ../../core/knowledge-base (renderer may not import core)',
      'shared/d.ts → electron (not in shared)',
    ]);
  });

  it('finds a cycle, type-only or not', () => {
    const graph = importGraph({
      'core/a.ts': "import { b } from './b';",
      'core/b.ts': "import type { C } from './c';",
      'core/c.ts': "import { a } from './a';",
      'core/d.ts': "import { a } from './a';",
    });
    expect(importCycles(graph)).toEqual([['core/a.ts', 'core/b.ts', 'core/c.ts', 'core/a.ts']]);
  });

  it('keeps every source file within the table of who may import whom', () => {
    const graph = project();
    for (const file of graph.keys()) expect(folderOf(file), `${file} is in no folder of the table`).toBeDefined();
    expect(layerViolations(graph)).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(importCycles(project())).toEqual([]);
  });

  it('never imports Electron for real in a test', () => {
    for (const file of sources('tests')) {
      const text = readFileSync(path.join(ROOT, file), 'utf8').replace(/^\s*import\s+type\s[^;]*;/gm, '');
      expect(importsOf(text), file).not.toContain('electron');
    }
  });
});
