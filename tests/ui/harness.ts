/**
 * Runs the real renderer in Debian's Chromium with `window.kb` routed to the
 * real IPC registration, dispatcher, handlers and a real store in a temp
 * folder. Only Electron itself is missing: the page is served by the app://
 * file handler under a test origin, and the preload is the real one, bundled
 * with a browser stand-in for `electron`.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { ipcChannel, type Channel, type TransferProgress } from '../../shared/contract';
import type { Author, Lang } from '../../shared/model';
import { createDispatcher } from '../../electron/main/ipc/dispatch';
import { createHandlers } from '../../electron/main/ipc/handlers';
import { openKnowledgeBase, type KnowledgeBase } from '../../core/knowledge-base';
import { createAppFileHandler } from '../../electron/main/app-files';
import { createAttachmentFileHandler, routeAppRequests } from '../../electron/main/attachment-files';
import { registerIpc } from '../../electron/main/ipc/register';
import { APP_ORIGIN } from '../../electron/main/security';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RENDERER_DIR = path.join(ROOT, process.env.KB_OUT_DIR ?? 'out', 'renderer');
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results/screenshots');
/** The page's origin in tests; stands for app://twinning-kb. */
export const TEST_ORIGIN = 'https://twinning-kb.test';

const CHROME_CANDIDATES = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

export function findChromium(): string {
  const found = CHROME_CANDIDATES.find((candidate) => candidate && existsSync(candidate));
  if (!found) {
    throw new Error(
      'The UI tests need Chromium. On Debian/Ubuntu: `sudo apt-get install -y chromium`; ' +
        'elsewhere set CHROME_PATH to a Chrome or Chromium executable.',
    );
  }
  return found;
}

let preloadScript: Promise<string> | undefined;

/** The real electron/preload.ts, bundled for the browser with the stand-in for `electron`. */
function bundlePreload(): Promise<string> {
  preloadScript ??= build({
    configFile: false,
    logLevel: 'silent',
    resolve: { alias: { electron: path.join(ROOT, 'tests/ui/browser-electron.ts') } },
    build: {
      write: false,
      minify: false,
      lib: { entry: path.join(ROOT, 'electron/preload.ts'), formats: ['iife'], name: 'preload' },
    },
  }).then((output) => {
    const result = Array.isArray(output) ? output[0] : output;
    if (!result || !('output' in result)) throw new Error('unexpected vite build result');
    const chunk = result.output.find((o) => o.type === 'chunk');
    if (!chunk || chunk.type !== 'chunk') throw new Error('preload bundle has no code');
    return chunk.code;
  });
  return preloadScript;
}

