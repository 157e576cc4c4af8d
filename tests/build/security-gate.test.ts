/**
 * The Electronegativity security gate (scripts/security-gate.mjs): it passes on
 * the app's own sources and fails on insecure code, on exceptions that give no
 * reason and on exceptions left over after a fix. Each run is a real child
 * process over real files, as in CI.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir';

const GATE = fileURLToPath(new URL('../../scripts/security-gate.mjs', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TIMEOUT = 90_000; // one run takes seconds, but the CI machine may be busy with other test files
const tempDir = useTempDirs();

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const gate = (...folders: string[]) =>
  new Promise<Run>((resolve) => {
    execFile(process.execPath, [GATE, ...folders], { cwd: ROOT }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });

/** An Electron app made of the given files in a temp folder. */
async function app(files: Record<string, string>): Promise<string> {
  const dir = path.join(await tempDir(), 'app');
  await mkdir(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

/** Everything the tool's global checks look for, so that a fixture fails only for what it adds. */
const hardened = `const { app, BrowserWindow, session } = require('electron');
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});
session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
session.defaultSession.webRequest.onHeadersReceived((details, callback) =>
  callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': ["default-src 'none'"] } }),
);
`;
const secureWindow = `new BrowserWindow({ webPreferences: { contextIsolation: true, sandbox: true, disableBlinkFeatures: 'Auxclick' } });`;
const insecureWindow = `new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });`;

describe.concurrent('the security gate', () => {
  it(
    'passes on the app’s own sources, naming each justified finding with its reason',
    { timeout: TIMEOUT },
    async () => {
      const run = await gate();
      expect(run.stderr).not.toContain('FAIL');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/security gate: passed/);
      expect(run.stdout).toMatch(/justified at electron\/main\/app-files\.ts:\d+: the policy is sent as a header/);
    },
  );

  it('fails on a window without context isolation, naming the check and the line', { timeout: TIMEOUT }, async () => {
    const dir = await app({ 'main.js': `${hardened}${insecureWindow}\n` });
    const run = await gate(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`FAIL: HIGH CONTEXT_ISOLATION_JS_CHECK at ${path.join(dir, 'main.js')}:10`);
    expect(run.stderr).toContain('FAIL: MEDIUM SANDBOX_JS_CHECK');
    expect(run.stderr).not.toContain('GLOBAL_CHECK'); // the fixture is otherwise hardened
  });

  it('fails on an app that sets no CSP and never limits navigation or permissions', { timeout: TIMEOUT }, async () => {
    const run = await gate(
      await app({ 'main.js': `const { BrowserWindow } = require('electron');\n${secureWindow}\n` }),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('FAIL: MEDIUM CSP_GLOBAL_CHECK at the whole app');
    expect(run.stderr).toContain('FAIL: HIGH LIMIT_NAVIGATION_GLOBAL_CHECK');
    expect(run.stderr).toContain('FAIL: MEDIUM PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK');
  });

  it(
    'accepts a finding justified on its line with a reason, but not one without a reason or a stale one',
    { timeout: TIMEOUT },
    async () => {
      const allChecks = 'CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK';
      const dir = await app({
        'main.js': hardened,
        'justified.js': `const { BrowserWindow } = require('electron');\n${insecureWindow} // eng-disable ${allChecks} — a fixture that loads no content\n`,
        'unexplained.js': `const { BrowserWindow } = require('electron');\n${insecureWindow} // eng-disable ${allChecks}\n`,
        'stale.js': `const { BrowserWindow } = require('electron');\n${secureWindow} // eng-disable OPEN_EXTERNAL_JS_CHECK — left over after a fix\n`,
      });
      const run = await gate(dir);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`justified at ${path.join(dir, 'justified.js')}:2: a fixture that loads no content`);
      expect(run.stderr).not.toContain('justified.js');
      expect(run.stderr).toContain(`unexplained.js:2: eng-disable ${allChecks} does not say why`);
      expect(run.stderr).toContain('stale.js:2: eng-disable OPEN_EXTERNAL_JS_CHECK justifies no finding on this line');
    },
  );
});
