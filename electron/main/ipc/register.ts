/**
 * Registers every contract channel on ipcMain, behind the sender check. A
 * call's progress events go back to the web contents that made it, and only
 * while it is there.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS, ipcChannel, TRANSFER_PROGRESS_CHANNEL } from '../../../shared/contract';
import type { Dispatch } from './dispatch';
import type { CallContext } from './progress';
import { isTrustedSender } from '../security';

export function registerIpc(ipcMain: IpcMain, dispatch: Dispatch): void {
  for (const name of CHANNELS) {
    ipcMain.handle(ipcChannel(name), (event, payload: unknown) => {
      if (!isTrustedSender(event.senderFrame)) {
        return { ok: false, error: { code: 'forbiddenSender', detail: event.senderFrame?.url ?? 'unknown frame' } };
      }
      return dispatch(name, payload, callContext(event));
    });
  }
}

function callContext(event: IpcMainInvokeEvent): CallContext {
  return {
    progress: (progress) => {
      const window = event.sender;
      if (!window.isDestroyed()) window.send(TRANSFER_PROGRESS_CHANNEL, progress);
    },
  };
}
