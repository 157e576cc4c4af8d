/**
 * The knowledge base: opens the store and offers its parts (practices,
 * annotations, visits) and settings. Plain Node, no Electron, so everything
 * here is tested directly.
 */
import type { Overview, Settings } from '../../shared/contract';
import { pickLanguage } from '../../shared/language';
import type { Author, BilingualLabel, Lang, Organisation } from '../../shared/model';
import { Annotations } from './annotations';
import { KbContext } from './context';
import { KbError } from './errors';
import { Conflicts } from './exchange/conflicts';
import { Exchange } from './exchange/exchange';
import { Practices } from './practices';
import { loadStarterContent } from './starter';
import { openStore, type Store } from './store';
import { Visits } from './visits';

export interface OpenOptions {
  /** The operating system's preferred locales, best first; picks the language on first start. */
  systemLocales: readonly string[];
  /** The clock; tests pass their own. */
  now?: () => Date;
}

export async function openKnowledgeBase(dir: string, options: OpenOptions): Promise<KnowledgeBase> {
  const kb = new KnowledgeBase(await openStore(dir, loadStarterContent), options.now);
  if (kb.store.settings.language === null) {
    await kb.setLanguage(pickLanguage(options.systemLocales));
  }
  return kb;
}

export class KnowledgeBase {
  readonly store: Store;
  readonly practices: Practices;
  readonly annotations: Annotations;
  readonly visits: Visits;
  readonly exchange: Exchange;
  readonly conflicts: Conflicts;
  readonly #ctx: KbContext;

  constructor(store: Store, now?: () => Date) {
    this.store = store;
    this.#ctx = new KbContext(store, now);
    this.practices = new Practices(this.#ctx);
    this.annotations = new Annotations(this.#ctx);
    this.visits = new Visits(this.#ctx);
    this.exchange = new Exchange(this.#ctx);
    this.conflicts = new Conflicts(this.#ctx);
  }

  get settings(): Settings {
    const { language, user } = this.store.settings;
    return { language: language ?? 'de', user };
  }

  overview(): Overview {
    const practices = this.practices.live();
    const tags = [...countBy(practices.flatMap((p) => p.tags))]
      .map(([tag, count]) => ({ tag, count }))
      .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
    const byTopic = countBy(practices.flatMap((p) => p.topicIds));
    const byOrganisation = countBy(practices.map((p) => p.organisationId));
    return {
      settings: this.settings,
      installationId: this.store.installationId,
      organisations: this.store.all('organisations').map((o) => ({ ...o, practiceCount: byOrganisation.get(o.id) ?? 0 })),
      topics: this.store.all('topics').map((t) => ({ ...t, practiceCount: byTopic.get(t.id) ?? 0 })),
      tags,
      practiceCount: practices.length,
      trashCount: this.store.all('practices').length - practices.length,
      conflictCount: this.conflicts.count(),
      notices: [...this.store.notices],
    };
  }

  async setLanguage(language: Lang): Promise<Settings> {
    await this.#ctx.apply([{ op: 'settings', settings: { language } }]);
    return this.settings;
  }

  async setUser(user: Author): Promise<Settings> {
    if (!this.store.get('organisations', user.organisationId)) {
      throw new KbError('invalidReference', `organisation ${user.organisationId}`);
    }
    await this.#ctx.apply([{ op: 'settings', settings: { user: { name: user.name.trim(), organisationId: user.organisationId } } }]);
    return this.settings;
  }

  /** Adds a partner organisation beyond the two, e.g. for a user from a third administration. */
  async addOrganisation(name: BilingualLabel, country: string): Promise<Organisation> {
    const organisation: Organisation = { id: this.#ctx.newId('org'), ...this.#ctx.stamp(), name, country, kind: 'other' };
    await this.#ctx.apply([{ op: 'put', collection: 'organisations', record: organisation }]);
    return organisation;
  }
}

/** Counts with a Map, so ids such as "constructor" cannot collide with object properties. */
function countBy(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}
