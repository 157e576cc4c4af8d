import { expect, it, vi } from 'vitest';
import { loadStarterContent } from '../../core/store/starter-content';
import { openStore } from '../../core/store/store';
import { useTempDirs } from '../helpers/temp-dir';
import { state } from './electron-stand-in';

vi.mock('electron', () => import('./electron-stand-in'));

const tempDir = useTempDirs();

it('says in the user language that the store is open elsewhere, and quits without a window', async () => {
  state.userData = await tempDir();
  state.systemLocales = ['nl-NL'];
  const other = await openStore(state.userData, loadStarterContent); // another process, as far as the folder lock can tell
  await import('../../electron/main/main');
  await vi.waitFor(() => expect(state.quitCalls).toBe(1));
  expect(state.windows).toHaveLength(0);
  expect(state.dialogs).toEqual([
    {
      title: 'twinning-kb',
      content: expect.stringMatching(/^De kennisbank in de map ‘.+’ is al geopend/) as unknown,
    },
  ]);
  await other.close();
});
