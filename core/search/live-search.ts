/**
 * The search index as the running knowledge base keeps it: ready without
 * delaying start-up, current after every change, saved for the next start.
 *
 * `start` loads the copy saved at the last close (brought up to date with the
 * store) or, when there is none or it is stale or damaged, builds the index in
 * the background. Until then `search` answers with the status "building".
 * Every batch the knowledge base applies is passed to `applied`; batches that
 * arrive while loading or building are replayed once the index is there. A
 * big batch (sync catching up from a checkpoint) is not indexed record by
 * record, which would hold up the event loop for seconds: the index is
 * built afresh in the background instead, and answers meanwhile with the
 * status "building". The index is saved a while after the last change and on
 * `close`.
 */
import { readFile } from 'node:fs/promises';
import type { SearchQuery, SearchResponse, SearchStatus } from '../../shared/search';
import { writeFileDurably } from '../base/durable-write';
import { isNotFound } from '../base/file-system';
import type { Change, Store } from '../store/store';
import { SearchIndex, StaleSearchIndexError } from './index';
import { emptyItems, toItems } from './search-items';
import type { SearchCollection } from './types';

/** The saved copy's name in the data folder. */
export const SEARCH_INDEX_FILE = 'search-index.json';

const INDEXED: ReadonlySet<string> = new Set<SearchCollection>([
  'practices',
  'annotations',
  'visits',
  'glossary',
  'comparison',
  'organisations',
  'topics',
  'tagLabels',
]);

export interface LiveSearchOptions {
  /** Where the index is saved between runs; without it, the index lives in memory only. */
  file?: string;
  /** Records indexed between two turns of the event loop while building. */
  chunkSize?: number;
  /**
   * How long after the last change the index is saved (default a minute). A
   * copy that missed changes is still good: loading brings it up to date.
   */
  saveDelayMs?: number;
  /** Hears failures that cost only time (a failed save, a rebuild); the default writes them to the console. */
  onError?: (error: unknown) => void;
  /** From how many changed records on a batch is answered by building the index afresh in the background (default 2 000). */
  rebuildFrom?: number;
  /**
   * How long after a big batch the rebuild starts (default 500 ms), so that
   * the work that wrote it (a sync round) finishes first and several big
   * batches in a row (checkpoints of several installations) cost one rebuild.
   */
  rebuildDelayMs?: number;
}

export class LiveSearch {
  readonly #store: Store;
  readonly #file: string | undefined;
  readonly #chunkSize: number | undefined;
  readonly #saveDelayMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #rebuildFrom: number;
  readonly #rebuildDelayMs: number;
  /** A rebuild is due but has not started: it will read the store as it is then. */
  #rebuildWaiting = false;
  /** How many holds (see `hold`) are in place, and the rebuilds waiting for the last to go. */
  #holds = 0;
  #unheld: (() => void)[] = [];
  #index: SearchIndex | null = null;
  #opening: Promise<void> | null = null;
  #progress = { done: 0, total: 0 };
  /** Records changed while the index was loading or building, to re-read from the store once it is there. */
  readonly #pending = new Map<string, { collection: SearchCollection; id: string }>();
  /** Changed since last saved. */
  #dirty = false;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #saving: Promise<void> = Promise.resolve();
  readonly #abort = new AbortController();
  /** Where the index in use came from: the copy saved last time, or a build. */
  #origin: 'saved' | 'built' | null = null;

  constructor(store: Store, options: LiveSearchOptions = {}) {
    this.#store = store;
    this.#file = options.file;
    this.#chunkSize = options.chunkSize;
    this.#saveDelayMs = options.saveDelayMs ?? 60_000;
    this.#onError = options.onError ?? ((error) => console.error('search index:', error));
    this.#rebuildFrom = options.rebuildFrom ?? 2_000;
    this.#rebuildDelayMs = options.rebuildDelayMs ?? 500;
  }

  /** Begins loading or building the index in the background; later calls do nothing. */
  start(): void {
    this.#opening ??= this.#open();
  }

