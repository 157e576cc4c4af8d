/**
 * The composition root of the core: opens the store and wires the services
 * to one context. Nothing else lives here; callers (main's IPC handlers,
 * the tests, the benchmark) reach the services as fields.
 */
import path from 'node:path';
import { pickLanguage } from '../shared/language';
import type { Notice, Overview } from '../shared/responses';
import { Conflicts } from './exchange/conflicts';
import { ContainerExchange } from './exchange/container-exchange';
import { Exchange } from './exchange/exchange';
import { LiveSearch, SEARCH_INDEX_FILE, type LiveSearchOptions } from './search/live-search';
import { BlobStore } from './attachments/blob-store';
import { Annotations } from './services/annotations';
import { Attachments } from './services/attachments';
import { DocumentImport } from './services/document-import';
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
import { loadStarterContent, type StarterContent } from './store/starter-content';
import { upgradeStarter } from './exchange/starter-upgrade';
import { openStore, type Store } from './store/store';
import { createContext, type KbContext } from './write/context';

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
  const blobs = new BlobStore(dir);
  await blobs.removeLeftovers();
  const starter = loadStarterContent();
  const kb = new KnowledgeBase(
    await openStore(dir, () => starter),
    options.now,
    { file: path.join(dir, SEARCH_INDEX_FILE) },
    { ...options.sync, stateDir: path.join(dir, SYNC_STATE_DIR) },
    blobs,
  );
  await kb.upgradeStarter(starter); // before search and sync start, so both see the current release
  if (!kb.settings.languageChosen) await kb.settings.setLanguage(pickLanguage(options.systemLocales));
  const unavailable = await kb.attachments.unavailableCount();
  if (unavailable > 0) kb.notices.push({ kind: 'attachmentsUnavailable', count: unavailable });
  kb.search.start(); // in the background: start-up never waits for the index
  await kb.sync.start(); // reads its small list of folders; the rounds run in the background
  return kb;
}

export class KnowledgeBase {
  readonly #ctx: KbContext;
  readonly store: Store;
  readonly settings: SettingsService;
  readonly organisations: Organisations;
  readonly practices: Practices;
  readonly annotations: Annotations;
  readonly visits: Visits;
  readonly visitReports: VisitReports;
  readonly attachments: Attachments;
  readonly documents: DocumentImport;
  readonly exchange: Exchange;
  /** Bundles with their attachments, as one container file. */
  readonly containers: ContainerExchange;
  readonly conflicts: Conflicts;
  readonly comparison: Comparison;
  readonly glossary: Glossary;
  readonly starterContent: StarterRemoval;
  readonly search: LiveSearch;
  readonly sync: Sync;
  /** What the sidebar and start screen show. */
  readonly overview: () => Overview;
  /** What the user must be told about opening besides the store's own notices (e.g. attachments without bytes). */
  readonly notices: Notice[] = [];

  /**
   * `sync` says where sync keeps its state and whether its rounds run in the background; `blobs` holds the
   * attachments' bytes (a knowledge base in memory has none). The search index starts on `search.start()` or
   * the first search, so knowledge bases opened only to write pay nothing for it.
   */
  constructor(
    store: Store,
    now?: () => Date,
    search: LiveSearchOptions = {},
    sync: SyncOptions = { stateDir: '', background: false },
    blobs?: BlobStore,
  ) {
    const ctx = createContext(store, now);
    this.#ctx = ctx;
    this.store = store;
    this.settings = new SettingsService(ctx);
    this.organisations = new Organisations(ctx);
    this.practices = new Practices(ctx);
    this.annotations = new Annotations(ctx);
    this.visits = new Visits(ctx);
    this.visitReports = new VisitReports(ctx, this.visits, this.annotations);
    this.attachments = new Attachments(ctx, blobs);
    this.documents = new DocumentImport(this.attachments);
    this.exchange = new Exchange(ctx);
    this.containers = new ContainerExchange(this.exchange, () => this.attachments.blobs);
    this.conflicts = new Conflicts(ctx);
    this.comparison = new Comparison(ctx);
    this.glossary = new Glossary(ctx);
    this.starterContent = new StarterRemoval(ctx);
    this.search = new LiveSearch(store, search);
    this.sync = new Sync(ctx, sync);
    this.overview = () => {
      const shown = overview(ctx, this.settings);
      return { ...shown, notices: [...shown.notices, ...this.notices] };
    };
    ctx.writer.onApplied((changes) => this.search.applied(changes));
  }

  /** Brings the starter content to the given release (see core/exchange/starter-upgrade.ts); returns the number of changes. */
  upgradeStarter(starter: StarterContent): Promise<number> {
    return upgradeStarter(this.#ctx, starter);
  }

  /** Finishes pending background work and closes the store; awaited before the app quits. */
  async close(): Promise<void> {
    await this.sync.close();
    await this.search.close();
    await this.store.close();
  }
}
