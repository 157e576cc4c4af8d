/**
 * The knowledge base: opens the store and offers its parts (practices,
 * annotations, visits) and settings. Plain Node, no Electron, so everything
 * here is tested directly.
 */
import path from 'node:path';
import type { Overview, Settings, StarterContentState } from '../../shared/contract';
import { pickLanguage } from '../../shared/language';
import type { Author, BilingualLabel, Lang, Organisation } from '../../shared/model';
import { Annotations } from './annotations';
import { Comparison } from './comparison';
import { KbContext } from './context';
import { KbError } from './errors';
import { Conflicts } from './exchange/conflicts';
import { Exchange } from './exchange/exchange';
import { Glossary } from './glossary';
import { Practices } from './practices';
import { LiveSearch, SEARCH_INDEX_FILE, type LiveSearchOptions } from './search/live-search';
import { loadStarterContent, removeStarterContent, starterContentState } from './starter';
import { openStore, type Store } from './store';
import { Visits } from './visits';

export interface OpenOptions {
  /** The operating system's preferred locales, best first; picks the language on first start. */
  systemLocales: readonly string[];
  /** The clock; tests pass their own. */
  now?: () => Date;
}

export async function openKnowledgeBase(dir: string, options: OpenOptions): Promise<KnowledgeBase> {
  const kb = new KnowledgeBase(await openStore(dir, loadStarterContent), options.now, { file: path.join(dir, SEARCH_INDEX_FILE) });
  if (kb.store.settings.language === null) {
    await kb.setLanguage(pickLanguage(options.systemLocales));
  }
  kb.search.start(); // in the background: start-up never waits for the index
  return kb;
}

export class KnowledgeBase {
  readonly store: Store;
  readonly practices: Practices;
  readonly annotations: Annotations;
  readonly visits: Visits;
  readonly exchange: Exchange;
  readonly conflicts: Conflicts;
  readonly comparison: Comparison;
  readonly glossary: Glossary;
  readonly search: LiveSearch;
  readonly #ctx: KbContext;

  /** The search index starts on `search.start()` or the first search, so knowledge bases opened only to write pay nothing for it. */
  constructor(store: Store, now?: () => Date, search: LiveSearchOptions = {}) {
    this.store = store;
    this.#ctx = new KbContext(store, now);
    this.practices = new Practices(this.#ctx);
    this.annotations = new Annotations(this.#ctx);
    this.visits = new Visits(this.#ctx);
    this.exchange = new Exchange(this.#ctx);
    this.conflicts = new Conflicts(this.#ctx);
    this.comparison = new Comparison(this.#ctx);
    this.glossary = new Glossary(this.#ctx);
    this.search = new LiveSearch(store, search);
    this.#ctx.onApplied((changes) => this.search.applied(changes));
  }

  /** How much starter content is left untouched, and how much is kept because it was edited or annotated. */
  starterContent(): StarterContentState {
    return starterContentState(this.store);
  }

  /** Removes the starter content nobody edited or annotated. */
  removeStarterContent(): Promise<StarterContentState & { removed: number }> {
    return removeStarterContent(this.#ctx);
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

  /** Finishes pending background work and closes the store; awaited before the app quits. */
  async close(): Promise<void> {
    await this.search.close();
    await this.store.close();
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
