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
import { AttachmentCleanup, type CleanupOptions } from './services/attachment-cleanup';
import { DocumentImport } from './services/document-import';
import { Comparison } from './services/comparison';
import { Glossary } from './services/glossary';
import { Tags } from './services/tags';
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
import { BACKUPS_FOLDER, openStore, type Store } from './store/store';
import { createContext, type KbContext } from './write/context';

export interface OpenOptions {
  /** The operating system's preferred locales, best first; picks the language on first start. */
  systemLocales: readonly string[];
  /** The clock; tests pass their own. */
  now?: () => Date;
  /** Syncing through shared folders; the state is kept in `<dir>/sync`. */
  sync?: Omit<SyncOptions, 'stateDir' | 'blobs'>;
  /** Removing attachment bytes no record names any more; in the background unless `background: false`. */
  cleanup?: Omit<CleanupOptions, 'backupsDir'>;
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
    { background: true, ...options.cleanup, backupsDir: path.join(dir, BACKUPS_FOLDER) },
  );
  await kb.upgradeStarter(starter); // before search and sync start, so both see the current release
  if (!kb.settings.languageChosen) await kb.settings.setLanguage(pickLanguage(options.systemLocales));
  await kb.sync.start(); // reads its small list of folders; the rounds run in the background
  const unavailable = await kb.attachments.unavailableCount(); // bytes still expected from a shared folder are not
  if (unavailable > 0) kb.notices.push({ kind: 'attachmentsUnavailable', count: unavailable });
  kb.search.start(); // in the background: start-up never waits for the index
  kb.cleanup?.schedule(); // in the background: bytes left by a purge, a discarded draft or a failed import
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
  /** Removes attachment bytes nothing names any more; none for a knowledge base without a folder. */
  readonly cleanup: AttachmentCleanup | undefined;
  readonly documents: DocumentImport;
  readonly exchange: Exchange;
  /** Bundles with their attachments, as one container file. */
  readonly containers: ContainerExchange;
  readonly conflicts: Conflicts;
  readonly comparison: Comparison;
  readonly glossary: Glossary;
  readonly tags: Tags;
  readonly starterContent: StarterRemoval;
  readonly search: LiveSearch;
  readonly sync: Sync;
  /** What the sidebar and start screen show. */
  readonly overview: () => Overview;
  /** What the user must be told about opening besides the store's own notices (e.g. attachments without bytes). */
  readonly notices: Notice[] = [];

  /**
   * `sync` says where sync keeps its state and whether its rounds run in the background; `blobs` holds the
   * attachments' bytes (a knowledge base in memory has none), which `cleanup` keeps free of unnamed ones. The search index starts on `search.start()` or
   * the first search, so knowledge bases opened only to write pay nothing for it.
   */
  constructor(
    store: Store,
    now?: () => Date,
    search: LiveSearchOptions = {},
    sync: SyncOptions = { stateDir: '', background: false },
    blobs?: BlobStore,
    cleanup: CleanupOptions = {},
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
    this.cleanup = blobs && new AttachmentCleanup(ctx, blobs, cleanup);
    this.documents = new DocumentImport(this.attachments);
    this.exchange = new Exchange(ctx);
    this.containers = new ContainerExchange(this.exchange, () => this.attachments.blobs);
    this.conflicts = new Conflicts(ctx);
    this.comparison = new Comparison(ctx);
    this.glossary = new Glossary(ctx);
    this.tags = new Tags(ctx);
    this.starterContent = new StarterRemoval(ctx);
    this.search = new LiveSearch(store, search);
    // A big merge's search index rebuild starts once the round is over, not in the middle of it.
    this.sync = new Sync(ctx, { ...sync, ...(blobs ? { blobs } : {}), hold: () => this.search.hold() });
    this.attachments.expectFrom((sha256) => this.sync.awaits(sha256));
    this.overview = () => {
      const shown = overview(ctx, this.settings);
      // The trash holds removed attachments too (of records not in it themselves).
      const trashCount = shown.trashCount + this.attachments.removed().length;
      return { ...shown, trashCount, notices: [...shown.notices, ...this.notices] };
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
    await this.cleanup?.close();
    await this.search.close();
    await this.store.close();
  }
}