  /** Resolves once the index answers (starting it if need be); rejects when it could not be opened. */
  async ready(): Promise<void> {
    this.start();
    while (!this.#index) {
      const opening = this.#opening;
      if (!opening || this.#abort.signal.aborted) throw new Error('the search index could not be opened');
      await opening;
    }
  }

  get status(): SearchStatus {
    return this.#index ? { state: 'ready' } : { state: 'building', ...this.#progress };
  }

  get origin(): 'saved' | 'built' | null {
    return this.#origin;
  }

  /** Results with the index's status; no results while it is still being built. */
  search(query: SearchQuery): SearchResponse {
    if (!this.#index) {
      this.start();
      return { status: this.status, results: emptyItems() };
    }
    return { status: this.status, results: toItems(this.#index.search(query), this.#store) };
  }

  /** Takes in a batch the knowledge base has just written. Never throws: the write itself succeeded. */
  applied(changes: readonly Change[]): void {
    if (!this.#opening || this.#abort.signal.aborted) return; // not started: the index will read the store as it is then
    const touched: { collection: SearchCollection; id: string }[] = [];
    for (const change of changes) {
      if (change.op === 'settings' || !INDEXED.has(change.collection)) continue;
      touched.push({
        collection: change.collection as SearchCollection,
        id: change.op === 'put' ? change.record.id : change.id,
      });
    }
    if (touched.length === 0 || this.#rebuildWaiting) return;
    if (this.#index && touched.length >= this.#rebuildFrom) {
      this.#startRebuild(this.#rebuildDelayMs);
      return;
    }
    for (const { collection, id } of touched) {
      if (this.#index) this.#refresh(collection, id);
      else this.#pending.set(`${collection}\n${id}`, { collection, id });
    }
    if (this.#index) this.#changed();
  }

  /**
   * Holds back the start of a rebuild that a big batch called for until the
   * returned release is called (once is enough): the work writing big
   * batches (a sync round) finishes first instead of sharing the thread with
   * the rebuild. Changes are still taken in meanwhile.
   */
  hold(): () => void {
    this.#holds += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#holds -= 1;
      if (this.#holds === 0) for (const resume of this.#unheld.splice(0)) resume();
    };
  }

  /** Stops a build still running and saves the index if it changed; awaited before the app quits. */
  async close(): Promise<void> {
    clearTimeout(this.#saveTimer);
    this.#abort.abort();
    await this.#opening;
    await this.#save();
  }

  // --- opening -----------------------------------------------------------------

  async #open(): Promise<void> {
    try {
      const saved = await this.#loadSaved();
      const index = saved ?? (await this.#build());
      this.#index = index;
      this.#origin = saved ? 'saved' : 'built';
      this.#catchUp();
      if (!saved) this.#changed(); // a fresh build is worth keeping for the next start
    } catch (error) {
      if (this.#abort.signal.aborted) return; // closed while building
      this.#onError(error);
      this.#opening = null; // a later search tries again
    }
  }

  /** The saved copy brought up to date, or null when there is none or it cannot be used. */
  async #loadSaved(): Promise<SearchIndex | null> {
    if (!this.#file) return null;
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (error) {
      if (!isNotFound(error)) this.#onError(error);
      return null;
    }
    try {
      return SearchIndex.load(text, this.#store);
    } catch (error) {
      if (!(error instanceof StaleSearchIndexError)) throw error;
      return null; // another version or damaged: build afresh, and the next save replaces it
    }
  }

  #build(): Promise<SearchIndex> {
    return SearchIndex.buildAsync(this.#store, {
      ...(this.#chunkSize ? { chunkSize: this.#chunkSize } : {}),
      signal: this.#abort.signal,
      onProgress: (done, total) => {
        this.#progress = { done, total };
      },
    });
  }

  /** Replays what changed while the index was loading or building. */
  #catchUp(): void {
    if (this.#pending.size === 0) return;
    if (this.#pending.size >= this.#rebuildFrom) {
      this.#startRebuild(); // a big batch came while building: the records read early may be outdated
      return;
    }
    for (const { collection, id } of this.#pending.values()) this.#refresh(collection, id);
    this.#pending.clear();
    this.#changed();
  }

  // --- keeping current -----------------------------------------------------------

  /** Indexes a record as the store has it now, or forgets it when it is gone. */
  #refresh(collection: SearchCollection, id: string): void {
    const index = this.#index!;
    try {
      const record = this.#store.get(collection, id);
      if (record) index.upsert(collection, record);
      else index.remove(collection, id);
    } catch (error) {
      // An index that missed a change would answer wrongly: start over from the store.
      this.#onError(error);
      this.#startRebuild();
    }
  }

  /**
   * Drops the index and builds it afresh from the store in the background,
   * in `delayMs`; changes made once the build has started wait in #pending.
   */
  #startRebuild(delayMs = 0): void {
    this.#index = null;
    this.#origin = null;
    this.#pending.clear();
    if (this.#abort.signal.aborted) {
      this.#opening = null;
      return;
    }
    this.#rebuildWaiting = true;
    this.#opening = new Promise<void>((resolve) => {
      const timer = setTimeout(() => (this.#holds === 0 ? resolve() : this.#unheld.push(resolve)), delayMs);
      timer.unref?.();
      const stop = () => {
        clearTimeout(timer);
        resolve();
      };
      this.#abort.signal.addEventListener('abort', stop, { once: true });
    }).then(() => {
      this.#rebuildWaiting = false;
      return this.#abort.signal.aborted ? undefined : this.#rebuild();
    });
  }

  async #rebuild(): Promise<void> {
    try {
      this.#index = await this.#build();
      this.#origin = 'built';
      this.#catchUp();
      this.#changed();
    } catch (error) {
      if (!this.#abort.signal.aborted) this.#onError(error);
    }
  }

  // --- saving --------------------------------------------------------------------

  #changed(): void {
    this.#dirty = true;
    if (!this.#file || this.#abort.signal.aborted) return;
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => void this.#save(), this.#saveDelayMs);
    this.#saveTimer.unref?.(); // never keeps the process alive
  }

  #save(): Promise<void> {
    const file = this.#file;
    const index = this.#index;
    if (!file || !index || !this.#dirty) return this.#saving;
    this.#dirty = false;
    const run = this.#saving.then(() => writeFileDurably(file, JSON.stringify(index.toJSON())));
    this.#saving = run.catch((error: unknown) => {
      this.#dirty = true;
      this.#onError(error);
    });
    return this.#saving;
  }
}
