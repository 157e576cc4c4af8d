import { openKnowledgeBase, type KnowledgeBase } from '../../core/knowledge-base';
import type { PracticeInput } from '../../shared/requests';

export const TS = 'org-tempelhof-schoeneberg';
export const AV = 'org-amstelveen';

/** A knowledge base in a temp folder with a user set and a clock that ticks a second per reading. */
export async function writableKnowledgeBase(
  dir: string,
  user = { name: 'Erika Muster', organisationId: TS },
): Promise<KnowledgeBase> {
  let tick = Date.parse('2026-11-20T09:00:00Z');
  const kb = await openKnowledgeBase(dir, { systemLocales: ['de-DE'], now: () => new Date((tick += 1000)) });
  await kb.settings.setUser(user);
  return kb;
}

export function germanPractice(kb: KnowledgeBase, overrides: Partial<PracticeInput> = {}): PracticeInput {
  const topic = kb.store.all('topics')[0]!;
  return {
    organisationId: TS,
    topicIds: [topic.id],
    tags: ['test'],
    originalLanguage: 'de',
    texts: { de: { title: 'Sichere Kreisverkehre', summary: 'Kurz gesagt.', body: '## Ziel\n\nMehr Sicherheit.' } },
    sources: [],
    ...overrides,
  };
}
