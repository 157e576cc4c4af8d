/** A Store kept in memory only: for property tests that open thousands of knowledge bases. */
import { randomUUID } from 'node:crypto';
import { canonicalize } from '../../core/base/canonical-json';
import { KnowledgeBase } from '../../core/knowledge-base';
import { loadStarterContent } from '../../core/store/starter-content';
import { checkChange, MemoryState } from '../../core/storage/memory';
import type { ApplyOptions, StoredRecord } from '../../core/storage/types';
import {
  COLLECTIONS,
  seedData,
  type Change,
  type CollectionName,
  type RecordOf,
  type Store,
  type StoreData,
  type StoreSettings,
} from '../../core/store/store';
import type { Author } from '../../shared/model';

export class MemoryStore implements Store {
  readonly notices = [];
  readonly #state: MemoryState;
  constructor(data: StoreData) {
    const { schemaVersion, installationId, settings } = data;
    // Records canonicalized, as the real store keeps them.
    const records = Object.fromEntries(
      COLLECTIONS.map((name) => [name, (data[name] as StoredRecord[]).map(canonicalize)]),
    );
    this.#state = new MemoryState({ schemaVersion, installationId, settings }, COLLECTIONS, records);
  }
  get installationId() {
    return this.#state.fields.installationId;
  }
  get settings() {
    return this.#state.settings as StoreSettings;
  }
  all<C extends CollectionName>(collection: C): readonly RecordOf<C>[] {
    return this.#state.all(collection) as readonly RecordOf<C>[];
  }
  get<C extends CollectionName>(collection: C, id: string): RecordOf<C> | undefined {
    return this.#state.get(collection, id) as RecordOf<C> | undefined;
  }
  async apply(changes: readonly Change[], options?: ApplyOptions): Promise<boolean> {
    if (options?.commitIf && !(await options.commitIf)) return false;
    this.#state.apply(changes.map((change) => checkChange(change, COLLECTION_SET)));
    return true;
  }
  /** Everything, as a seed for another memory store. */
  get data(): StoreData {
    const collections = Object.fromEntries(COLLECTIONS.map((name) => [name, this.#state.all(name)]));
    return {
      ...(this.#state.fields as Pick<StoreData, 'schemaVersion' | 'installationId' | 'settings'>),
      ...collections,
    } as StoreData;
  }
  async backup() {
    return 'memory';
  }
  async flush() {}
  async close() {}
}

const COLLECTION_SET: ReadonlySet<string> = new Set(COLLECTIONS);
const starter = seedData(loadStarterContent());
/** Only what records point at: for tests that open many knowledge bases. */
const minimal = { ...starter, practices: [], visits: [], glossary: [], comparison: [] };

/** A knowledge base on a memory store, from the starter content (or only its organisations and topics), with a user and a ticking clock. */
export function memoryKnowledgeBase(
  user: Author,
  clock: { now: number },
  content: 'starter' | 'minimal' = 'starter',
): KnowledgeBase {
  const data = {
    ...structuredClone(content === 'starter' ? starter : minimal),
    installationId: randomUUID(),
    settings: { language: 'de' as const, user },
  };
  return new KnowledgeBase(new MemoryStore(data), () => new Date((clock.now += 1000)));
}
