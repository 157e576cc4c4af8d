/**
 * The main process: app lifecycle, single instance, the window, the menu,
 * dialogs and IPC registration. Thin wiring only; the logic lives in core/
 * and beside this file (security rules, menu, dialogs, app files, IPC).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import i18next from 'i18next';
import { errorMessage } from '../../shared/error-message';
import { i18nOptions } from '../../shared/i18n';
import { pickLanguage } from '../../shared/language';
import type { Lang } from '../../shared/model';
import { createDispatcher } from './ipc/dispatch';
import { createHandlers } from './ipc/handlers';
import { KbError } from '../../core/base/errors';
import { openKnowledgeBase, type KnowledgeBase } from '../../core/knowledge-base';
import { createAppFileHandler } from './app-files';
import { createAttachmentFileHandler, routeAppRequests } from './attachment-files';
import { registerIpc } from './ipc/register';
import { createDialogs } from './dialogs';
import { menuTemplate } from './menu';
import { APP_SCHEME, APP_URL, hardenSession, hardenWebContents, mainWindowOptions } from './security';

// The build's layout (electron.vite.config.ts), inside the app's folder or its ASAR archive.
const OUT_DIR = path.join(app.getAppPath(), 'out');
const RENDERER_DIR = path.join(OUT_DIR, 'renderer');
const PRELOAD = path.join(OUT_DIR, 'preload', 'preload.cjs');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false } },
]);

// Every web contents, including any the app never meant to create, refuses navigation and new windows.
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

let mainWindow: BrowserWindow | null = null;
const i18n = i18next.createInstance();
const dialogs = createDialogs(i18n, () => mainWindow);
/** The open knowledge base, once it is: attached images are served from it. */
let openKb: KnowledgeBase | null = null;

export async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  protocol.handle(
    APP_SCHEME,
    routeAppRequests(
      createAttachmentFileHandler(async (sha256) => (openKb ? openKb.attachments.image(sha256) : null)),
      createAppFileHandler(RENDERER_DIR),
    ),
  );

  const systemLocales = app.getPreferredSystemLanguages();
  await i18n.init(i18nOptions(pickLanguage(systemLocales))); // so that even a failed start speaks the user's language
  const kb = await openKnowledgeBase(app.getPath('userData'), {
    systemLocales,
    // Built beside this file (electron.vite.config.ts): big files from a shared folder are checked on it.
    sync: { worker: new URL('./bundle-check-worker.js', import.meta.url) },
  });
  await i18n.changeLanguage(kb.settings.get().language);
  openKb = kb;

  const dispatch = createDispatcher(
    createHandlers(kb, {
      languageChanged: (language) => void setLanguage(language),
      openExternal,
      chooseBundleToSave: dialogs.chooseBundleToSave,
      chooseBundleToOpen: dialogs.chooseBundleToOpen,
      chooseSyncFolder: dialogs.chooseSyncFolder,
      choosePdfToSave: dialogs.choosePdfToSave,
      printToPdf,
      chooseAttachmentFiles: dialogs.chooseAttachmentFiles,
      chooseDocumentFiles: dialogs.chooseDocumentFiles,
      openAttachment,
    }),
  );
  registerIpc(ipcMain, dispatch);
  closeOnQuit(kb);
  buildMenu();
  createWindow();
}

/** Holds the quit until the store has finished its background work (compaction) and closed. */
function closeOnQuit(kb: KnowledgeBase): void {
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    void kb
      .close()
      .catch((error: unknown) => console.error('closing the knowledge base failed', error))
      .finally(() => app.quit());
  });
}

function createWindow(): void {
  mainWindow = new BrowserWindow({ ...mainWindowOptions(PRELOAD), title: 'twinning-kb' }); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK — mainWindowOptions() sets contextIsolation and sandbox (the tool cannot follow the call), and hardenWebContents() denies every new window, middle-click ones included
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  // The renderer holds back unloading while an editor has unsaved changes; the user decides here.
  mainWindow.webContents.on('will-prevent-unload', (event) => {
    if (dialogs.confirmLeaveUnsaved()) event.preventDefault(); // preventing the prevention: close anyway
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  void mainWindow.loadURL(APP_URL);
}

async function setLanguage(language: Lang): Promise<void> {
  await i18n.changeLanguage(language);
  buildMenu();
}

function buildMenu(): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(i18n.t, { about: dialogs.showAbout }, process.platform)));
}

/** Links in content leave the app only as http(s), only to the system browser, only after the user agrees. */
async function openExternal(url: string): Promise<boolean> {
  if (!(await dialogs.confirmOpenLink(url))) return false;
  await shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK — reviewed: the contract lets only http(s) URLs through and the user has just confirmed this one
  return true;
}

/**
 * Documents open only in the system's viewer, only after the user agreed, and
 * from a copy in a fresh temporary folder (named by the type decided from
 * the content), never from the store folder.
 */
async function openAttachment(name: string, copy: (folder: string) => Promise<string>): Promise<boolean> {
  if (!(await dialogs.confirmOpenAttachment(name))) return false;
  const file = await copy(await mkdtemp(path.join(app.getPath('temp'), 'twinning-kb-')));
  const failure = await shell.openPath(file);
  if (failure) throw new KbError('fileReadFailed', failure, { params: { reason: failure } });
  return true;
}

/** The page as the print stylesheet lays it out (only the comparison table, with date and origin), as a PDF. */
async function printToPdf(file: string, { landscape }: { landscape: boolean } = { landscape: true }): Promise<void> {
  if (!mainWindow) throw new KbError('internal', 'no window to print');
  const pdf = await mainWindow.webContents.printToPDF({ printBackground: true, landscape, pageSize: 'A4' });
  try {
    await writeFile(file, pdf);
  } catch (error) {
    throw new KbError('fileWriteFailed', (error as Error).message, {
      params: { reason: (error as NodeJS.ErrnoException).code ?? 'EIO' },
    });
  }
}

/** An expected failure (another process has the store open) says what to do; anything else says what went wrong. */
function startFailedMessage(error: unknown): string {
  if (error instanceof KbError) return errorMessage(i18n.t, error.code, error.params);
  return i18n.t('startFailed', { ns: 'errors', detail: String(error) });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('twinning-kb', startFailedMessage(error));
      app.quit();
    });
}
