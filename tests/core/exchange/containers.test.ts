import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../../core/knowledge-base';
import { CONTAINER_BUNDLE_ENTRY, readContainer } from '../../../core/bundle/container';
import { exe, pdf, png, rawZip, zip, type RawEntry } from '../../helpers/attachment-fixtures';
import { withChecksum } from '../../helpers/bundles';
import { AV, germanPractice, TS, writableKnowledgeBase } from '../../helpers/knowledge-base';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let source: KnowledgeBase;
let practiceId: string;
let containerFile: string;
let bundleJson: Buffer;
const photo = png(30, 20, [10, 160, 60]);
const report = pdf('Klimastresstest Amstelveen');
const opened: KnowledgeBase[] = [];

beforeAll(async () => {
  source = await writableKnowledgeBase(await tempDir());
  opened.push(source);
  const { practice } = await source.practices.save(undefined, germanPractice(source));
  practiceId = practice.id;
  const owner = { kind: 'practices' as const, id: practiceId };
  await source.attachments.add(owner, { bytes: report, name: 'klimastresstest.pdf' }, { nl: 'Klimaatstresstest' });
  await source.attachments.add(owner, { bytes: photo, name: 'gruendach.png' }, { de: 'Gründach', nl: 'Groen dak' });
  containerFile = path.join(await tempDir(), source.containers.suggestedFileName());
  await source.containers.export(containerFile, {});
  bundleJson = Buffer.concat([...source.exchange.exportBundle({}).pieces]);
});
afterAll(async () => {
  await Promise.all(opened.map((kb) => kb.close()));
});

async function partner(): Promise<{ kb: KnowledgeBase; dir: string }> {
  const dir = await tempDir();
  const kb = await writableKnowledgeBase(dir, { name: 'Jan de Vries', organisationId: AV });
  opened.push(kb);
  await kb.store.flush();
  return { kb, dir };
}

/** Every file of the store folder and its bytes (the lock, which a running app refreshes, aside). */
async function folderState(dir: string): Promise<Record<string, string>> {
  const state: Record<string, string> = {};
  const walk = async (folder: string) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(file);
      else if (!entry.name.endsWith('.lock')) state[path.relative(dir, file)] = sha(await readFile(file));
    }
  };
  await walk(dir);
  return state;
}

