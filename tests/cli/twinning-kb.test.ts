/**
 * The `twinning-kb` command. A few tests run the real bin in a child process
 * (as `npx twinning-kb` would); the rest call runCli directly, which is what
 * the bin runs.
 */
import { spawn } from 'node:child_process';
import { mkdir, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/twinning-kb';
import { readBundle } from '../../core/bundle/read-bundle';
import type { KbError } from '../../core/base/errors';
import type { Bundle } from '../../shared/bundle';
import type { Lang } from '../../shared/model';
import {
  bundleText,
  changed,
  encode,
  exportedBundle,
  hostileCases,
  renderError,
  smallBundle,
  tampered,
  translator,
} from '../helpers/bundles';
import { useTempDirs } from '../helpers/temp-dir';

const BIN = fileURLToPath(new URL('../../bin/twinning-kb.mjs', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LOCALE: Record<Lang, string> = { de: 'de_DE.UTF-8', nl: 'nl_NL.UTF-8' };
const tempDir = useTempDirs();
const hostile = await hostileCases();

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real bin with a clean environment: only PATH, HOME, the language and a fixed time zone. */
function runBin(args: string[], language: Lang): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? ROOT, LANG: LOCALE[language], TZ: 'UTC' };
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Calls runCli as the bin does, collecting the lines it writes. */
async function cli(args: string[], env: Record<string, string | undefined> = { LANG: LOCALE.de }) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (line) => out.push(line), err: (line) => err.push(line), env });
  return { code, out, err };
}

const lines = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

function expectOneLineWithoutTrace(text: string): void {
  expect(text.endsWith('\n')).toBe(true);
  expect(lines(text)).toHaveLength(1);
  expect(text).not.toContain('    at ');
  expect(text).not.toMatch(/\b(KbError|Error|TypeError|RangeError|SyntaxError)\b/);
}

/** The message the CLI should print for a file refused by readBundle. */
async function refusalLine(language: Lang, file: string, bytes: Uint8Array): Promise<string> {
  try {
    readBundle(bytes);
  } catch (error) {
    const { code, params } = error as KbError;
    return `${path.basename(file)}: ${await renderError(language, code, params)}`;
  }
  throw new Error(`${file} was expected to be invalid`);
}

let dir: string;
let bundle: Bundle;
const files = {
  valid: '',
  tampered: '',
  truncated: '',
  huge: '',
  deep: '',
  missing: '',
};

beforeAll(async () => {
  dir = await tempDir();
  bundle = (await exportedBundle()).bundle;
  const text = bundleText(bundle);
  const write = async (name: keyof typeof files, content: string | Uint8Array) => {
    files[name] = path.join(dir, `${name}.twinning-kb.json`);
    await writeFile(files[name], content);
  };
  await write('valid', text);
  await write(
    'tampered',
    bundleText(tampered(bundle, (b) => void (b.content.practices[0]!.texts.de!.title = 'Anders'))),
  );
  await write('truncated', text.slice(0, Math.floor(text.length / 2)));
  await write('deep', '['.repeat(200_000));
  await write('huge', '{');
  await truncate(files.huge, 101 * 1024 * 1024); // sparse: 101 MB without writing them
  files.missing = path.join(dir, 'missing.twinning-kb.json');
});

