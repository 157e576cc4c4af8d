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
};
