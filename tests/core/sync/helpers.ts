/** Knowledge bases syncing through one shared folder, for the sync tests. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { openKnowledgeBase, type KnowledgeBase } from '../../../core/knowledge-base';
import type { SyncOptions } from '../../../core/sync/sync';
import { SYNC_DIR } from '../../../core/sync/layout';
import type { PracticeInput } from '../../../shared/requests';
import { AV, TS } from '../../helpers/knowledge-base';

export { AV, TS };

/** A knowledge base with a user set, a clock ticking a second per reading, and sync driven by the test (no timers). */
export async function syncingKnowledgeBase(
  dir: string,
  user = { name: 'Erika Muster', organisationId: TS },
  sync: Omit<SyncOptions, 'stateDir'> = {},
  start = Date.parse('2026-11-20T09:00:00Z'),
): Promise<KnowledgeBase> {
  let tick = start;
  const kb = await openKnowledgeBase(dir, {
    systemLocales: ['de-DE'],
    now: () => new Date((tick += 1000)),
    sync: { background: false, ...sync },
    cleanup: { background: false },
  });
  if (!kb.store.settings.user) await kb.settings.setUser(user);
  return kb;
}

export function practiceInput(kb: KnowledgeBase, title: string, overrides: Partial<PracticeInput> = {}): PracticeInput {
  return {
    organisationId: TS,
    topicIds: [kb.store.all('topics')[0]!.id],
    tags: ['sync'],
    originalLanguage: 'de',
    texts: { de: { title, summary: 'Kurz.', body: 'Text.' } },
    sources: [],
    ...overrides,
  };
}

/** What must be the same everywhere after syncing: every record that travels, and the versions in conflict. */
export function content(kb: KnowledgeBase): unknown {
  const { store } = kb;
  const byId = <T extends { id: string }>(records: readonly T[]) =>
    [...records].sort((a, b) => (a.id < b.id ? -1 : 1)).map((r) => JSON.stringify(r));
  return {
    organisations: byId(store.all('organisations')),
    topics: byId(store.all('topics')),
    practices: byId(store.all('practices')),
    annotations: byId(store.all('annotations')),
    visits: byId(store.all('visits')),
    glossary: byId(store.all('glossary')),
    comparison: byId(store.all('comparison')),
    conflicts: byId(store.all('conflicts')),
  };
}

/** The files an installation has in the shared folder. */
export async function filesOf(shared: string, kb: KnowledgeBase): Promise<string[]> {
  return (await readdir(path.join(shared, SYNC_DIR, kb.store.installationId))).sort();
}
