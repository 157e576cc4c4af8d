/**
 * Serves the renderer's files for the app:// scheme. Plain Node (a fetch
 * Request in, a Response out), so the UI tests serve the page with it too.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from './security';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export function createAppFileHandler(root: string): (request: Request) => Promise<Response> {
  const base = path.resolve(root);
  return async (request) => {
    const { pathname } = new URL(request.url);
    let relative: string;
    try {
      relative = decodeURIComponent(pathname);
    } catch {
      return new Response('Bad request', { status: 400 });
    }
    const file = path.resolve(base, `.${relative === '/' ? '/index.html' : relative}`);
    if (!file.startsWith(base + path.sep)) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
          'content-security-policy': CONTENT_SECURITY_POLICY, // eng-disable CSP_GLOBAL_CHECK — the policy is sent as a header of every app:// response; the tool only finds meta tags and onHeadersReceived
          'x-content-type-options': 'nosniff',
          'cross-origin-opener-policy': 'same-origin',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  };
}
