import { describe, expect, it } from 'vitest';
import { loadStarterContent } from '../../../core/store/starter-content';
import { put, seedData } from '../../../core/store/store';
import { createContext } from '../../../core/write/context';
import { INSTALLATION, practiceRecord } from '../../helpers/bundles';
import { MemoryStore } from '../../helpers/memory-store';

const OTHER = '7d1c0e4a-5b6f-4c3d-8e9f-0a1b2c3d4e5f';

async function writerWith(...puts: Parameters<typeof put>[]) {
  const store = new MemoryStore({ ...seedData(loadStarterContent()), installationId: INSTALLATION });
  const { writer } = createContext(store);
  await writer.apply(puts.map((args) => put(...args)));
  return { store, writer };
}

describe('batches written one after the other', () => {
  const base = practiceRecord(1, { version: { [INSTALLATION]: 1 } });
  const theirs = { ...base, version: { [INSTALLATION]: 1, [OTHER]: 1 }, changedBy: OTHER, tags: ['ihre'] };
  const mine = { ...base, version: { [INSTALLATION]: 2 }, tags: ['meine'], updatedAt: '2026-12-05T12:00:00.000Z' };

  it('keep, as a conflict, a version another write stored after a batch was made and the batch does not include', async () => {
    const { store, writer } = await writerWith(['practices', base]);
    // A merge waits for its verdict; meanwhile a save is made from the version stored now.
    let verdict!: (sound: boolean) => void;
    const merging = writer.apply([put('practices', theirs)], {
      commitIf: new Promise<boolean>((resolve) => (verdict = resolve)),
    });
    const saving = writer.apply([put('practices', mine)]);
    verdict(true);
    await Promise.all([merging, saving]);
    expect(store.get('practices', base.id)).toEqual(mine); // the later edit is shown, as a merge shows it
    expect(store.all('conflicts').map((c) => c.record)).toEqual([theirs]);
  });

  it('replace what is stored as asked when nothing landed in between (undoing an import puts an older version back)', async () => {
    const { store, writer } = await writerWith(['practices', theirs]);
    await writer.apply([put('practices', mine)]);
    expect(store.get('practices', base.id)).toEqual(mine);
    expect(store.all('conflicts')).toEqual([]);
  });

  it('go on after a batch that failed', async () => {
    const { store, writer } = await writerWith(['practices', base]);
    const failing = writer.apply([{ op: 'put', collection: 'nowhere' as never, record: base }]);
    const next = writer.apply([put('practices', mine)]);
    await expect(failing).rejects.toMatchObject({ code: 'storeWriteFailed' });
    await next;
    expect(store.get('practices', base.id)).toEqual(mine);
  });
});
