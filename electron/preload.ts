/**
 * The preload: exposes exactly one object, `window.kb`, with one method per
 * channel of the IPC contract. Runs sandboxed, so it is bundled to CommonJS
 * and imports nothing but `electron` at run time.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, ipcChannel, type KbApi } from '../shared/contract';

const api: Record<string, (payload?: unknown) => Promise<unknown>> = {};
for (const name of CHANNELS) api[name] = (payload) => ipcRenderer.invoke(ipcChannel(name), payload);

contextBridge.exposeInMainWorld('kb', api as KbApi);
