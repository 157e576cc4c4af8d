import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppFileHandler } from '../../electron/main/app-files';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

async function site() {
  const root = path.join(await tempDir(), 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'void 0');
  await writeFile(path.join(root, '..', 'secret.txt'), 'secret');
  return createAppFileHandler(root);
}

describe('the app:// file handler', () => {
  it('serves the page and its assets with their types', async () => {
    const serve = await site();
    const page = await serve(new Request('app://twinning-kb/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const script = await serve(new Request('app://twinning-kb/assets/app.js'));
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%E0%A4%A', '/missing.js'])(
    'refuses %s without revealing anything outside the renderer folder',
    async (requestPath) => {
      const serve = await site();
      const response = await serve(new Request(`app://twinning-kb${requestPath}`));
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(await response.text()).not.toContain('secret');
    },
  );
});
