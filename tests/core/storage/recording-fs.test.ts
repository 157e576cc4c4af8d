import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir';
import { RecordingFileSystem } from './recording-fs';

const tempDir = useTempDirs();

/** Creates `name` holding `text` through the recording file system; syncs the file and its folder when asked. */
async function create(recording: RecordingFileSystem, dir: string, name: string, text: string, sync: boolean) {
  const handle = await recording.open(path.join(dir, name), 'wx');
  await handle.write(Buffer.from(text));
  if (sync) await handle.sync();
  await handle.close();
  if (sync) {
    const folder = await recording.open(dir, 'r');
    await folder.sync();
    await folder.close();
  }
}

const holds = (files: [string, Buffer][], name: string, text: string) =>
  files.some(([file, data]) => file === name && data.toString() === text);

describe('the crash states of a recording', () => {
  it('include one that lacks a write reported saved before it was synced', async () => {
    const dir = await tempDir();
    const recording = await RecordingFileSystem.start(dir);
    await create(recording, dir, 'early', 'x', false);
    recording.saved(['x']); // too early: nothing was synced yet
    await create(recording, dir, 'later', 'y', true);

    const states = [...recording.crashStates()];
    expect(states.some(({ state, saved }) => saved.has('x') && !holds(state.files(), 'early', 'x'))).toBe(true);
  });

  it('keep a write in every state once its file and folder were synced, whatever came after', async () => {
    const dir = await tempDir();
    const recording = await RecordingFileSystem.start(dir);
    await create(recording, dir, 'kept', 'x'.repeat(10_000), true);
    recording.saved(['x']);
    await create(recording, dir, 'torn', 'y'.repeat(10_000), false);
    await create(recording, dir, 'last', 'z', true);

    const states = [...recording.crashStates()];
    const afterSave = states.filter(({ saved }) => saved.has('x'));
    expect(afterSave.length).toBeGreaterThan(3); // un-synced `torn` dropped, torn at 4 KiB, zeroed, kept
    for (const { state } of afterSave) expect(holds(state.files(), 'kept', 'x'.repeat(10_000))).toBe(true);
    const tornContents = new Set(
      afterSave.map(({ state }) =>
        state
          .files()
          .find(([name]) => name === 'torn')?.[1]
          .toString(),
      ),
    );
    expect(tornContents.size).toBeGreaterThan(2);
  });
});
