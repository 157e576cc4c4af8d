#!/usr/bin/env node
/**
 * Run by `npm start` before `electron .`: makes sure the Electron binary is
 * there, downloading it once if not, and explains in one paragraph what to do
 * when that cannot work (no network, a proxy, a locked-down PC) instead of
 * Electron's own stack trace and advice. Since Electron 42 the npm package has
 * no install script: the binary is fetched the first time it is needed.
 *
 * Exit 0 when Electron can start, 1 when it cannot (the paragraph on stderr).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const packageDir = path.dirname(require.resolve('electron/package.json'));
const { version, engines } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));

/** True when `node_modules/electron` already holds (or is pointed at) this version's binary. */
function installed() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return existsSync(override);
  try {
    const executable = readFileSync(path.join(packageDir, 'path.txt'), 'utf8');
    const distVersion = readFileSync(path.join(packageDir, 'dist', 'version'), 'utf8')
      .replace(/^v/, '')
      .trim();
    return distVersion === version && existsSync(path.join(packageDir, 'dist', executable));
  } catch {
    return false;
  }
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.warn(
    `Note: Electron ${version} and its tools ask for Node.js ${engines?.node ?? '>= 22.12'}; ` +
      `this is Node.js ${process.versions.node}. The app may still start; if it does not, update Node.js.`,
  );
}

if (installed()) process.exit(0);

console.log(
  `Downloading Electron ${version} for this computer (once, about 100 MB) into ${path.join(packageDir, 'dist')} …`,
);
const download = spawnSync(process.execPath, [path.join(packageDir, 'install.js')], {
  stdio: ['ignore', 'inherit', 'pipe'],
  encoding: 'utf8',
});
if (download.status === 0 && installed()) process.exit(0);

const cause = (download.stderr ?? '').split('\n').find((line) => line.trim() && !/^\s+at /.test(line));
console.error(
  [
    `Electron ${version} could not be downloaded${cause ? ` (${cause.trim()})` : ''}.`,
    'The first start needs the internet once, to fetch the Electron binary into node_modules/electron/dist',
    '(a copy stays in the Electron cache of your user profile). Behind a proxy, set HTTPS_PROXY and',
    'ELECTRON_GET_USE_PROXY=true; with an internal mirror of the Electron releases, set ELECTRON_MIRROR to its',
    'address; on a PC without any network, ask IT for the unpacked Electron of this version and set',
    'ELECTRON_OVERRIDE_DIST_PATH to its folder. Then run npm start again.',
  ].join('\n'),
);
process.exit(1);