describe('the twinning-kb command, run as a program', () => {
  const runs = new Map<string, Run>();
  const run = (key: string) => runs.get(key)!;

  // Each run takes about a second; they start together and each test looks at one.
  beforeAll(async () => {
    const plan: [key: string, args: () => string[], language: Lang][] = [
      ['validate de', () => ['validate', files.valid], 'de'],
      ['validate nl', () => ['validate', files.valid], 'nl'],
      ['inspect de', () => ['inspect', files.valid], 'de'],
      ['inspect nl', () => ['inspect', files.valid], 'nl'],
      ['tampered de', () => ['validate', files.tampered], 'de'],
      ['truncated nl', () => ['validate', files.truncated], 'nl'],
      ['huge de', () => ['validate', files.huge], 'de'],
      ['deep nl', () => ['inspect', files.deep], 'nl'],
      ['no arguments de', () => [], 'de'],
      ['unknown command nl', () => ['check', files.valid], 'nl'],
      ['missing de', () => ['validate', files.missing], 'de'],
    ];
    const queue = [...plan];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) runs.set(next[0], await runBin(next[1](), next[2]));
    };
    await Promise.all([worker(), worker(), worker()]);
  }, 120_000);

  it('exits 0 and prints a one-line summary in German for a valid bundle', async () => {
    const { code, stdout, stderr } = run('validate de');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(lines(stdout)).toHaveLength(1);
    expect(stdout).toMatch(/^valid\.twinning-kb\.json: gültiges Austauschpaket – /);
    expect(stdout).toContain(`${bundle.content.practices.length} Praxisbeispiele`);
    expect(stdout).toContain('1 Anmerkung,');
    expect(stdout).toContain(`${bundle.content.organisations.length} Verwaltungen`);
  });

  it('exits 0 and prints a one-line summary in Dutch for a valid bundle', async () => {
    const { code, stdout, stderr } = run('validate nl');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(lines(stdout)).toHaveLength(1);
    expect(stdout).toMatch(/^valid\.twinning-kb\.json: geldig uitwisselingspakket – /);
    expect(stdout).toContain(`${bundle.content.practices.length} praktijkvoorbeelden`);
    expect(stdout).toContain('1 notitie,');
  });

  it('prints what runCli prints, line for line', async () => {
    const direct = await cli(['validate', files.valid], { LANG: LOCALE.nl });
    expect(lines(run('validate nl').stdout)).toEqual(direct.out);
    const inspected = await cli(['inspect', files.valid], { LANG: LOCALE.de });
    expect(lines(run('inspect de').stdout).filter((l) => !l.startsWith('Exportiert'))).toEqual(
      inspected.out.filter((l) => !l.startsWith('Exportiert')),
    );
  });

  it('inspects a bundle in German: schema version, export, counts per kind, organisations, languages, checksum', async () => {
    const { code, stdout, stderr } = run('inspect de');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = lines(stdout);
    expect(out[0]).toBe('Format: twinning-kb.bundle, Version 1');
    expect(out[1]).toBe(
      `Exportiert am 1. Dezember 2026 um 09:00 von Bezirksamt Tempelhof-Schöneberg (Installation ${bundle.exportedBy.installationId})`,
    );
    expect(out[2]).toBe('Inhalt:');
    expect(out).toEqual(
      expect.arrayContaining([
        `  ${bundle.content.organisations.length} Verwaltungen`,
        `  ${bundle.content.topics.length} Themen`,
        `  ${bundle.content.practices.length} Praxisbeispiele`,
        `  ${bundle.content.visits.length} Besuche`,
        '  1 Anmerkung',
        `  ${bundle.content.glossary.length} Glossarbegriffe`,
        `  ${bundle.content.comparison.length} Vergleichseinträge`,
        '  2 Löschvermerke',
        '  0 Versionen in Konflikt',
        'Verwaltungen: Gemeinde Amstelveen, Bezirksamt Tempelhof-Schöneberg',
        `Prüfsumme (SHA-256): ${bundle.checksum.value} – stimmt`,
      ]),
    );
    const practices = [
      ...bundle.content.practices,
      ...bundle.content.tombstones.flatMap((t) => (t.collection === 'practices' ? [t.record] : [])),
    ];
    const inLanguage = (lang: 'de' | 'nl') => practices.filter((p) => 'texts' in p && p.texts[lang]).length;
    expect(out).toContain(`Sprachen der Praxisbeispiele: DE ${inLanguage('de')}, NL ${inLanguage('nl')}`);
  });

  it('inspects a bundle in Dutch, with the organisations under their Dutch names', async () => {
    const { code, stdout } = run('inspect nl');
    expect(code).toBe(0);
    const out = lines(stdout);
    expect(out[0]).toBe('Formaat: twinning-kb.bundle, versie 1');
    expect(out[1]).toMatch(
      /^Geëxporteerd op 1 december 2026 om 09:00 door Tempelhof-Schöneberg \(Berlijn\) \(installatie [0-9a-f-]{36}\)$/,
    );
    expect(out).toContain('Organisaties: Gemeente Amstelveen, Tempelhof-Schöneberg (Berlijn)');
    expect(out).toContain(`  ${bundle.content.topics.length} thema’s`);
    expect(out).toContain('  2 verwijderingen');
    expect(out.find((l) => l.startsWith('Talen van de praktijkvoorbeelden: DE '))).toBeDefined();
    expect(out.at(-1)).toBe(`Controlesom (SHA-256): ${bundle.checksum.value} – klopt`);
  });

  it('exits 1 with one line on stderr for a bundle changed after export', async () => {
    const { code, stdout, stderr } = run('tampered de');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expectOneLineWithoutTrace(stderr);
    expect(stderr).toBe(`tampered.twinning-kb.json: ${await renderError('de', 'bundleChecksum')}\n`);
  });

  it('exits 1 with one line in Dutch for a file cut in half, naming line and column', async () => {
    const { code, stdout, stderr } = run('truncated nl');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expectOneLineWithoutTrace(stderr);
    const text = bundleText(bundle);
    expect(stderr).toBe(
      `${await refusalLine('nl', files.truncated, encode(text.slice(0, Math.floor(text.length / 2))))}\n`,
    );
    expect(stderr).toContain('regel 1, kolom');
  });

  it('exits 1 with one line for a file over 100 MB, giving its size and the limit', async () => {
    const { code, stdout, stderr } = run('huge de');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expectOneLineWithoutTrace(stderr);
    expect(stderr).toBe(
      `huge.twinning-kb.json: ${await renderError('de', 'bundleTooLarge', {
        size: 101 * 1024 * 1024,
        limit: 100 * 1024 * 1024,
        sizeMiB: 101,
        limitMiB: 100,
      })}\n`,
    );
  });

  it('exits 1 with one line for 200 000 levels of nesting, without crashing', async () => {
    const { code, stdout, stderr } = run('deep nl');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expectOneLineWithoutTrace(stderr);
    expect(stderr).toContain('te diep genest');
  });

  it('exits 2 with the usage on stderr when called without arguments', () => {
    const { code, stdout, stderr } = run('no arguments de');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('Aufruf: twinning-kb validate DATEI | twinning-kb inspect DATEI\n');
  });

  it('exits 2 with the usage in Dutch for an unknown command', () => {
    const { code, stdout, stderr } = run('unknown command nl');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('Gebruik: twinning-kb validate BESTAND | twinning-kb inspect BESTAND\n');
  });

  it('exits 2 with one line for a file that does not exist', () => {
    const { code, stdout, stderr } = run('missing de');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expectOneLineWithoutTrace(stderr);
    expect(stderr).toBe('missing.twinning-kb.json: Die Datei konnte nicht gelesen werden (ENOENT).\n');
  });
});

