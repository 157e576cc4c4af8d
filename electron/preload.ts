/**
 * The preload: exposes exactly one object, `window.kb`, with one method per
 * channel of the IPC contract and a subscription to the progress events main
 * sends. Runs sandboxed, so it is bundled to CommonJS and imports nothing but
 * `electron` at run time.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, ipcChannel, TRANSFER_PROGRESS_CHANNEL, type KbApi, type TransferProgress } from '../shared/contract';

const api: Record<string, unknown> = {};
for (const name of CHANNELS) api[name] = (payload?: unknown) => ipcRenderer.invoke(ipcChannel(name), payload);

api.onTransferProgress = (listener: (progress: TransferProgress) => void) => {
  // The page gets the event's data only, never the IPC event (it would reach ipcRenderer).
  const forward = (_event: IpcRendererEvent, progress: TransferProgress) =>
    listener({ operation: progress.operation, done: progress.done, total: progress.total });
  ipcRenderer.on(TRANSFER_PROGRESS_CHANNEL, forward);
  return () => {
    ipcRenderer.removeListener(TRANSFER_PROGRESS_CHANNEL, forward);
  };
};

contextBridge.exposeInMainWorld('kb', api as KbApi);
