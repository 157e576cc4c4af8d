/** Registers every contract channel on ipcMain, behind the sender check. */
import type { IpcMain } from 'electron';
import { CHANNELS, ipcChannel } from '../../../shared/contract';
import type { Dispatch } from './dispatch';
import { isTrustedSender } from '../security';

export function registerIpc(ipcMain: IpcMain, dispatch: Dispatch): void {
  for (const name of CHANNELS) {
    ipcMain.handle(ipcChannel(name), (event, payload: unknown) => {
      if (!isTrustedSender(event.senderFrame)) {
        return { ok: false, error: { code: 'forbiddenSender', detail: event.senderFrame?.url ?? 'unknown frame' } };
      }
      return dispatch(name, payload);
    });
  }
}
