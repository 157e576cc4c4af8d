/**
 * What the preload sees as `electron` when it runs in plain Chromium for the
 * UI tests: contextBridge puts the API on window, ipcRenderer.invoke goes
 * to the test process through a Playwright binding, and what main sends the
 * window arrives through `__kbEmit`, called by the test process.
 */
type Invoke = (channel: string, payload: unknown) => Promise<unknown>;
type Listener = (event: unknown, payload: unknown) => void;
const host = window as unknown as Record<string, unknown> & { __kbInvoke: Invoke };
const listeners = new Map<string, Set<Listener>>();
host.__kbEmit = (channel: string, payload: unknown) => {
  for (const listener of listeners.get(channel) ?? []) listener({}, payload);
};
/** How many listeners the preload has on a channel: a test checks that the page unsubscribes. */
host.__kbListenerCount = (channel: string) => listeners.get(channel)?.size ?? 0;

export const contextBridge = {
  exposeInMainWorld: (key: string, api: unknown) => {
    host[key] = Object.freeze(api);
  },
};

/** A Playwright binding carries JSON only: bytes travel as base64 and are revived in the test process. */
function encodeBytes(payload: unknown): unknown {
  if (payload === null || typeof payload !== 'object') return payload;
  return Object.fromEntries(
    Object.entries(payload).map(([key, value]) => {
      if (!(value instanceof Uint8Array)) return [key, value];
      let binary = '';
      for (let i = 0; i < value.length; i += 0x8000) binary += String.fromCharCode(...value.subarray(i, i + 0x8000));
      return [key, { __base64: btoa(binary) }];
    }),
  );
}

export const ipcRenderer = {
  invoke: (channel: string, payload: unknown) => host.__kbInvoke(channel, encodeBytes(payload)),
  on: (channel: string, listener: Listener) => {
    const set = listeners.get(channel) ?? new Set<Listener>();
    set.add(listener);
    listeners.set(channel, set);
  },
  removeListener: (channel: string, listener: Listener) => {
    listeners.get(channel)?.delete(listener);
  },
};
