/**
 * What the preload sees as `electron` when it runs in plain Chromium for the
 * UI tests: contextBridge puts the API on window, and ipcRenderer.invoke goes
 * to the test process through a Playwright binding.
 */
type Invoke = (channel: string, payload: unknown) => Promise<unknown>;
const host = window as unknown as Record<string, unknown> & { __kbInvoke: Invoke };

export const contextBridge = {
  exposeInMainWorld: (key: string, api: unknown) => {
    host[key] = Object.freeze(api);
  },
};

export const ipcRenderer = {
  invoke: (channel: string, payload: unknown) => host.__kbInvoke(channel, payload),
};