describe('exchanging a bundle with its attachments', () => {
  it('exports one ZIP with the JSON at a fixed name and each attachment under its hash', async () => {
    const { bundle, attachments } = await readContainer(containerFile);
    expect(bundle.content.practices.find((p) => p.id === practiceId)?.attachments).toHaveLength(2);
    expect([...attachments.keys()].sort()).toEqual([sha(photo), sha(report)].sort());
  });

  it('imports elsewhere with identical bytes, captions and order, and a second import changes nothing', async () => {
    const { kb, dir } = await partner();
    const preview = await kb.containers.preview(containerFile, path.basename(containerFile));
    expect(await readdir(dir)).not.toContain('attachments'); // nothing written before the import is confirmed
    await kb.containers.confirm(preview.previewId);
    const owner = { kind: 'practices' as const, id: practiceId };
    const list = await kb.attachments.list(owner);
    expect(list.map((a) => [a.name, a.caption, a.health])).toEqual([
      ['klimastresstest.pdf', { nl: 'Klimaatstresstest' }, 'ok'],
      ['gruendach.png', { de: 'Gründach', nl: 'Groen dak' }, 'ok'],
    ]);
    expect(await readFile(path.join(dir, 'attachments', sha(photo)))).toEqual(photo);
    expect(await readFile(path.join(dir, 'attachments', sha(report)))).toEqual(report);

    await kb.store.flush();
    const before = await folderState(dir);
    const again = await kb.containers.preview(containerFile, path.basename(containerFile));
    expect(again.changeCount).toBe(0);
    await kb.containers.confirm(again.previewId);
    await kb.store.flush();
    expect(await folderState(dir)).toEqual(before);
  });

  it('imports a JSON-only bundle: the records arrive, their attachments are reported missing', async () => {
    const { kb } = await partner();
    const preview = kb.exchange.preview(bundleJson, 'ohne-anlagen.twinning-kb.json');
    await kb.exchange.confirm(preview.previewId);
    const list = await kb.attachments.list({ kind: 'practices', id: practiceId });
    expect(list.map((a) => a.health)).toEqual(['missing', 'missing']);
  });

  it('refuses to export an attachment whose bytes are damaged', async () => {
    const dir = await tempDir();
    const kb = await writableKnowledgeBase(dir, { name: 'Erika', organisationId: TS });
    opened.push(kb);
    const { practice } = await kb.practices.save(undefined, germanPractice(kb));
    const [attachment] = await kb.attachments.add(
      { kind: 'practices', id: practice.id },
      { bytes: png(), name: 'a.png' },
    );
    await writeFile(path.join(dir, 'attachments', attachment!.sha256), png(9, 9));
    const target = path.join(dir, 'out.twinning-kb.zip');
    await expect(kb.containers.export(target, {})).rejects.toMatchObject({ code: 'attachmentDamaged' });
    await expect(stat(target)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('hostile containers', () => {
  const good = (): RawEntry[] => [
    { name: CONTAINER_BUNDLE_ENTRY, data: bundleJson, deflate: true },
    { name: `attachments/${sha(report)}`, data: report },
    { name: `attachments/${sha(photo)}`, data: photo },
  ];
  const zeros = Buffer.alloc(20 * 1024 * 1024);

  const cases: [string, () => Buffer, string, string?][] = [
    [
      'a path out of the archive ("zip slip")',
      () => rawZip([...good(), { name: '../evil.txt', data: Buffer.from('x') }]),
      'containerUnsafePath',
      '../evil.txt',
    ],
    [
      'an absolute path',
      () => rawZip([{ name: '/etc/evil', data: Buffer.from('x') }, ...good()]),
      'containerUnsafePath',
      '/etc/evil',
    ],
    [
      'a Windows path',
      () => rawZip([...good(), { name: 'C:\\evil.exe', data: Buffer.from('x') }]),
      'containerUnsafePath',
    ],
    [
      'a zip bomb',
      () => rawZip([...good(), { name: `attachments/${sha(zeros)}`, data: zeros, deflate: true }]),
      'containerBomb',
    ],
    [
      'an entry larger than it claims',
      () =>
        rawZip([
          { name: CONTAINER_BUNDLE_ENTRY, data: bundleJson, deflate: true, claimedSize: 100 },
          ...good().slice(1),
        ]),
      'containerInvalid',
    ],
    [
      'a duplicate entry',
      () => rawZip([...good(), { name: `attachments/${sha(photo)}`, data: photo }]),
      'containerDuplicateEntry',
      `attachments/${sha(photo)}`,
    ],
    [
      'an attachment whose bytes do not match its hash',
      () => rawZip([good()[0]!, good()[1]!, { name: `attachments/${sha(photo)}`, data: png(31, 20) }]),
      'containerHashMismatch',
      `attachments/${sha(photo)}`,
    ],
    [
      'an entry the JSON does not reference',
      () => rawZip([...good(), { name: `attachments/${sha(png(2, 2))}`, data: png(2, 2) }]),
      'containerUnreferencedEntry',
    ],
    [
      'a JSON that references a missing entry',
      () => rawZip(good().slice(0, 2)),
      'containerMissingAttachment',
      `attachments/${sha(photo)}`,
    ],
    [
      'an entry of another kind',
      () => rawZip([...good(), { name: 'readme.html', data: Buffer.from('<script>') }]),
      'containerUnexpectedEntry',
      'readme.html',
    ],
    ['no bundle', () => rawZip(good().slice(1)), 'containerNoBundle'],
    ['a ZIP cut short', () => rawZip(good()).subarray(0, 2_000), 'containerInvalid'],
    [
      'a container whose JSON is no bundle',
      () => rawZip([{ name: CONTAINER_BUNDLE_ENTRY, data: Buffer.from('{"format":"x"}') }]),
      'notABundle',
    ],
  ];

  it.each(cases)('refuses %s, naming it, with the store unchanged', async (_what, make, code, name) => {
    const { kb, dir } = await partner();
    const file = path.join(await tempDir(), 'hostile.twinning-kb.zip');
    await writeFile(file, make());
    const before = await folderState(dir);
    const error = await kb.containers.preview(file, 'hostile.twinning-kb.zip').catch((e: unknown) => e);
    expect(error).toMatchObject({ code });
    if (name) expect(error).toMatchObject({ params: { name } });
    await kb.store.flush();
    expect(await folderState(dir)).toEqual(before);
  });

  it('refuses a container over the total size limit', async () => {
    const file = path.join(await tempDir(), 'big.zip');
    await writeFile(file, await zip([[CONTAINER_BUNDLE_ENTRY, bundleJson]]));
    await expect(readContainer(file, { limits: { maxTotalBytes: 1_000 } })).rejects.toMatchObject({
      code: 'containerTooLarge',
    });
  });

  it('reports progress while reading', async () => {
    const seen: number[] = [];
    await readContainer(containerFile, { onProgress: (done) => seen.push(done) });
    expect(seen.at(-1)).toBe(bundleJson.length + photo.length + report.length);
  });
});

describe('attachments in a container, typed by content', () => {
  it('refuses a program inside a container before anything is written, and checks large files whole', async () => {
    const { kb, dir } = await partner();
    const program = exe();
    const bundle = JSON.parse(bundleJson.toString('utf8')) as {
      content: { practices: { id: string; attachments?: { sha256: string; type: string; size: number }[] }[] };
    };
    const practice = bundle.content.practices.find((p) => p.id === practiceId)!;
    practice.attachments![1]!.sha256 = sha(program);
    practice.attachments![1]!.size = program.length;
    const file = path.join(await tempDir(), 'programm.twinning-kb.zip');
    await writeFile(
      file,
      rawZip([
        { name: CONTAINER_BUNDLE_ENTRY, data: Buffer.from(JSON.stringify(withChecksum(bundle as never))) },
        { name: `attachments/${sha(report)}`, data: report },
        { name: `attachments/${sha(program)}`, data: program },
      ]),
    );
    const before = await folderState(dir);
    await expect(kb.containers.preview(file, 'programm.twinning-kb.zip')).rejects.toMatchObject({
      code: 'attachmentTypeRefused',
      params: { name: `attachments/${sha(program)}` },
    });
    expect(await folderState(dir)).toEqual(before);
  });

  it('previews a container whose attachment is larger than what is read to type it', async () => {
    const { kb } = await partner();
    const large = Buffer.concat([pdf('Groß'), Buffer.alloc(3 * 1024 * 1024, 0x20)]);
    const bundle = JSON.parse(bundleJson.toString('utf8')) as {
      content: { practices: { id: string; attachments?: { sha256: string; size: number }[] }[] };
    };
    const practice = bundle.content.practices.find((p) => p.id === practiceId)!;
    practice.attachments![0]!.sha256 = sha(large);
    practice.attachments![0]!.size = large.length;
    const file = path.join(await tempDir(), 'gross.twinning-kb.zip');
    await writeFile(
      file,
      rawZip([
        { name: CONTAINER_BUNDLE_ENTRY, data: Buffer.from(JSON.stringify(withChecksum(bundle as never))) },
        { name: `attachments/${sha(large)}`, data: large },
        { name: `attachments/${sha(photo)}`, data: photo },
      ]),
    );
    const preview = await kb.containers.preview(file, 'gross.twinning-kb.zip');
    await kb.containers.confirm(preview.previewId);
    const list = await kb.attachments.list({ kind: 'practices', id: practiceId });
    expect(list.map((a) => a.health)).toEqual(['ok', 'ok']);
  });
});
