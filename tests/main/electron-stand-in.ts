/**
 * A stand-in for the `electron` module, so the real main process can be loaded
 * in Node and its wiring inspected. It records what main asks of Electron.
 */
import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';

type Listener = (...args: unknown[]) => unknown;

export const state = {
  userData: '',
  /** The app's folder: holds the build output `out/`. */
  appPath: '',
  systemLocales: ['de-DE'] as string[],
  gotSingleInstanceLock: true,
  quitCalls: 0,
  dialogResponse: 0,
  dialogs: [] as unknown[],
  schemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  ipcHandlers: new Map<string, Listener>(),
  menus: [] as MenuItemConstructorOptions[][],
  windows: [] as BrowserWindow[],
  openedExternally: [] as string[],
  permissionRequestHandler: undefined as Listener | undefined,
  permissionCheckHandler: undefined as Listener | undefined,
  beforeRequest: undefined as Listener | undefined,
};

class App extends EventEmitter {
  requestSingleInstanceLock = () => state.gotSingleInstanceLock;
  whenReady = () => Promise.resolve();
  quit = () => {
    state.quitCalls += 1;
  };
  getPath = (name: string) => {
    if (name !== 'userData') throw new Error(`unexpected path ${name}`);
    return state.userData;
  };
  getAppPath = () => state.appPath;
  getPreferredSystemLanguages = () => state.systemLocales;
  getVersion = () => '0.0.0-test';
}
export const app = new App();

export class WebContents extends EventEmitter {
  windowOpenHandler: Listener | undefined;
  setWindowOpenHandler(handler: Listener) {
    this.windowOpenHandler = handler;
  }
}

export class BrowserWindow extends EventEmitter {
  readonly options: Record<string, unknown>;
  readonly webContents = new WebContents();
  loadedUrl: string | undefined;
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    state.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show() {}
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
}

export const ipcMain = {
  handle: (channel: string, listener: Listener) => {
    if (state.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
    state.ipcHandlers.set(channel, listener);
  },
};

export const Menu = {
  buildFromTemplate: (template: MenuItemConstructorOptions[]) => template,
  setApplicationMenu: (menu: MenuItemConstructorOptions[]) => state.menus.push(menu),
};

export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]) => state.schemes.push(...schemes),
  handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
    state.protocolHandlers.set(scheme, handler),
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (handler: Listener) => {
      state.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler: (handler: Listener) => {
      state.permissionCheckHandler = handler;
    },
    webRequest: {
      onBeforeRequest: (handler: Listener) => {
        state.beforeRequest = handler;
      },
    },
  },
};

export const dialog = {
  showMessageBox: async (...args: unknown[]) => {
    state.dialogs.push(args.at(-1));
    return { response: state.dialogResponse };
  },
  showMessageBoxSync: (...args: unknown[]) => {
    state.dialogs.push(args.at(-1));
    return state.dialogResponse;
  },
  showErrorBox: (title: string, content: string) => state.dialogs.push({ title, content }),
};

export const shell = {
  openExternal: async (url: string) => {
    state.openedExternally.push(url);
  },
};

export default { app, BrowserWindow, ipcMain, Menu, protocol, session, dialog, shell };
