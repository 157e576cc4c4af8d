import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFileSystem, type FileSystem } from '../../../core/base/file-system';
import { SYNC_DIR } from '../../../core/sync/layout';
import { useTempDirs } from '../../helpers/temp-dir';
import { AV, content, filesOf, practiceInput, syncingKnowledgeBase, TS } from './helpers';

const tempDir = useTempDirs();

async function pair() {
  const shared = await tempDir();
  const a = await syncingKnowledgeBase(await tempDir(), { name: 'Erika Muster', organisationId: TS });
  const b = await syncingKnowledgeBase(await tempDir(), { name: 'Joost de Vries', organisationId: AV });
  await a.sync.connect(shared);
  await b.sync.connect(shared);
  await b.practices.save(undefined, practiceInput(b, 'Van Joost', { organisationId: AV }));
  await a.sync.syncNow();
  await b.sync.syncNow();
  await a.sync.syncNow();
  return { shared, a, b };
}

describe('syncing through a shared folder', () => {
  it('brings a practice written on one installation to the other, and both end with the same content', async () => {
    const { shared, a, b } = await pair();
    const practice = (await a.practices.save(undefined, practiceInput(a, 'Kreisverkehr am Rathaus'))).practice;
    expect(a.sync.status().connections[0]!.pending).toBe(1);
    await a.sync.syncNow();
    expect(a.sync.status().connections[0]!.pending).toBe(0);
    await b.sync.syncNow();
    expect(b.practices.get(practice.id).practice.texts.de?.title).toBe('Kreisverkehr am Rathaus');
    expect(content(b)).toEqual(content(a));
    expect(b.sync.status().connections[0]).toMatchObject({ state: 'synced', problems: [], foreignFiles: 0 });
    // Each installation writes only in its own folder, files named short and lower case.
    for (const kb of [a, b]) for (const name of await filesOf(shared, kb)) expect(name).toMatch(/^[ck]-\d{9}\.json$/);
  });

  it('writes nothing when nothing changed, and merging a file again changes nothing', async () => {
    const { shared, a, b } = await pair();
    await a.practices.save(undefined, practiceInput(a, 'Einmal'));
    await a.sync.syncNow();
    await b.sync.syncNow();
    const before = await filesOf(shared, b);
    const generation = b.store.all('practices').length;
    await b.sync.syncNow();
    await a.sync.syncNow();
    expect(await filesOf(shared, b)).toEqual(before);
    expect(b.store.all('practices').length).toBe(generation);
    expect(a.sync.status().connections[0]!.pending).toBe(0);
  });

  it('keeps both versions of a record edited on both sides, as the same conflict on every side', async () => {
    const { a, b } = await pair();
    const practice = (await a.practices.save(undefined, practiceInput(a, 'Grünflächen'))).practice;
    await a.sync.syncNow();
    await b.sync.syncNow();
    const onB = b.practices.get(practice.id).practice;
    await a.practices.save(practice.id, practiceInput(a, 'Grünflächen (Tempelhof)'), practice.updatedAt);
    await b.practices.save(practice.id, practiceInput(b, 'Grünflächen (Amstelveen)'), onB.updatedAt);
    for (let i = 0; i < 2; i++) {
      await a.sync.syncNow();
      await b.sync.syncNow();
    }
    expect(a.store.all('conflicts')).toHaveLength(1);
    expect(content(b)).toEqual(content(a));
  });

  it('ignores foreign files (desktop.ini, Office locks, copies made by sync clients) and never parses them', async () => {
    const { shared, a, b } = await pair();
    const root = path.join(shared, SYNC_DIR);
    const bFolder = path.join(root, b.store.installationId);
    const junk = ['desktop.ini', 'Thumbs.db', '.DS_Store', '~$notes.docx', '.~lock.x#'];
    for (const name of junk) await writeFile(path.join(root, name), 'junk');
    const [first] = await filesOf(shared, b);
    const copy = await readFile(path.join(bFolder, first!));
    for (const name of ['c-000000001 (1).json', 'c-000000001-conflicted copy.json', 'C-000000099.json', 'desktop.ini'])
      await writeFile(path.join(bFolder, name), name === 'desktop.ini' ? '[.ShellClassInfo]' : copy);
    await mkdir(path.join(root, b.store.installationId.toUpperCase() + '-copy'));
    await a.sync.syncNow();
    const status = a.sync.status().connections[0]!;
    expect(status.problems).toEqual([]);
    expect(status.foreignFiles).toBe(junk.length + 5);
    expect(status.state).toBe('synced');
  });

  it('retries a file that is still being copied, quietly, and merges it once complete', async () => {
    const { shared, a, b } = await pair();
    const practice = (await a.practices.save(undefined, practiceInput(a, 'Halb kopiert'))).practice;
    await a.sync.syncNow();
    const aFolder = path.join(shared, SYNC_DIR, a.store.installationId);
    const newest = (await filesOf(shared, a)).at(-1)!;
    const whole = await readFile(path.join(aFolder, newest));
    await writeFile(path.join(aFolder, newest), whole.subarray(0, Math.floor(whole.length / 2)));
    await b.sync.syncNow();
    expect(b.store.get('practices', practice.id)).toBeUndefined();
    expect(b.sync.status().connections[0]!.problems).toEqual([]); // not reported yet: it may still be arriving
    await writeFile(path.join(aFolder, newest), whole);
    await b.sync.syncNow();
    expect(b.practices.get(practice.id).practice.texts.de?.title).toBe('Halb kopiert');
  });

  it('reports an incomplete file that stays incomplete, in the user language', async () => {
    const shared = await tempDir();
    const a = await syncingKnowledgeBase(await tempDir());
    const b = await syncingKnowledgeBase(await tempDir(), undefined, { incompleteGraceMs: 0 });
    await a.sync.connect(shared);
    await b.sync.connect(shared);
    await a.sync.syncNow();
    const aFolder = path.join(shared, SYNC_DIR, a.store.installationId);
    const [file] = await filesOf(shared, a);
    await writeFile(path.join(aFolder, file!), '{"format":"twinning-kb.bundle","schema');
    await b.sync.syncNow();
    expect(b.sync.status().connections[0]!.problems).toEqual([
      { file: `${a.store.installationId}/${file}`, error: expect.objectContaining({ code: 'bundleTruncated' }) },
    ]);
  });

  it('sets a forged file aside and reports it, and still merges the files of the other installations', async () => {
    const shared = await tempDir();
    const [a, b, c] = await Promise.all(
      ['Anna', 'Bert', 'Cora'].map(async (name) => syncingKnowledgeBase(await tempDir(), { name, organisationId: TS })),
    );
    for (const kb of [a!, b!, c!]) await kb.sync.connect(shared);
    const fromA = (await a!.practices.save(undefined, practiceInput(a!, 'Von Anna'))).practice;
    const fromB = (await b!.practices.save(undefined, practiceInput(b!, 'Von Bert'))).practice;
    await a!.sync.syncNow();
    await b!.sync.syncNow();
    // Someone changes a text in A's file by hand: the checksum no longer matches.
    const aFolder = path.join(shared, SYNC_DIR, a!.store.installationId);
    for (const name of await readdir(aFolder)) {
      const text = await readFile(path.join(aFolder, name), 'utf8');
      await writeFile(path.join(aFolder, name), text.replace('Von Anna', 'Von Mallory'));
    }
    // And copies B's file into a folder of its own, as if C had written it.
    const fakeFolder = path.join(shared, SYNC_DIR, '11111111-2222-4333-8444-555555555555');
    await mkdir(fakeFolder);
    const bFile = (await filesOf(shared, b!)).at(-1)!;
    await writeFile(
      path.join(fakeFolder, 'c-000000001.json'),
      await readFile(path.join(shared, SYNC_DIR, b!.store.installationId, bFile)),
    );
    await c!.sync.syncNow();
    expect(c!.store.get('practices', fromA.id)).toBeUndefined();
    expect(c!.practices.get(fromB.id).practice.texts.de?.title).toBe('Von Bert');
    const codes = c!.sync
      .status()
      .connections[0]!.problems.map((p) => p.error.code)
      .sort();
    expect(codes).toEqual(['bundleChecksum', 'syncForeignWriter']);
    // Set aside: not read again while unchanged, and never changed by us.
    await c!.sync.syncNow();
    expect(c!.sync.status().connections[0]!.problems).toHaveLength(2);
  });

  it('keeps working when the folder disappears, says so, and writes what waited once it returns', async () => {
    const { shared, a, b } = await pair();
    const moved = `${shared}-away`;
    const { rename } = await import('node:fs/promises');
    await rename(shared, moved);
    const practice = (await a.practices.save(undefined, practiceInput(a, 'Offline geschrieben'))).practice;
    await a.sync.syncNow();
    const status = a.sync.status().connections[0]!;
    expect(status).toMatchObject({ state: 'unreachable', pending: 1, error: { code: 'syncFolderUnreachable' } });
    await rename(moved, shared);
    await a.sync.syncNow();
    expect(a.sync.status().connections[0]).toMatchObject({ state: 'synced', pending: 0 });
    await b.sync.syncNow();
    expect(b.practices.get(practice.id).practice.texts.de?.title).toBe('Offline geschrieben');
  });

  it('reads from a read-only share and a full one, keeps its changes waiting, and writes them when it can', async () => {
    const shared = await tempDir();
    let failure: 'EROFS' | 'ENOSPC' | undefined;
    const failing: FileSystem = {
      ...nodeFileSystem,
      open: (async (file: string, flags: string) => {
        const handle = await nodeFileSystem.open(file, flags);
        if (!failure || !file.startsWith(shared)) return handle;
        if (failure === 'EROFS') {
          await handle.close();
          throw Object.assign(new Error('read-only file system'), { code: 'EROFS' });
        }
        // A full disk: the write starts, then fails half-way.
        return Object.assign(Object.create(handle) as typeof handle, {
          write: async () => {
            throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
          },
          sync: () => handle.sync(),
          close: () => handle.close(),
        });
      }) as FileSystem['open'],
    };
    const a = await syncingKnowledgeBase(await tempDir(), undefined, { fs: failing });
    const b = await syncingKnowledgeBase(await tempDir(), { name: 'Joost', organisationId: AV });
    await a.sync.connect(shared);
    await b.sync.connect(shared);
    await a.sync.syncNow();
    const fromB = (await b.practices.save(undefined, practiceInput(b, 'Von Joost'))).practice;
    await b.sync.syncNow();
    for (const code of ['EROFS', 'ENOSPC'] as const) {
      failure = code;
      const before = await filesOf(shared, a);
      await a.practices.save(undefined, practiceInput(a, `Bei ${code}`));
      await a.sync.syncNow();
      expect(a.sync.status().connections[0]).toMatchObject({
        state: 'failed',
        pending: 1,
        error: { code: 'syncWriteFailed', params: { reason: code } },
      });
      expect(await readdir(path.join(shared, SYNC_DIR, a.store.installationId))).toEqual(before); // no half file left
      failure = undefined;
      await a.sync.syncNow();
      expect(a.sync.status().connections[0]).toMatchObject({ state: 'synced', pending: 0 });
    }
    expect(a.practices.get(fromB.id).practice.texts.de?.title).toBe('Von Joost');
    await b.sync.syncNow();
    expect(content(b)).toEqual(content(a));
  });

  it('writes a checkpoint after many changes, removes its own older files, and a newcomer catches up from it', async () => {
    const shared = await tempDir();
    const a = await syncingKnowledgeBase(await tempDir());
    await a.sync.connect(shared);
    await a.sync.syncNow();
    const body = 'Lang. '.repeat(20_000); // about 120 kB a change: a checkpoint is due after a few
    for (let i = 0; i < 20; i++) {
      await a.practices.save(undefined, {
        ...practiceInput(a, `Nummer ${i}`),
        texts: { de: { title: `Nummer ${i}`, summary: 's', body } },
      });
      await a.sync.syncNow();
    }
    const files = await filesOf(shared, a);
    expect(files.filter((f) => f.startsWith('k-'))).toHaveLength(1);
    expect(files.length).toBeLessThan(20);
    const newcomer = await syncingKnowledgeBase(await tempDir(), { name: 'Neu', organisationId: TS });
    await newcomer.sync.connect(shared);
    await newcomer.sync.syncNow();
    expect(content(newcomer)).toEqual(content(a));
    expect(await readdir(path.join(shared, SYNC_DIR))).toHaveLength(1); // caught up, nothing of its own to write
  });

  it('sends to a folder shared with the partner only the selected topics', async () => {
    const office = await tempDir();
    const partner = await tempDir();
    const a = await syncingKnowledgeBase(await tempDir());
    const [shared, internal] = a.store.all('topics');
    await a.sync.connect(office);
    await a.sync.connect(partner, { topicIds: [shared!.id] });
    const open = (await a.practices.save(undefined, practiceInput(a, 'Für alle', { topicIds: [shared!.id] }))).practice;
    const secret = (await a.practices.save(undefined, practiceInput(a, 'Intern', { topicIds: [internal!.id] })))
      .practice;
    await a.sync.syncNow();
    const colleague = await syncingKnowledgeBase(await tempDir(), { name: 'Kollege', organisationId: TS });
    const amstelveen = await syncingKnowledgeBase(await tempDir(), { name: 'Partner', organisationId: AV });
    await colleague.sync.connect(office);
    await amstelveen.sync.connect(partner);
    await colleague.sync.syncNow();
    await amstelveen.sync.syncNow();
    expect(colleague.store.get('practices', secret.id)).toBeDefined();
    expect(amstelveen.store.get('practices', open.id)).toBeDefined();
    expect(amstelveen.store.get('practices', secret.id)).toBeUndefined();
    // The partner's answer reaches the office through the installation connected to both.
    const answer = await amstelveen.annotations.save(undefined, {
      practiceId: open.id,
      kind: 'question',
      text: 'Wie breit ist die Fahrbahn?',
      language: 'de',
    });
    await amstelveen.sync.syncNow();
    await a.sync.syncNow();
    await colleague.sync.syncNow();
    expect(colleague.store.get('annotations', answer.id)?.text).toBe('Wie breit ist die Fahrbahn?');
  });

  it('lists what others added since the last visit, with who and when, until the user has seen it', async () => {
    const { a, b } = await pair();
    expect(b.sync.newSince().items).toEqual([]);
    const practice = (await a.practices.save(undefined, practiceInput(a, 'Neu von Erika'))).practice;
    await a.sync.syncNow();
    await b.sync.syncNow();
    expect(b.sync.newSince().items).toEqual([
      expect.objectContaining({
        collection: 'practices',
        id: practice.id,
        kind: 'added',
        label: { de: 'Neu von Erika' },
        by: { name: 'Erika Muster', organisationId: TS },
      }),
    ]);
    expect(a.sync.newSince().items.map((item) => item.id)).not.toContain(practice.id); // one's own writing is not news
    await b.sync.markSeen();
    expect(b.sync.newSince().items).toEqual([]);
  });

  it('writes after a restart what was saved but not yet written when the app stopped', async () => {
    const shared = await tempDir();
    const dir = await tempDir();
    const a = await syncingKnowledgeBase(dir);
    await a.sync.connect(shared);
    await a.sync.syncNow();
    const practice = (await a.practices.save(undefined, practiceInput(a, 'Vor dem Absturz'))).practice;
    await a.close();
    await rm(path.join(dir, 'sync', a.sync.status().connections[0]?.id ?? 'none', 'published.log'), { force: true });
    const again = await syncingKnowledgeBase(dir);
    await again.sync.start();
    await again.sync.syncNow();
    const b = await syncingKnowledgeBase(await tempDir(), { name: 'Joost', organisationId: AV });
    await b.sync.connect(shared);
    await b.sync.syncNow();
    expect(b.practices.get(practice.id).practice.texts.de?.title).toBe('Vor dem Absturz');
  });
});
