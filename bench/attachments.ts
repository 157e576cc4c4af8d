/**
 * Attachments at size: attach files, export them as one container, import it
 * into a second knowledge base, and watch the process's memory throughout,
 * which must stay far below the attachments' total (they are streamed, never
 * held whole). Not part of `npm run bench` (it writes several times the
 * chosen size to the temp folder); run it on its own:
 *
 *   node node_modules/jiti/lib/jiti-cli.mjs bench/attachments.ts [--mb 500] [--json]
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openKnowledgeBase } from '../core/knowledge-base';
import { png } from '../tests/helpers/attachment-fixtures';

const FILE_MB = 10;

export async function runAttachmentBench(totalMB: number) {
  const root = await mkdtemp(path.join(tmpdir(), 'twinning-kb-attachments-bench-'));
  const MB = 1024 * 1024;
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const phase = async <T>(run: () => Promise<T>) => {
    peak = process.memoryUsage().rss;
    const started = performance.now();
    const value = await run();
    return { value, ms: Math.round(performance.now() - started), peakRssMB: Math.round(peak / MB) };
  };
  try {
    const source = await openKnowledgeBase(path.join(root, 'source'), { systemLocales: ['de-DE'] });
    await source.settings.setUser({ name: 'Bench', organisationId: 'org-tempelhof-schoeneberg' });
    const topic = source.store.all('topics')[0]!.id;
    const files: string[] = [];
    const header = png(1, 1); // a real PNG first, so that its content types it as one
    for (let i = 0; i < Math.ceil(totalMB / FILE_MB); i++) {
      const file = path.join(root, `photo-${i}.png`);
      await writeFile(file, Buffer.concat([header, randomBytes(FILE_MB * MB - header.length)]));
      files.push(file);
    }
    const rssBeforeMB = Math.round(process.memoryUsage().rss / MB);
    const attach = await phase(async () => {
      for (let p = 0; p < files.length; p += 5) {
        const { practice } = await source.practices.save(undefined, {
          organisationId: 'org-tempelhof-schoeneberg',
          topicIds: [topic],
          tags: [],
          originalLanguage: 'de',
          texts: { de: { title: `Praxis ${p}`, summary: '', body: '' } },
          sources: [],
        });
        for (const file of files.slice(p, p + 5))
          await source.attachments.add({ kind: 'practices', id: practice.id }, { file });
      }
    });
    const container = path.join(root, 'bench.twinning-kb.zip');
    const exported = await phase(() => source.containers.export(container, {}));
    const target = await openKnowledgeBase(path.join(root, 'target'), { systemLocales: ['de-DE'] });
    await target.settings.setUser({ name: 'Bench', organisationId: 'org-amstelveen' });
    const imported = await phase(async () => {
      const preview = await target.containers.preview(container, 'bench.twinning-kb.zip');
      return target.containers.confirm(preview.previewId);
    });
    await source.close();
    await target.close();
    return {
      attachmentsMB: files.length * FILE_MB,
      attachments: files.length,
      containerMB: Math.round((await stat(container)).size / MB),
      rssBeforeMB,
      attachMs: attach.ms,
      attachPeakRssMB: attach.peakRssMB,
      exportMs: exported.ms,
      exportPeakRssMB: exported.peakRssMB,
      importMs: imported.ms,
      importPeakRssMB: imported.peakRssMB,
    };
  } finally {
    clearInterval(sampler);
    await rm(root, { recursive: true, force: true });
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  const args = process.argv.slice(2);
  const mbAt = args.indexOf('--mb');
  const result = await runAttachmentBench(mbAt >= 0 ? Number(args[mbAt + 1]) : 500);
  process.stdout.write(
    args.includes('--json') ? `${JSON.stringify(result)}\n` : `${JSON.stringify(result, null, 2)}\n`,
  );
}
