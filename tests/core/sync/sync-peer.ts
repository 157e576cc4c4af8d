/**
 * A child process of the multi-process sync tests: one installation with its
 * own store, connected to a shared folder. `serve` answers commands read
 * from stdin, one JSON line each (create, edit, delete, restore, attach, sync,
 * dump; an attached photo's colour follows `pick`, so peers attach the same
 * bytes now and then, and the dump says which attachments' bytes are whole here);
 * `churn` writes and syncs as fast as it can until it is killed. Every write
 * whose save resolved is printed as `saved <json>` with the version saved.
 */
import { createInterface } from 'node:readline';
import { KbError } from '../../../core/base/errors';
import { openKnowledgeBase } from '../../../core/knowledge-base';
import { png } from '../../helpers/attachment-fixtures';
import { content } from './helpers';

const [dir, shared, mode, name, seedText] = process.argv.slice(2) as [string, string, string, string, string];
const kb = await openKnowledgeBase(dir, {
  systemLocales: ['de-DE'],
  sync: { background: false, checkpointBytes: 16 * 1024 },
});
if (!kb.store.settings.user) await kb.settings.setUser({ name, organisationId: 'org-tempelhof-schoeneberg' });
if (kb.sync.status().connections.length === 0) await kb.sync.connect(shared);
const topicId = kb.store.all('topics')[0]!.id;
const input = (title: string, body = 'Text.') => ({
  organisationId: 'org-tempelhof-schoeneberg',
  topicIds: [topicId],
  tags: ['sync'],
  originalLanguage: 'de' as const,
  texts: { de: { title, summary: 'Kurz.', body } },
  sources: [],
});
const ours = (deleted: boolean) =>
  kb.store
    .all('practices')
    .filter((p) => p.tags.includes('sync') && (p.deletedAt !== undefined) === deleted)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const saved = (id: string) => {
  const record = kb.store.get('practices', id)!;
  say(`saved ${JSON.stringify({ id, version: record.version, deleted: record.deletedAt !== undefined })}`);
};
let counter = 0;

async function run(command: { op: string; pick?: number; body?: string }): Promise<void> {
  const pick = <T>(list: T[]) => (list.length ? list[(command.pick ?? 0) % list.length] : undefined);
  try {
    switch (command.op) {
      case 'create': {
        const { practice } = await kb.practices.save(undefined, input(`${name} ${++counter}`, command.body));
        return saved(practice.id);
      }
      case 'edit': {
        const target = pick(ours(false));
        if (!target) return;
        await kb.practices.save(
          target.id,
          input(`${target.texts.de?.title ?? '?'} / ${name} ${++counter}`, command.body),
        );
        return saved(target.id);
      }
      case 'delete': {
        const target = pick(ours(false));
        if (!target) return;
        await kb.practices.trash(target.id);
        return saved(target.id);
      }
      case 'restore': {
        const target = pick(ours(true));
        if (!target) return;
        await kb.practices.restore(target.id);
        return saved(target.id);
      }
      case 'attach': {
        const target = pick(ours(false));
        if (!target) return;
        const shade = (command.pick ?? 0) % 4;
        await kb.attachments.add(
          { kind: 'practices', id: target.id },
          { bytes: png(4 + shade, 4, [shade * 60, 100, 200]), name: `foto-${shade}.png` },
        );
        return saved(target.id);
      }
      case 'sync': {
        await kb.sync.syncNow();
        const status = kb.sync.status().connections[0]!;
        if (status.state !== 'synced' || status.problems.length > 0)
          throw new Error(`sync ${status.state}: ${JSON.stringify(status.error ?? status.problems)}`);
        return;
      }
      case 'dump': {
        const named = new Set(
          [...kb.store.all('practices'), ...kb.store.all('conflicts').map((c) => c.record as { attachments?: [] })]
            .flatMap((r) => (r as { attachments?: { sha256: string }[] }).attachments ?? [])
            .map((a) => a.sha256),
        );
        const bytes = await Promise.all(
          [...named].sort().map(async (hash) => `${hash} ${await kb.attachments.blobs.health(hash)}`),
        );
        return say(`dump ${JSON.stringify({ ...(content(kb) as object), attachmentBytes: bytes })}`);
      }
    }
  } catch (error) {
    if (error instanceof KbError && error.code === 'editConflict') return;
    throw error;
  }
}

if (mode === 'serve') {
  say('ready');
  for await (const line of createInterface({ input: process.stdin })) {
    await run(JSON.parse(line) as { op: string; pick?: number });
    say('done');
  }
  await kb.close();
} else {
  say('ready');
  let seed = Number(seedText) >>> 0;
  const random = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const ops = ['create', 'create', 'edit', 'edit', 'delete', 'restore', 'attach', 'sync', 'sync'];
  for (;;) {
    await run({
      op: ops[Math.floor(random() * ops.length)]!,
      pick: Math.floor(random() * 1000),
      body: 'Absatz. '.repeat(Math.floor(random() * 500)),
    });
  }
}
