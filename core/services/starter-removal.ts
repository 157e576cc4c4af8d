/**
 * Removing what is left of the starter content untouched, once users have
 * their own: organisations and topics frame everything else and stay.
 */
import type { StarterContentState } from '../../shared/responses';
import { isStarterVersion } from '../../shared/model';
import { recordKey } from '../store/exchange-records';
import { changeSettings, type RecordOf, type Store } from '../store/store';
import type { KbContext } from '../write/context';
import { purgeChanges } from '../write/purge';

/** Where starter content can be removed; organisations and topics frame everything else and stay. */
const REMOVABLE = ['practices', 'visits', 'glossary', 'comparison'] as const;
type Removable = (typeof REMOVABLE)[number];
type StarterRecord = RecordOf<Removable>;

/**
 * Splits the starter records still marked as such into removable ones and
 * kept ones. Removable: never changed here (a version of starter releases only,
 * which every installation shares), nothing written about it (an annotation, even in the
 * trash), and no partner version waiting in conflict.
 */
function classifyStarter(store: Store): {
  removable: { collection: Removable; record: StarterRecord }[];
  kept: number;
} {
  const referenced = new Set<string>();
  for (const a of store.all('annotations')) {
    referenced.add(recordKey('practices', a.practiceId));
    if (a.visitId) referenced.add(recordKey('visits', a.visitId));
  }
  for (const c of store.all('conflicts')) referenced.add(recordKey(c.collection, c.recordId));
  const removable: { collection: Removable; record: StarterRecord }[] = [];
  let kept = 0;
  for (const collection of REMOVABLE) {
    for (const record of store.all(collection)) {
      if (!record.starter) continue;
      const untouched = isStarterVersion(record.version) && !referenced.has(recordKey(collection, record.id));
      if (untouched) removable.push({ collection, record });
      else kept += 1;
    }
  }
  return { removable, kept };
}

export class StarterRemoval {
  readonly #ctx: KbContext;

  constructor(ctx: KbContext) {
    this.#ctx = ctx;
  }

  /** How much starter content is left untouched, and how much is kept because it was edited or annotated. */
  state(): StarterContentState {
    const { removable, kept } = classifyStarter(this.#ctx.store);
    return { removable: removable.length, kept };
  }

  /**
   * Removes the untouched starter content here, in one batch. Purge markers
   * remember the removed versions, so a partner's bundle still holding the
   * same untouched starter content does not bring it back; anything the
   * partner edited still arrives.
   */
  async remove(): Promise<StarterContentState & { removed: number }> {
    const { store, history } = this.#ctx;
    this.#ctx.identity.author();
    const { removable, kept } = classifyStarter(store);
    const changes = removable.flatMap(({ collection, record }) => purgeChanges(store, history, collection, record));
    // Remembered, so that a later starter release does not bring new starter content (core/exchange/starter-upgrade.ts).
    if (changes.length > 0) await this.#ctx.writer.apply([...changes, changeSettings({ starterRemoved: true })]);
    return { removed: removable.length, removable: 0, kept };
  }
}