export interface AppSession {
  page: Page;
  kb: KnowledgeBase;
  dataDir: string;
  /** Every URL the page requested, to check that nothing leaves the app. */
  requests: string[];
  /** Links the app asked main to open in the system browser. */
  openedExternally: string[];
  /** Errors thrown in the page or logged to its console as errors. */
  pageErrors: string[];
  /** What the next save, open and folder dialogs answer: a path, or null for "cancelled"; the attachment dialog's paths. */
  dialogs: {
    savePath: string | null;
    openPath: string | null;
    folderPath: string | null;
    attachPaths: string[] | null;
    confirmOpen: boolean;
  };
  /** Attachments the app opened in the system's viewer: the name confirmed and the temporary copy. */
  openedAttachments: { name: string; file: string }[];
  /** Files the app asked main to print the page to as PDF, with the suggested name the save dialog got. */
  printed: { suggestedName: string; file: string }[];
  /** Progress events main sent the page, in order. */
  progressSent: TransferProgress[];
  /**
   * Holds back the answer to the next calls of `channel` (they run, and send
   * their progress, but the page waits) until the returned function is called.
   */
  holdAnswers(channel: Channel): () => void;
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

let browser: Promise<Browser> | undefined;

export function launchBrowser(): Promise<Browser> {
  browser ??= chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  if (browser) await (await browser).close();
  browser = undefined;
}

export interface OpenOptions {
  systemLocales?: string[];
  /** An existing data folder (e.g. prepared by the test); a fresh temp folder otherwise. */
  dataDir?: string;
  /** Who the user is; `null` opens the app as on a first start, before the user has said. */
  user?: Author | null;
  /** The browser's own locale (what Chromium's widgets and Intl default to); de-DE unless said. */
  browserLocale?: string;
}

export const DEFAULT_USER: Author = { name: 'Erika Muster', organisationId: 'org-tempelhof-schoeneberg' };

/** Sessions opened and not yet closed, for closeAppsAfterEachTest. */
const openSessions = new Set<AppSession>();

/**
 * For test files that open their apps inside the tests: after each test, every
 * app it opened is checked (no request left the app's origin, no error in the
 * page) and closed; after the file, the browser.
 */
export function closeAppsAfterEachTest(): void {
  afterEach(checkAndCloseOpenApps);
  afterAll(closeBrowser);
}

/** The same for test files that share apps opened before all their tests: checked and closed after the file. */
export function closeAppsAfterAllTests(): void {
  afterAll(async () => {
    await checkAndCloseOpenApps();
    await closeBrowser();
  });
}

async function checkAndCloseOpenApps(): Promise<void> {
  const sessions = [...openSessions];
  try {
    for (const session of sessions) {
      expect(foreignRequests(session)).toEqual([]);
      expect(session.pageErrors).toEqual([]);
    }
  } finally {
    await Promise.all(sessions.map((session) => session.close()));
  }
}

export async function openApp(options: OpenOptions = {}): Promise<AppSession> {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error('The renderer is not built: run `npm run build` (npm test does this first).');
  }
  const ownsDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'twinning-kb-ui-')));
  const kb = await openKnowledgeBase(dataDir, { systemLocales: options.systemLocales ?? ['de-DE'] });
  const user = options.user === undefined ? DEFAULT_USER : options.user;
  if (user && !kb.store.settings.user) await kb.settings.setUser(user);
  const openedExternally: string[] = [];
  const languages: Lang[] = [];
  const dialogs: AppSession['dialogs'] = {
    savePath: null,
    openPath: null,
    folderPath: null,
    attachPaths: null,
    confirmOpen: true,
  };
  const openedAttachments: AppSession['openedAttachments'] = [];
  const printed: AppSession['printed'] = [];
  const progressSent: TransferProgress[] = [];
  const held = new Map<string, Promise<void>>();
  let pdfName = '';

  // The real registration on a stand-in ipcMain: the same sender check and dispatcher as in the app.
  const ipcHandlers = new Map<string, (event: IpcMainInvokeEvent, payload: unknown) => unknown>();
  const ipcMain = {
    handle: (channel: string, listener: never) => ipcHandlers.set(channel, listener),
  } as unknown as IpcMain;
  registerIpc(
    ipcMain,
    createDispatcher(
      createHandlers(kb, {
        languageChanged: (language) => languages.push(language),
        openExternal: async (url) => {
          openedExternally.push(url);
          return false;
        },
        chooseBundleToSave: async () => dialogs.savePath,
        chooseBundleToOpen: async () => dialogs.openPath,
        chooseSyncFolder: async () => dialogs.folderPath,
        choosePdfToSave: async (suggestedName) => {
          pdfName = suggestedName;
          return dialogs.savePath;
        },
        // As webContents.printToPDF does in the app: the page, in its print layout, by Chromium's print engine.
        printToPdf: async (file, options) => {
          printed.push({ suggestedName: pdfName, file });
          await page.pdf({ path: file, format: 'A4', landscape: options?.landscape ?? true });
        },
        chooseAttachmentFiles: async () => dialogs.attachPaths,
        chooseDocumentFiles: async () => dialogs.attachPaths,
        openAttachment: async (name, copy) => {
          if (!dialogs.confirmOpen) return false;
          openedAttachments.push({ name, file: await copy(await mkdtemp(path.join(dataDir, 'viewer-'))) });
          return true;
        },
      }),
    ),
  );

  const context = await (
    await launchBrowser()
  ).newContext({
    locale: options.browserLocale ?? 'de-DE',
    viewport: { width: 1280, height: 860 },
  });
  const page = await context.newPage();
  const requests: string[] = [];
  const pageErrors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });

  // The app scheme as main.ts sets it up: attached images from the knowledge base, the renderer's files otherwise.
  const serve = routeAppRequests(
    createAttachmentFileHandler((sha256) => kb.attachments.image(sha256)),
    createAppFileHandler(RENDERER_DIR),
  );
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (!url.startsWith(`${TEST_ORIGIN}/`)) return route.abort('blockedbyclient');
    const response = await serve(new Request(APP_ORIGIN + url.slice(TEST_ORIGIN.length)));
    return route.fulfill({
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: Buffer.from(await response.arrayBuffer()),
    });
  });

  await page.exposeBinding('__kbInvoke', async (source, channel: string, payload: unknown) => {
    const handler = ipcHandlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    const frame = source.frame;
    const senderFrame = {
      url: frame.url().replace(TEST_ORIGIN, APP_ORIGIN),
      parent: frame.parentFrame(),
    };
    // The window that asked, as webContents: what main sends it reaches the preload's listeners.
    const sender = {
      isDestroyed: () => page.isClosed(),
      send: (eventChannel: string, event: TransferProgress) => {
        progressSent.push(event);
        void page
          .evaluate(([c, e]) => (window as unknown as { __kbEmit: (c: string, e: unknown) => void }).__kbEmit(c, e), [
            eventChannel,
            event,
          ] as const)
          .catch(() => undefined); // the page may be closing
      },
    };
    const answer = await handler({ senderFrame, sender } as unknown as IpcMainInvokeEvent, reviveBytes(payload));
    await held.get(channel);
    return answer;
  });
  await page.addInitScript({ content: await bundlePreload() });
  await page.goto(`${TEST_ORIGIN}/index.html`);

  const session: AppSession = {
    page,
    kb,
    dataDir,
    requests,
    openedExternally,
    pageErrors,
    dialogs,
    openedAttachments,
    printed,
    progressSent,
    holdAnswers(name) {
      let release!: () => void;
      held.set(ipcChannel(name), new Promise<void>((resolve) => (release = resolve)));
      return () => {
        held.delete(ipcChannel(name));
        release();
      };
    },
    async screenshot(name) {
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
    },
    async close() {
      openSessions.delete(session);
      await context.close();
      await kb.close();
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
  openSessions.add(session);
  return session;
}

/** Bytes crossed the Playwright binding as base64 (see browser-electron.ts); Electron's IPC carries them as they are. */
function reviveBytes(payload: unknown): unknown {
  if (payload === null || typeof payload !== 'object') return payload;
  return Object.fromEntries(
    Object.entries(payload).map(([key, value]) => [
      key,
      value && typeof value === 'object' && '__base64' in value
        ? new Uint8Array(Buffer.from(String(value.__base64), 'base64'))
        : value,
    ]),
  );
}

/** Requests that left the app's own origin (none are allowed). */
export function foreignRequests(session: AppSession): string[] {
  return session.requests.filter((url) => !url.startsWith(`${TEST_ORIGIN}/`) && !url.startsWith('data:'));
}
