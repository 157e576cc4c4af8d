/**
 * The main process: app lifecycle, single instance, the window, the menu,
 * dialogs and IPC registration. Thin wiring only; the logic lives in
 * electron/kb (the core) and electron/main (security rules, menu, files).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import i18next from 'i18next';
import { i18nOptions } from '../shared/i18n';
import { pickLanguage } from '../shared/language';
import type { Lang } from '../shared/model';
import { createDispatcher } from './ipc/dispatch';
import { createHandlers } from './ipc/handlers';
import { KbError } from './kb/errors';
import { openKnowledgeBase, type KnowledgeBase } from './kb/knowledge-base';
import { createAppFileHandler } from './main/app-files';
import { registerIpc } from './main/ipc';
import { menuTemplate } from './main/menu';
import {
  APP_SCHEME,
  APP_URL,
  hardenSession,
  hardenWebContents,
  mainWindowOptions,
} from './main/security';

const here = import.meta.dirname;
const RENDERER_DIR = path.join(here, '../renderer');
const PRELOAD = path.join(here, '../preload/preload.cjs');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false } },
]);

// Every web contents, including any the app never meant to create, refuses navigation and new windows.
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

let mainWindow: BrowserWindow | null = null;
const i18n = i18next.createInstance();

export async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppFileHandler(RENDERER_DIR));

  const systemLocales = app.getPreferredSystemLanguages();
  await i18n.init(i18nOptions(pickLanguage(systemLocales))); // so that even a failed start speaks the user's language
  const kb = await openKnowledgeBase(app.getPath('userData'), { systemLocales });
  await i18n.changeLanguage(kb.settings.language);

  const dispatch = createDispatcher(
    createHandlers(kb, {
      languageChanged: (language) => void setLanguage(language),
      openExternal,
      chooseBundleToSave,
      chooseBundleToOpen,
      choosePdfToSave,
      printToPdf,
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
    const choice = dialog.showMessageBoxSync(mainWindow!, {
      type: 'warning',
      title: i18n.t('unsavedTitle', { ns: 'menu' }),
      message: i18n.t('unsavedMessage', { ns: 'menu' }),
      buttons: [i18n.t('unsavedLeave', { ns: 'menu' }), i18n.t('unsavedStay', { ns: 'menu' })],
      defaultId: 1,
      cancelId: 1,
    });
    if (choice === 0) event.preventDefault(); // preventing the prevention: close anyway
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
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(menuTemplate(i18n.t, { about: showAbout }, process.platform)),
  );
}

function showAbout(): void {
  const options = {
    type: 'info' as const,
    title: i18n.t('about', { ns: 'menu' }),
    message: 'twinning-kb',
    detail: i18n.t('aboutDetail', { ns: 'menu', version: app.getVersion() }),
  };
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

/** Links in content leave the app only as http(s), only to the system browser, only after the user agrees. */
async function openExternal(url: string): Promise<boolean> {
  const options = {
    type: 'question' as const,
    title: i18n.t('openLinkTitle', { ns: 'menu' }),
    message: i18n.t('openLinkMessage', { ns: 'menu' }),
    detail: url,
    buttons: [i18n.t('openLinkConfirm', { ns: 'menu' }), i18n.t('cancel', { ns: 'menu' })],
    defaultId: 1,
    cancelId: 1,
  };
  const { response } = mainWindow
    ? await dialog.showMessageBox(mainWindow, options)
    : await dialog.showMessageBox(options);
  if (response !== 0) return false;
  await shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK — reviewed: the contract lets only http(s) URLs through and the user has just confirmed this one
  return true;
}

const bundleFilters = () => [{ name: i18n.t('bundleFiles', { ns: 'menu' }), extensions: ['json'] }];

async function chooseBundleToSave(suggestedName: string): Promise<string | null> {
  const options = {
    title: i18n.t('exportTitle', { ns: 'menu' }),
    defaultPath: path.join(app.getPath('documents'), suggestedName),
    filters: bundleFilters(),
  };
  const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

async function chooseBundleToOpen(): Promise<string | null> {
  const options = {
    title: i18n.t('importTitle', { ns: 'menu' }),
    properties: ['openFile' as const],
    filters: bundleFilters(),
  };
  const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

async function choosePdfToSave(suggestedName: string): Promise<string | null> {
  const options = {
    title: i18n.t('printDialogTitle', { ns: 'compare' }),
    defaultPath: path.join(app.getPath('documents'), suggestedName),
    filters: [{ name: i18n.t('printDialogFiles', { ns: 'compare' }), extensions: ['pdf'] }],
  };
  const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

/** The page as the print stylesheet lays it out (only the comparison table, with date and origin), as a PDF. */
async function printToPdf(file: string): Promise<void> {
  if (!mainWindow) throw new KbError('internal', 'no window to print');
  const pdf = await mainWindow.webContents.printToPDF({ printBackground: true, landscape: true, pageSize: 'A4' });
  try {
    await writeFile(file, pdf);
  } catch (error) {
    throw new KbError('fileWriteFailed', (error as Error).message, { params: { reason: (error as NodeJS.ErrnoException).code ?? 'EIO' } });
  }
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
      dialog.showErrorBox('twinning-kb', i18n.t('startFailed', { ns: 'errors', detail: String(error) }));
      app.quit();
    });
}
