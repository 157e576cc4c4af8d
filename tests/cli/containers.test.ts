import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../cli/twinning-kb';
import { CONTAINER_BUNDLE_ENTRY } from '../../core/bundle/container';
import type { KnowledgeBase } from '../../core/knowledge-base';
import { pdf, png, rawZip } from '../helpers/attachment-fixtures';
import { germanPractice, writableKnowledgeBase } from '../helpers/knowledge-base';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const opened: KnowledgeBase[] = [];
afterAll(async () => {
  await Promise.all(opened.map((kb) => kb.close()));
});

async function container(): Promise<{ file: string; json: Buffer }> {
  const kb = await writableKnowledgeBase(await tempDir());
  opened.push(kb);
  const { practice } = await kb.practices.save(undefined, germanPractice(kb));
  const owner = { kind: 'practices' as const, id: practice.id };
  await kb.attachments.add(owner, { bytes: png(), name: 'foto.png' });
  await kb.attachments.add(owner, { bytes: pdf(), name: 'bericht.pdf' });
  const file = path.join(await tempDir(), 'paket.twinning-kb.zip');
  await kb.containers.export(file, {});
  return { file, json: Buffer.concat([...kb.exchange.exportBundle({}).pieces]) };
}

async function run(args: string[], lang = 'de_DE.UTF-8') {
  const out: string[] = [];
  const err: string[] = [];
  const progress: string[] = [];
  const code = await runCli(args, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: { LANG: lang },
    progress: (l) => progress.push(l),
  });
  return { code, out, err, progress };
}

describe('the command line with bundle containers', () => {
  it('validates a container, counting its attachments, with progress', async () => {
    const { file } = await container();
    const result = await run(['validate', file]);
    expect(result.code).toBe(EXIT.valid);
    expect(result.out).toHaveLength(1);
    expect(result.out[0]).toMatch(/^paket\.twinning-kb\.zip: gültiges Austauschpaket – .*2 Anlagen \(0 MB\)$/);
    expect(result.progress.at(-1)).toBe('Geprüft: 100\u00a0%'); // German puts a no-break space before the sign
  });

  it('inspects a container in Dutch', async () => {
    const { file } = await container();
    const result = await run(['inspect', file], 'nl_NL.UTF-8');
    expect(result.code).toBe(EXIT.valid);
    expect(result.out.at(-1)).toBe('Zip-archief met bijlagen: 2 bijlagen (0 MB), elk past bij de controlesom');
  });

  it('exits 1 with one line naming the entry of a container with a path out of it', async () => {
    const { json } = await container();
    const file = path.join(await tempDir(), 'boese.zip');
    await writeFile(
      file,
      rawZip([
        { name: CONTAINER_BUNDLE_ENTRY, data: json },
        { name: '../../etc/cron.d/x', data: Buffer.from('x') },
      ]),
    );
    const result = await run(['validate', file]);
    expect(result.code).toBe(EXIT.invalid);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toContain('„../../etc/cron.d/x“');
  });
});
