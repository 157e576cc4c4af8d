/**
 * The trash of practices, visits and annotations (DELETABLE_COLLECTIONS):
 * a record in it keeps its content and carries `deletedAt`. Moving a record
 * in or out is a change made here like an edit: it gets a new version, so
 * the deletion travels to the partner as a tombstone and loses to any later edit.
 */
import type { DELETABLE_COLLECTIONS } from '../../shared/bundle';
import type { Author } from '../../shared/model';
import { put, type RecordOf } from '../store/store';
import type { Clock } from './clock';
import type { Identity } from './identity';
import type { Writer } from './writer';

type Deletable = (typeof DELETABLE_COLLECTIONS)[number];

export class Trash {
  readonly #clock: Clock;
  readonly #writer: Writer;
  readonly #identity: Identity;

  constructor(clock: Clock, writer: Writer, identity: Identity) {
    this.#clock = clock;
    this.#writer = writer;
    this.#identity = identity;
  }

  /** Moves `record` to the trash; `author` is stamped on records that name their last editor. */
  async move<C extends Deletable>(collection: C, record: RecordOf<C>, author?: Author): Promise<void> {
    const now = this.#clock.now();
    await this.#writer.apply([put(collection, this.#stamped(record, author, { deletedAt: now, updatedAt: now }))]);
  }

  /** Takes `record` out of the trash and returns it as saved. */
  async restore<C extends Deletable>(collection: C, record: RecordOf<C>, author?: Author): Promise<RecordOf<C>> {
    const { deletedAt: _deletedAt, ...rest } = record;
    const restored = this.#stamped(rest as RecordOf<C>, author, { updatedAt: this.#clock.now() });
    await this.#writer.apply([put(collection, restored)]);
    return restored;
  }

  #stamped<R extends RecordOf<Deletable>>(
    record: R,
    author: Author | undefined,
    times: { deletedAt?: string; updatedAt: string },
  ): R {
    return { ...record, ...this.#identity.stamp(record), ...times, ...(author ? { updatedBy: author } : {}) };
  }
}
