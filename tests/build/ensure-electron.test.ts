import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const script = path.join(ROOT, 'scripts/ensure-electron.mjs');

/** Runs the check with a cache of its own and a mirror on a closed local port, so nothing leaves this machine. */
function ensure(env: Record<string, string>) {
  const cache = mkdtempSync(path.join(tmpdir(), 'electron-cache-'));
  return spawnSync(process.execPath, [script], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, electron_config_cache: cache, ELECTRON_MIRROR: 'http://127.0.0.1:9/', ...env },
  });
}

describe('the check npm start runs before Electron', () => {
  it('is what npm start runs first', () => {
    const { scripts } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(scripts.start).toMatch(/^node scripts\/ensure-electron\.mjs && /);
  });

  it('explains in one paragraph, without a stack trace, what to do when the binary cannot be downloaded', () => {
    const run = ensure({ ELECTRON_OVERRIDE_DIST_PATH: path.join(tmpdir(), 'no-electron-here') });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('could not be downloaded');
    for (const advice of ['HTTPS_PROXY', 'ELECTRON_GET_USE_PROXY', 'ELECTRON_MIRROR', 'ELECTRON_OVERRIDE_DIST_PATH'])
      expect(run.stderr).toContain(advice);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('lets Electron start without a download when IT provides the binary', () => {
    const run = ensure({ ELECTRON_OVERRIDE_DIST_PATH: mkdtempSync(path.join(tmpdir(), 'electron-dist-')) });
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain('Downloading');
  });
});
