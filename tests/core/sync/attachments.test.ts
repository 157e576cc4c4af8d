import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../../core/knowledge-base';
import { nextVersion } from '../../../core/base/versioning';
import { BLOBS_DIR, SYNC_DIR } from '../../../core/sync/layout';
import { exe, html, pdf, png, svgWithScript } from '../../helpers/attachment-fixtures';
import { useTempDirs } from '../../helpers/temp-dir';
import { AV, content, filesOf, practiceInput, syncingKnowledgeBase, TS } from './helpers';

const tempDir = useTempDirs();
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Every attachment file in the shared folder, as `<installation>/<hash>`. */
async function blobsIn(shared: string): Promise<string[]> {
  const root = path.join(shared, SYNC_DIR);
  const found: string[] = [];
  for (const installation of await readdir(root)) {
    const names = await readdir(path.join(root, installation, BLOBS_DIR)).catch(() => []);
    for (const name of names) if (!name.startsWith('.')) found.push(`${installation}/${name}`);
  }
  return found.sort();
}
const blobFile = (shared: string, kb: KnowledgeBase, hash: string) =>
  path.join(shared, SYNC_DIR, kb.store.installationId, BLOBS_DIR, hash);

async function installations(count: number, options = {}) {
  const shared = await tempDir();
  const users = [
    { name: 'Erika Muster', organisationId: TS },
    { name: 'Joost de Vries', organisationId: AV },
    { name: 'Max Beispiel', organisationId: TS },
  ];
  const kbs: KnowledgeBase[] = [];
  for (let i = 0; i < count; i++) {
    const kb = await syncingKnowledgeBase(await tempDir(), users[i], options);
    await kb.sync.connect(shared);
    kbs.push(kb);
  }
  return { shared, kbs };
}

const syncAll = async (kbs: KnowledgeBase[]) => {
  for (const kb of kbs) await kb.sync.syncNow();
};

async function photoPractice(kb: KnowledgeBase, bytes: Buffer, title = 'Turbo-Kreisel') {
  const { practice } = await kb.practices.save(undefined, practiceInput(kb, title));
  const owner = { kind: 'practices' as const, id: practice.id };
  await kb.attachments.add(owner, { bytes, name: 'kreisel.png' }, { de: 'Turbo-Kreisel', nl: 'Turborotonde' });
  return owner;
}

/** Big changes on `kb`, synced one by one, until it writes a new checkpoint. */
async function untilCheckpoint(shared: string, kb: KnowledgeBase): Promise<void> {
  const checkpoints = async () => (await filesOf(shared, kb).catch(() => [])).filter((f) => f.startsWith('k-')).join(); // none yet: no folder
  const before = await checkpoints();
  const body = 'Lang. '.repeat(20_000); // about 120 kB a change
  for (let i = 0; i < 40; i++) {
    await kb.practices.save(undefined, {
      ...practiceInput(kb, `Nummer ${i}`),
      texts: { de: { title: `Nummer ${i}`, summary: 's', body } },
    });
    await kb.sync.syncNow();
    if ((await checkpoints()) !== before) return;
  }
  throw new Error('no checkpoint written');
}

const problemCodes = (kb: KnowledgeBase) => kb.sync.status().connections[0]!.problems.map((p) => p.error.code);

