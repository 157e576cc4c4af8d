/**
 * The preload: exposes exactly one object, `window.kb`, built from the IPC
 * contract. Runs sandboxed, so it is bundled to CommonJS and imports nothing
 * but `electron` at run time.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createKbApi } from '../shared/contract';

contextBridge.exposeInMainWorld(
  'kb',
  createKbApi((channel, payload) => ipcRenderer.invoke(channel, payload)),
);