describe('runCli', () => {
  it.each([
    ['no arguments', []],
    ['a command without a file', ['validate']],
    ['inspect without a file', ['inspect']],
    ['an unknown command', ['check', 'x.twinning-kb.json']],
    ['a command in capitals', ['VALIDATE', 'x.twinning-kb.json']],
    ['a file before the command', ['x.twinning-kb.json', 'validate']],
    ['an extra argument', ['validate', 'x.twinning-kb.json', 'y.twinning-kb.json']],
    ['an empty file name', ['validate', '']],
    ['--help', ['--help']],
  ])('exits 2 with the usage for %s', async (_name, args) => {
    for (const language of ['de', 'nl'] as const) {
      const { code, out, err } = await cli(args, { LANG: LOCALE[language] });
      expect(code).toBe(2);
      expect(out).toEqual([]);
      expect(err).toEqual([(await translator(language))('cli:usage')]);
    }
  });

  it('exits 2 for a folder given as the file', async () => {
    const folder = path.join(dir, 'folder.twinning-kb.json');
    await mkdir(folder, { recursive: true });
    const { code, out, err } = await cli(['validate', folder]);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual(['folder.twinning-kb.json: Die Datei konnte nicht gelesen werden (EISDIR).']);
  });

  it('names the file by its name, not its whole path', async () => {
    const { out } = await cli(['validate', files.valid]);
    expect(out[0]!.startsWith('valid.twinning-kb.json: ')).toBe(true);
    expect(out[0]).not.toContain(dir);
  });

  it('validates a small bundle with singular counts', async () => {
    const file = path.join(dir, 'small.twinning-kb.json');
    await writeFile(file, bundleText(smallBundle({ practices: 1, annotations: 1 })));
    const { code, out, err } = await cli(['validate', file]);
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out).toEqual([
      'small.twinning-kb.json: gültiges Austauschpaket – 2 Verwaltungen, 2 Themen, 1 Praxisbeispiel, 0 Besuche, 1 Anmerkung, 0 Glossarbegriffe, 0 Vergleichseinträge',
    ]);
  });

  it('inspects a bundle with versions in conflict and practices in both languages', async () => {
    const file = path.join(dir, 'conflicts.twinning-kb.json');
    const base = smallBundle({ practices: 2, trashedPractice: 5 });
    const conflicted = changed(base, (b) => {
      b.content.practices[1]!.texts = { nl: b.content.practices[1]!.texts.nl! };
      b.content.practices[1]!.originalLanguage = 'nl';
      b.content.conflicts.push({ collection: 'practices', record: { ...b.content.practices[0]!, tags: ['anders'] } });
    });
    await writeFile(file, bundleText(conflicted));
    const { code, out } = await cli(['inspect', file], { LANG: LOCALE.nl });
    expect(code).toBe(0);
    expect(out).toContain('  1 versie in conflict');
    expect(out).toContain('  1 verwijdering');
    expect(out).toContain('  2 praktijkvoorbeelden');
    expect(out).toContain('Talen van de praktijkvoorbeelden: DE 2, NL 3');
  });

  it.each([
    ['LC_ALL before LANG', { LC_ALL: 'nl_NL.UTF-8', LANG: 'de_DE.UTF-8' }, 'nl'],
    ['LC_MESSAGES before LANG', { LC_MESSAGES: 'nl_BE.UTF-8', LANG: 'de_DE.UTF-8' }, 'nl'],
    ['LC_ALL before LC_MESSAGES', { LC_ALL: 'de_AT.UTF-8', LC_MESSAGES: 'nl_NL.UTF-8' }, 'de'],
    ['German for LANG=C', { LANG: 'C' }, 'de'],
    ['German without any locale', {}, 'de'],
    ['Dutch for Flemish', { LANG: 'nl_BE' }, 'nl'],
    ['German for Swiss German', { LANG: 'de_CH.UTF-8' }, 'de'],
  ])('picks the language from the environment: %s', async (_name, env, language) => {
    const { err } = await cli([], env);
    expect(err).toEqual([(await translator(language as Lang))('cli:usage')]);
  });

  describe('refuses every file of the hostile-input suite', () => {
    it.each(hostile.map((c, i) => [c.name, c, i] as const))(
      '%s: exit 1 and one line saying why, in German and Dutch',
      async (_name, { bytes }, i) => {
        const file = path.join(dir, `hostile-${i}.twinning-kb.json`);
        await writeFile(file, bytes);
        for (const language of ['de', 'nl'] as const) {
          for (const command of ['validate', 'inspect']) {
            const { code, out, err } = await cli([command, file], { LANG: LOCALE[language] });
            expect(code).toBe(1);
            expect(out).toEqual([]);
            expect(err).toEqual([await refusalLine(language, file, bytes)]);
            expect(err[0]).not.toContain('{{');
            expect(err[0]).not.toContain('\n');
          }
        }
      },
    );
  });

  describe('keeps its one line of error when the bundle itself holds line breaks or control characters', () => {
    const oneCleanLine = (err: string[]) => {
      expect(err).toHaveLength(1);
      expect(err[0]).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    };

    it('in a key given twice', async () => {
      const file = path.join(dir, 'key-with-newline.twinning-kb.json');
      await writeFile(file, '{"a\\nb":1,"a\\nb":2}');
      const { code, err } = await cli(['validate', file]);
      expect(code).toBe(1);
      oneCleanLine(err);
    });

    it('in the id of a bad record, with a terminal escape sequence', async () => {
      const file = path.join(dir, 'id-with-escape.twinning-kb.json');
      await writeFile(
        file,
        bundleText(
          changed(smallBundle(), (b) => void (b.content.practices[1]!.id = 'practice-02\n\u001b[2J\u001b[31mALLES OK')),
        ),
      );
      const { code, err } = await cli(['validate', file]);
      expect(code).toBe(1);
      oneCleanLine(err);
    });

    it('in the collection of a bad tombstone', async () => {
      const file = path.join(dir, 'collection-with-newline.twinning-kb.json');
      const bad = changed(
        smallBundle({ trashedPractice: 9 }),
        (b) => void ((b.content.tombstones[0] as { collection: string }).collection = 'practices\nvalid'),
      );
      await writeFile(file, bundleText(bad));
      const { code, err } = await cli(['validate', file]);
      expect(code).toBe(1);
      oneCleanLine(err);
    });

    it('in a key given twice, however long the key', async () => {
      const file = path.join(dir, 'long-key.twinning-kb.json');
      const key = 'k'.repeat(1_000_000);
      await writeFile(file, `{"${key}":1,"${key}":2}`);
      const { code, err } = await cli(['validate', file]);
      expect(code).toBe(1);
      expect(err).toHaveLength(1);
      expect(err[0]!.length).toBeLessThan(2_000);
    });
  });
});
