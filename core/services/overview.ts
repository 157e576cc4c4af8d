/** What the sidebar and the start screen show: counts per organisation, topic and tag, the trash, conflicts and notices. */
import type { Overview } from '../../shared/responses';
import { conflictGroups } from '../write/provenance';
import type { KbContext } from '../write/context';
import type { SettingsService } from './settings';
import { TagCatalog } from '../store/tag-catalog';

export function overview(ctx: KbContext, settings: SettingsService): Overview {
  const { store } = ctx;
  const all = store.all('practices');
  const practices = all.filter((p) => !p.deletedAt);
  const tags = TagCatalog.of(store).summarize(practices);
  const byTopic = countBy(practices.flatMap((p) => p.topicIds));
  const byOrganisation = countBy(practices.map((p) => p.organisationId));
  return {
    settings: settings.get(),
    installationId: store.installationId,
    organisations: store.all('organisations').map((o) => ({ ...o, practiceCount: byOrganisation.get(o.id) ?? 0 })),
    topics: store.all('topics').map((t) => ({ ...t, practiceCount: byTopic.get(t.id) ?? 0 })),
    tags,
    practiceCount: practices.length,
    trashCount: all.length - practices.length,
    conflictCount: conflictGroups(store).length,
    notices: [...store.notices],
  };
}

/** Counts with a Map, so ids such as "constructor" cannot collide with object properties. */
function countBy(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}
