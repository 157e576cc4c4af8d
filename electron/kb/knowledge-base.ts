/**
 * The knowledge base: the operations the app offers on the store. Plain Node,
 * no Electron, so everything here is tested directly.
 */
import type {
  Overview,
  ParsedRequestOf,
  PracticePage,
  PracticeSummary,
  Settings,
} from '../../shared/contract';
import { pickLanguage } from '../../shared/language';
import { LANGUAGES, type Lang, type Practice } from '../../shared/model';
import { KbError } from './errors';
import { loadStarterContent } from './starter';
import { openStore, type Change, type Store } from './store';

export interface OpenOptions {
  /** The operating system's preferred locales, best first; picks the language on first start. */
  systemLocales: readonly string[];
}

export async function openKnowledgeBase(dir: string, options: OpenOptions): Promise<KnowledgeBase> {
  const kb = new KnowledgeBase(await openStore(dir, loadStarterContent));
  if (kb.store.settings.language === null) {
    await kb.setLanguage(pickLanguage(options.systemLocales));
  }
  return kb;
}

export class KnowledgeBase {
  readonly store: Store;

  constructor(store: Store) {
    this.store = store;
  }

  get settings(): Settings {
    return { language: this.store.settings.language ?? 'de' };
  }

  overview(): Overview {
    const practices = this.store.all('practices');
    const tags = [...countBy(practices.flatMap((p) => p.tags))]
      .map(([tag, count]) => ({ tag, count }))
      .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
    const byTopic = countBy(practices.flatMap((p) => p.topicIds));
    const byOrganisation = countBy(practices.map((p) => p.organisationId));
    return {
      settings: this.settings,
      organisations: this.store.all('organisations').map((o) => ({ ...o, practiceCount: byOrganisation.get(o.id) ?? 0 })),
      topics: this.store.all('topics').map((t) => ({ ...t, practiceCount: byTopic.get(t.id) ?? 0 })),
      tags,
      practiceCount: practices.length,
      notices: [...this.store.notices],
    };
  }

  listPractices(query: ParsedRequestOf<'listPractices'>): PracticePage {
    const matching = this.store.all('practices').filter(
      (p) =>
        (!query.topicId || p.topicIds.includes(query.topicId)) &&
        (!query.organisationId || p.organisationId === query.organisationId) &&
        (!query.tag || p.tags.includes(query.tag)),
    );
    matching.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
    return {
      total: matching.length,
      offset: query.offset,
      items: matching.slice(query.offset, query.offset + query.limit).map(summarize),
    };
  }

  getPractice(id: string): Practice {
    const practice = this.store.get('practices', id);
    if (!practice) throw new KbError('notFound', `practice ${id}`);
    return practice;
  }

  async setLanguage(language: Lang): Promise<Settings> {
    await this.#apply([{ op: 'settings', settings: { language } }]);
    return this.settings;
  }

  /** Writes a batch of changes durably; a failed write becomes a typed error and changes nothing. */
  async #apply(changes: readonly Change[]): Promise<void> {
    try {
      await this.store.apply(changes);
    } catch (error) {
      throw new KbError('storeWriteFailed', (error as Error).message, { cause: error });
    }
  }
}

function summarize(p: Practice): PracticeSummary {
  const titles: PracticeSummary['titles'] = {};
  const summaries: PracticeSummary['summaries'] = {};
  for (const lang of LANGUAGES) {
    const text = p.texts[lang];
    if (text) {
      titles[lang] = text.title;
      summaries[lang] = text.summary;
    }
  }
  return {
    id: p.id,
    organisationId: p.organisationId,
    topicIds: p.topicIds,
    tags: p.tags,
    originalLanguage: p.originalLanguage,
    titles,
    summaries,
    updatedAt: p.updatedAt,
    starter: p.starter === true,
  };
}

/** Counts with a Map, so ids such as "constructor" cannot collide with object properties. */
function countBy(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}
