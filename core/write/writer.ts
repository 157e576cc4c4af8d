/**
 * The one path every change takes: a batch is written durably, then the
 * listeners (the search index) hear of it. A failed write becomes a typed
 * error and changes nothing.
 */
import { KbError } from '../base/errors';
import type { Change, Store } from '../store/store';

export class Writer {
  readonly #store: Store;
  readonly #appliedListeners: ((changes: readonly Change[]) => void)[] = [];
  /** Counts successful writes, so a plan made earlier can tell the store changed since. */
  #generation = 0;

  constructor(store: Store) {
    this.#store = store;
  }

  get generation(): number {
    return this.#generation;
  }

  async apply(changes: readonly Change[]): Promise<void> {
    try {
      await this.#store.apply(changes);
      this.#generation += 1;
    } catch (error) {
      throw new KbError('storeWriteFailed', (error as Error).message, { cause: error });
    }
    for (const listener of this.#appliedListeners) listener(changes);
  }

  /**
   * A backup of everything saved (e.g. before an import). It is written
   * outside the journal, but fails like any write: as storeWriteFailed.
   */
  async backup(reason: string): Promise<string> {
    try {
      return await this.#store.backup(reason);
    } catch (error) {
      throw new KbError('storeWriteFailed', (error as Error).message, { cause: error });
    }
  }

  /** Hears every batch once it is durable, e.g. to keep the search index current. Listeners must not throw. */
  onApplied(listener: (changes: readonly Change[]) => void): void {
    this.#appliedListeners.push(listener);
  }
}
