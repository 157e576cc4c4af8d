/** A Store kept in memory only: for property tests that open thousands of knowledge bases. */
import { randomUUID } from 'node:crypto';
import { canonicalize } from '../../electron/kb/canonical-json';
import { KnowledgeBase } from '../../electron/kb/knowledge-base';
import { loadStarterContent } from '../../electron/kb/starter';
import { applyChanges, seedData, type Change, type CollectionName, type RecordOf, type Store, type StoreData } from '../../electron/kb/store';
import type { Author } from '../../shared/model';

export class MemoryStore implements Store {
  data: StoreData;
  readonly notices = [];
  constructor(data: StoreData) {
    this.data = canonicalize(data); // records canonicalized, as the real store keeps them
  }
  get installationId() {
    return this.data.installationId;
  }
  get settings() {
    return this.data.settings;
  }
  all<C extends CollectionName>(collection: C): readonly RecordOf<C>[] {
    return this.data[collection] as RecordOf<C>[];
  }
  get<C extends CollectionName>(collection: C, id: string): RecordOf<C> | undefined {
    return this.all(collection).find((r) => r.id === id);
  }
  async apply(changes: readonly Change[]) {
    // Records are replaced whole, never mutated: no copy needed.
    this.data = applyChanges(this.data, changes.map((change): Change => (change.op === 'put' ? ({ ...change, record: canonicalize(change.record) } as Change) : change)));
  }
  async backup() {
    return 'memory';
  }
  async flush() {}
  async close() {}
}

const starter = seedData(loadStarterContent());
/** Only what records point at: for tests that open many knowledge bases. */
const minimal = { ...starter, practices: [], visits: [], glossary: [], comparison: [] };

/** A knowledge base on a memory store, from the starter content (or only its organisations and topics), with a user and a ticking clock. */
export function memoryKnowledgeBase(user: Author, clock: { now: number }, content: 'starter' | 'minimal' = 'starter'): KnowledgeBase {
  const data = { ...structuredClone(content === 'starter' ? starter : minimal), installationId: randomUUID(), settings: { language: 'de' as const, user } };
  return new KnowledgeBase(new MemoryStore(data), () => new Date((clock.now += 1000)));
}
