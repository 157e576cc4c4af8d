import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, ipcChannel } from '../../shared/contract';
import { APP_URL, CONTENT_SECURITY_POLICY } from '../../electron/main/security';
import { useTempDirs } from '../helpers/temp-dir';
import { app, state, WebContents } from './electron-stand-in';

vi.mock('electron', () => import('./electron-stand-in'));

const tempDir = useTempDirs();
const trustedFrame = { url: APP_URL, parent: null };
const invoke = (name: string, payload: unknown, senderFrame: unknown = trustedFrame) =>
  state.ipcHandlers.get(ipcChannel(name as never))!({ senderFrame }, payload);

describe('the main process, loaded with a stand-in for Electron', () => {
  beforeAll(async () => {
    state.userData = await tempDir();
    state.appPath = await tempDir();
    await mkdir(path.join(state.appPath, 'out/renderer'), { recursive: true });
    await writeFile(path.join(state.appPath, 'out/renderer/index.html'), '<!doctype html><title>twinning-kb</title>');
    state.systemLocales = ['de-DE', 'en-US'];
    await import('../../electron/main/main');
    await vi.waitFor(() => expect(state.windows).toHaveLength(1));
  });

  it('opens one window with context isolation, sandbox, no Node and web security', () => {
    const prefs = state.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(prefs.preload).toMatch(/preload[\\/]preload\.cjs$/);
  });

  it('loads the renderer from its own app:// scheme, never from the network', () => {
    expect(state.windows[0]!.loadedUrl).toBe('app://twinning-kb/index.html');
    expect(state.schemes).toEqual([expect.objectContaining({ scheme: 'app' })]);
    const beforeRequest = state.beforeRequest!;
    const decide = (url: string) => {
      let decision: unknown;
      beforeRequest({ url }, (d: unknown) => (decision = d));
      return decision;
    };
    expect(decide('app://twinning-kb/assets/index.js')).toEqual({ cancel: false });
    expect(decide('https://example.org/tracker.png')).toEqual({ cancel: true });
    expect(decide('file:///etc/passwd')).toEqual({ cancel: true });
  });

  it('serves the page with a strict Content Security Policy', async () => {
    const response = await state.protocolHandlers.get('app')!(new Request('app://twinning-kb/index.html'));
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy');
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('refuses navigation, redirects, webviews and new windows in every web contents', () => {
    const later = new WebContents(); // one Electron might create after start, not only the main window's
    app.emit('web-contents-created', {}, later);
    for (const contents of [state.windows[0]!.webContents, later]) {
      for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
        const preventDefault = vi.fn();
        contents.emit(event, { preventDefault }, 'https://example.org/');
        expect(preventDefault).toHaveBeenCalled();
      }
      expect(contents.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    }
  });

  it('denies every permission request and check', () => {
    const callback = vi.fn();
    state.permissionRequestHandler!({}, 'geolocation', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(state.permissionCheckHandler!({}, 'media')).toBe(false);
  });

  it('registers a handler for every channel of the contract, and nothing else', () => {
    expect([...state.ipcHandlers.keys()].sort()).toEqual(CHANNELS.map(ipcChannel).sort());
  });

  it('answers a valid call from its own page with data from the real store', async () => {
    const result = (await invoke('getOverview', undefined)) as {
      ok: boolean;
      value: { settings: unknown; practiceCount: number };
    };
    expect(result.ok).toBe(true);
    expect(result.value.settings).toEqual({ language: 'de', user: null });
    expect(result.value.practiceCount).toBeGreaterThan(0);
  });

  it('refuses a payload that fails its schema with a typed error', async () => {
    expect(await invoke('getPractice', { id: 42 })).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    expect(await invoke('setLanguage', { language: 'fr' })).toMatchObject({
      ok: false,
      error: { code: 'invalidRequest' },
    });
  });

  it('refuses calls from a foreign page or from a sub-frame', async () => {
    for (const frame of [
      { url: 'https://evil.example/', parent: null },
      { url: APP_URL, parent: { url: APP_URL } },
      { url: 'file:///index.html', parent: null },
      null,
    ]) {
      expect(await invoke('getOverview', undefined, frame)).toMatchObject({
        ok: false,
        error: { code: 'forbiddenSender' },
      });
    }
  });

  it('labels the menu in the interface language and rebuilds it when the language changes', async () => {
    expect(state.menus.at(-1)!.map((item) => item.label)).toContain('Datei');
    expect(await invoke('setLanguage', { language: 'nl' })).toEqual({
      ok: true,
      value: { language: 'nl', user: null },
    });
    await vi.waitFor(() => expect(state.menus.at(-1)!.map((item) => item.label)).toContain('Bestand'));
  });

  it('opens a link in the system browser only after the user agrees', async () => {
    state.dialogResponse = 1;
    expect(await invoke('openExternal', { url: 'https://www.amstelveen.nl/' })).toEqual({ ok: true, value: false });
    expect(state.openedExternally).toEqual([]);
    state.dialogResponse = 0;
    expect(await invoke('openExternal', { url: 'https://www.amstelveen.nl/' })).toEqual({ ok: true, value: true });
    expect(state.openedExternally).toEqual(['https://www.amstelveen.nl/']);
  });

  it('asks, in the interface language, before closing the window over unsaved edits', () => {
    const contents = state.windows[0]!.webContents;
    for (const [response, closes] of [
      [0, true],
      [1, false],
    ] as const) {
      state.dialogResponse = response;
      const preventDefault = vi.fn();
      contents.emit('will-prevent-unload', { preventDefault });
      expect(preventDefault).toHaveBeenCalledTimes(closes ? 1 : 0);
    }
    expect(state.dialogs.at(-1)).toMatchObject({ buttons: ['Sluiten en weggooien', 'Terug naar bewerken'] });
  });
});
