/**
 * The worker script the app's build makes beside main.js (electron.vite.config.ts),
 * run in a worker thread of Node as sync runs it in Electron's main process.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../core/base/canonical-json';
import { KbError } from '../../core/base/errors';
import { checkInWorker } from '../../core/bundle/check-in-worker';
import { encode, smallBundle, tampered } from '../helpers/bundles';

const built = path.resolve(process.env.KB_OUT_DIR ?? 'out', 'main', 'bundle-check-worker.js');
const script = pathToFileURL(built);
const MAX = 100 * 1024 * 1024;

describe("the build's bundle check worker", () => {
  it('is built beside main.js, where the main process looks for it', () => {
    expect(existsSync(built)).toBe(true);
    expect(existsSync(path.join(path.dirname(built), 'main.js'))).toBe(true);
  });

  it('finds a sound file sound and refuses a forged one, as the check from the sources does', async () => {
    const bundle = smallBundle();
    await expect(checkInWorker(encode(canonicalJson(bundle)), MAX, script)).resolves.toEqual({
      kind: 'asParsed',
      canonical: true,
    });
    const forged = encode(canonicalJson(tampered(bundle, (b) => (b.content.practices[0]!.tags = ['anders']))));
    await expect(checkInWorker(forged, MAX, script)).rejects.toMatchObject({ code: 'bundleChecksum' });
    await expect(checkInWorker(forged, MAX, script)).rejects.toBeInstanceOf(KbError);
  });
});
