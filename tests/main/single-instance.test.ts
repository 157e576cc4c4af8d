import { expect, it, vi } from 'vitest';
import { state } from './electron-stand-in';

vi.mock('electron', () => import('./electron-stand-in'));

it('quits at once, opening no window, when another instance already runs', async () => {
  state.gotSingleInstanceLock = false;
  await import('../../electron/main/main');
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(state.quitCalls).toBe(1);
  expect(state.windows).toHaveLength(0);
  expect(state.ipcHandlers.size).toBe(0);
});
