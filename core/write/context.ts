/**
 * What every service needs to read and write, each part with one job: the
 * store, the clock and ids, the write path, who writes, the history and the trash.
 */
import type { Store } from '../store/store';
import { Clock } from './clock';
import { History } from './history';
import { Identity } from './identity';
import { Trash } from './trash';
import { Writer } from './writer';

export interface KbContext {
  readonly store: Store;
  readonly clock: Clock;
  readonly writer: Writer;
  readonly identity: Identity;
  readonly history: History;
  readonly trash: Trash;
}

export function createContext(store: Store, now?: () => Date): KbContext {
  const clock = new Clock(now);
  const writer = new Writer(store);
  const identity = new Identity(store);
  return {
    store,
    clock,
    writer,
    identity,
    history: new History(store, clock, writer, identity),
    trash: new Trash(clock, writer, identity),
  };
}
