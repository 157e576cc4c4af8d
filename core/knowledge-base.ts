/**
 * The composition root of the core: opens the store and wires the services
 * to one context. Nothing else lives here; callers (main's IPC handlers,
 * the tests, the benchmark) reach the services as fields.
 */
import path from 'node:path';
import { pickLanguage } from '../shared/language';
import type { Overview } from '../shared/responses';
import { Conflicts } from './exchange/conflicts';
import { Exchange } from './exchange/exchange';
import { LiveSearch, SEARCH_INDEX_FILE, type LiveSearchOptions } from './search/live-search';
import { Annotations } from './services/annotations';
import { Comparison } from './services/comparison';
import { Glossary } from './services/glossary';
import { Organisations } from './services/organisations';
import { overview } from './services/overview';
import { Practices } from './services/practices';
import { SettingsService } from './services/settings';
import { StarterRemoval } from './services/starter-removal';
import { VisitReports } from './services/visit-report';
import { Visits } from './services/visits';
import { Sync, type SyncOptions } from './sync/sync';
import { loadStarterContent } from './store/starter-content';
import { openStore, type Store } from './store/store';
import { createContext } from './write/context';

export interface OpenOptions {
  /** The operating system's preferred locales, best first; picks the language on first start. */
  systemLocales: readonly string[];
  /** The clock; tests pass their own. */
  now?: () => Date;
  /** Syncing through shared folders; the state is kept in `<dir>/sync`. */
  sync?: Omit<SyncOptions, 'stateDir'>;
}

/** The folder inside the store's folder where sync keeps what it knows about its shared folders. */
export const SYNC_STATE_DIR = 'sync';

export async function openKnowledgeBase(dir: string, options: OpenOptions): Promise<KnowledgeBase> {
  const kb = new KnowledgeBase(
    await openStore(dir, loadStarterContent),
    options.now,
    { file: path.join(dir, SEARCH_INDEX_FILE) },
    { ...options.sync, stateDir: path.join(dir, SYNC_STATE_DIR) },
  );
  if (!kb.settings.languageChosen) await kb.settings.setLanguage(pickLanguage(options.systemLocales));
  kb.search.start(); // in the background: start-up never waits for the index
  await kb.sync.start(); // reads its small list of folders; the rounds run in the background
  return kb;
}

export class KnowledgeBase {
  readonly store: Store;
  readonly settings: SettingsService;
  readonly organisations: Organisations;
  readonly practices: Practices;
  readonly annotations: Annotations;
  readonly visits: Visits;
  readonly visitReports: VisitReports;
  readonly exchange: Exchange;
  readonly conflicts: Conflicts;
  readonly comparison: Comparison;
  readonly glossary: Glossary;
  readonly starterContent: StarterRemoval;
  readonly search: LiveSearch;
  readonly sync: Sync;
  /** What the sidebar and start screen show. */
  readonly overview: () => Overview;

  /** The search index starts on `search.start()` or the first search, so knowledge bases opened only to write pay nothing for it. */
  constructor(
    store: Store,
    now?: () => Date,
    search: LiveSearchOptions = {},
    sync: SyncOptions = { stateDir: '', background: false },
  ) {
    const ctx = createContext(store, now);
    this.store = store;
    this.settings = new SettingsService(ctx);
    this.organisations = new Organisations(ctx);
    this.practices = new Practices(ctx);
    this.annotations = new Annotations(ctx);
    this.visits = new Visits(ctx);
    this.visitReports = new VisitReports(ctx, this.visits, this.annotations);
    this.exchange = new Exchange(ctx);
    this.conflicts = new Conflicts(ctx);
    this.comparison = new Comparison(ctx);
    this.glossary = new Glossary(ctx);
    this.starterContent = new StarterRemoval(ctx);
    this.search = new LiveSearch(store, search);
    this.sync = new Sync(ctx, sync);
    this.overview = () => overview(ctx, this.settings);
    ctx.writer.onApplied((changes) => this.search.applied(changes));
  }

  /** Finishes pending background work and closes the store; awaited before the app quits. */
  async close(): Promise<void> {
    await this.sync.close();
    await this.search.close();
    await this.store.close();
  }
}
