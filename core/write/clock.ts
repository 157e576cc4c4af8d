/** The time stamped on what is written here, and new record ids. Tests pass their own clock. */
import { randomUUID } from 'node:crypto';

export class Clock {
  readonly #now: () => Date;

  constructor(now: () => Date = () => new Date()) {
    this.#now = now;
  }

  /** The current time as stored: ISO 8601 in UTC. */
  now(): string {
    return this.#now().toISOString();
  }

  newId(prefix: string): string {
    return `${prefix}-${randomUUID()}`;
  }
}