describe('attachments through a shared folder', () => {
  it('brings an attachment added on one installation to two others, byte for byte, stored once in the folder', async () => {
    const { shared, kbs } = await installations(3);
    const [a, b, c] = kbs as [KnowledgeBase, KnowledgeBase, KnowledgeBase];
    const photo = png(40, 30, [20, 120, 200]);
    const owner = await photoPractice(a, photo);
    await syncAll(kbs);
    expect(await blobsIn(shared)).toEqual([`${a.store.installationId}/${sha(photo)}`]);
    expect(await readFile(blobFile(shared, a, sha(photo)))).toEqual(photo);
    for (const kb of [b, c]) {
      const [view] = await kb.attachments.list(owner);
      expect(view).toMatchObject({ sha256: sha(photo), health: 'ok', caption: { de: 'Turbo-Kreisel' } });
      expect(Buffer.from((await kb.attachments.image(sha(photo)))!.bytes)).toEqual(photo);
      expect(content(kb)).toEqual(content(a));
    }
    // The same bytes attached again, on another installation and another practice: still one file in the folder.
    await photoPractice(c, photo, 'Derselbe Kreisel');
    await syncAll(kbs);
    await syncAll(kbs);
    expect(await blobsIn(shared)).toEqual([`${a.store.installationId}/${sha(photo)}`]);
    expect(b.sync.status().connections[0]).toMatchObject({ state: 'synced', problems: [], foreignFiles: 0 });
  });

  it('merges a record whose bytes have not arrived yet, shows them as arriving, and fetches them in a later round', async () => {
    const { shared, kbs } = await installations(2);
    const [a, b] = kbs as [KnowledgeBase, KnowledgeBase];
    const photo = png(20, 20, [200, 200, 0]);
    const owner = await photoPractice(a, photo);
    await a.sync.syncNow();
    // The sync client has copied the change file but not the photo yet.
    const aside = path.join(await tempDir(), 'aside');
    await rename(blobFile(shared, a, sha(photo)), aside);
    await b.sync.syncNow();
    expect(b.practices.get(owner.id).practice.attachments).toHaveLength(1);
    expect((await b.attachments.list(owner))[0]!.health).toBe('arriving');
    expect(await b.attachments.unavailableCount()).toBe(0);
    expect(problemCodes(b)).toEqual([]);
    await rename(aside, blobFile(shared, a, sha(photo)));
    await b.sync.syncNow();
    expect((await b.attachments.list(owner))[0]!.health).toBe('ok');
  });

  it('retries bytes still being copied quietly, reports them only when they stay incomplete, and takes them once whole', async () => {
    const { shared, kbs } = await installations(2, { incompleteGraceMs: 60_000 });
    const [a, b] = kbs as [KnowledgeBase, KnowledgeBase];
    const photo = png(60, 60, [1, 99, 1]);
    const owner = await photoPractice(a, photo);
    await a.sync.syncNow();
    const file = blobFile(shared, a, sha(photo));
    await writeFile(file, photo.subarray(0, photo.length >> 1));
    await b.sync.syncNow();
    expect((await b.attachments.list(owner))[0]!.health).toBe('arriving');
    expect(problemCodes(b)).toEqual([]); // not reported yet: it may still be arriving
    await writeFile(file, photo);
    await b.sync.syncNow();
    expect((await b.attachments.list(owner))[0]!.health).toBe('ok');

    const { shared: other, kbs: pair } = await installations(2, { incompleteGraceMs: 0 });
    const [c, d] = pair as [KnowledgeBase, KnowledgeBase];
    await photoPractice(c, photo);
    await c.sync.syncNow();
    await writeFile(blobFile(other, c, sha(photo)), photo.subarray(0, 10));
    await d.sync.syncNow();
    expect(problemCodes(d)).toEqual(['syncAttachmentIncomplete']);
    expect(d.sync.status().connections[0]!.problems[0]).toMatchObject({
      file: `${c.store.installationId}/${BLOBS_DIR}/${sha(photo)}`,
      error: { params: { file: 'kreisel.png' } },
    });
  });

  it('refuses forged bytes (not matching their name), reports them, stores nothing, and takes them once mended', async () => {
    const { shared, kbs } = await installations(2);
    const [a, b] = kbs as [KnowledgeBase, KnowledgeBase];
    const photo = png(16, 16, [5, 5, 5]);
    const owner = await photoPractice(a, photo);
    await a.sync.syncNow();
    const forged = Buffer.from(photo);
    forged[forged.length - 20] = forged[forged.length - 20]! ^ 0xff;
    await writeFile(blobFile(shared, a, sha(photo)), forged);
    await b.sync.syncNow();
    expect(problemCodes(b)).toEqual(['syncAttachmentDamaged']);
    expect(await readdir(b.attachments.blobs.folder).catch(() => [])).toEqual([]);
    expect((await b.attachments.list(owner))[0]!.health).toBe('arriving');
    await b.sync.syncNow(); // set aside until it changes: still reported, not read again
    expect(problemCodes(b)).toEqual(['syncAttachmentDamaged']);
    await writeFile(blobFile(shared, a, sha(photo)), photo);
    await b.sync.syncNow();
    expect(problemCodes(b)).toEqual([]);
    expect((await b.attachments.list(owner))[0]!.health).toBe('ok');
  });

  it('refuses a program, an SVG with a script and a web page even when their bytes match their name', async () => {
    const { shared, kbs } = await installations(2);
    const [a, b] = kbs as [KnowledgeBase, KnowledgeBase];
    const { practice } = await a.practices.save(undefined, practiceInput(a, 'Manipuliert'));
    const hostile = [exe(), svgWithScript(), html()];
    // A tampered installation: bytes of refused types in its store, named by its record as a PDF.
    await mkdir(a.attachments.blobs.folder, { recursive: true });
    for (const bytes of hostile) await writeFile(a.attachments.blobs.pathOf(sha(bytes)), bytes);
    const attachments = hostile.map((bytes, i) => ({
      sha256: sha(bytes),
      name: `bericht-${i}.pdf`,
      type: 'application/pdf' as const,
      size: bytes.length,
      caption: {},
      addedAt: practice.updatedAt,
    }));
    await a.store.apply([
      {
        op: 'put',
        collection: 'practices',
        record: { ...practice, attachments, version: nextVersion(a.store.installationId, practice.version) },
      },
    ]);
    await a.close();
    const reopened = await syncingKnowledgeBase(path.dirname(a.attachments.blobs.folder));
    await reopened.sync.syncNow();
    expect(await blobsIn(shared)).toHaveLength(3);
    await b.sync.syncNow();
    expect(problemCodes(b)).toEqual(['syncAttachmentRefused', 'syncAttachmentRefused', 'syncAttachmentRefused']);
    expect(await readdir(b.attachments.blobs.folder).catch(() => [])).toEqual([]);
    expect(b.practices.get(practice.id).practice.attachments).toHaveLength(3); // the record arrives; its bytes never do
    await reopened.close();
  });

  it('carries to a folder limited to some topics only the attachments of their practices', async () => {
    const office = await tempDir();
    const partnerFolder = await tempDir();
    const a = await syncingKnowledgeBase(await tempDir());
    const [shared, internal] = a.store.all('topics') as unknown as [{ id: string }, { id: string }];
    await a.sync.connect(office);
    await a.sync.connect(partnerFolder, { topicIds: [shared.id] });
    const open = png(10, 10, [0, 200, 0]);
    const secret = pdf('Interner Vermerk');
    const { practice: p1 } = await a.practices.save(undefined, practiceInput(a, 'Geteilt', { topicIds: [shared.id] }));
    await a.attachments.add({ kind: 'practices', id: p1.id }, { bytes: open, name: 'geteilt.png' });
    const { practice: p2 } = await a.practices.save(undefined, practiceInput(a, 'Intern', { topicIds: [internal.id] }));
    await a.attachments.add({ kind: 'practices', id: p2.id }, { bytes: secret, name: 'intern.pdf' });
    await a.sync.syncNow();
    const id = a.store.installationId;
    expect(await blobsIn(office)).toEqual([`${id}/${sha(open)}`, `${id}/${sha(secret)}`].sort());
    expect(await blobsIn(partnerFolder)).toEqual([`${id}/${sha(open)}`]);
    const partner = await syncingKnowledgeBase(await tempDir(), { name: 'Joost de Vries', organisationId: AV });
    await partner.sync.connect(partnerFolder);
    await partner.sync.syncNow();
    expect((await partner.attachments.list({ kind: 'practices', id: p1.id }))[0]!.health).toBe('ok');
    expect(await readdir(partner.attachments.blobs.folder)).toEqual([sha(open)]);
  });

  it('keeps referenced bytes when pruning after a checkpoint, removes bytes nothing names, and republishes what others still name', async () => {
    const { shared, kbs } = await installations(2, { checkpointBytes: 1 });
    const [a, b] = kbs as [KnowledgeBase, KnowledgeBase];
    const kept = png(9, 9, [3, 3, 3]);
    const gone = png(9, 9, [4, 4, 4]);
    const keptOwner = await photoPractice(a, kept, 'Bleibt');
    const goneOwner = await photoPractice(a, gone, 'Geht');
    await syncAll(kbs);
    await syncAll(kbs);
    expect(await blobsIn(shared)).toHaveLength(2);
    // Purged here (purging does not travel): nothing on A names the photo any more.
    await a.practices.trash(goneOwner.id);
    await a.practices.purge(goneOwner.id);
    await untilCheckpoint(shared, a);
    const aId = a.store.installationId;
    expect(await blobsIn(shared)).toEqual([`${aId}/${sha(kept)}`]);
    // B still has the practice and its photo: at its next checkpoint it puts the photo back, in its own folder.
    expect(b.practices.get(goneOwner.id).practice.deletedAt).toBeUndefined();
    await untilCheckpoint(shared, b);
    expect(await blobsIn(shared)).toEqual([`${aId}/${sha(kept)}`, `${b.store.installationId}/${sha(gone)}`].sort());
    // A newcomer gets both.
    const c = await syncingKnowledgeBase(await tempDir(), { name: 'Max Beispiel', organisationId: TS });
    await c.sync.connect(shared);
    await c.sync.syncNow();
    expect((await c.attachments.list(keptOwner))[0]!.health).toBe('ok');
    expect((await c.attachments.list(goneOwner))[0]!.health).toBe('ok');
  });

  it('writes no change file when the attachment bytes cannot be written to the folder, and sends both later', async () => {
    const failing = { fail: true };
    const { nodeFileSystem } = await import('../../../core/base/file-system');
    const fs = {
      ...nodeFileSystem,
      copyFile: (async (...args: Parameters<typeof nodeFileSystem.copyFile>) => {
        if (failing.fail) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        return nodeFileSystem.copyFile(...args);
      }) as typeof nodeFileSystem.copyFile,
    };
    const shared = await tempDir();
    const a = await syncingKnowledgeBase(await tempDir(), undefined, { fs });
    await a.sync.connect(shared);
    await a.sync.syncNow();
    const ownFiles = async () =>
      (await readdir(path.join(shared, SYNC_DIR, a.store.installationId))).filter((n) => /^[ck]-/.test(n));
    const before = await ownFiles();
    const photo = png(7, 7, [70, 70, 70]);
    await photoPractice(a, photo);
    const status = await a.sync.syncNow();
    expect(status.connections[0]).toMatchObject({ state: 'failed', error: { code: 'syncWriteFailed' } });
    expect(await ownFiles()).toEqual(before);
    failing.fail = false;
    await a.sync.syncNow();
    expect(await blobsIn(shared)).toEqual([`${a.store.installationId}/${sha(photo)}`]);
    expect(a.sync.status().connections[0]!.pending).toBe(0);
  });
});
