/** Organisations beyond the two partners, e.g. for a user from a third administration. */
import type { BilingualLabel, Organisation } from '../../shared/model';
import { put } from '../store/store';
import type { KbContext } from '../write/context';

export class Organisations {
  readonly #ctx: KbContext;

  constructor(ctx: KbContext) {
    this.#ctx = ctx;
  }

  async add(name: BilingualLabel, country: string): Promise<Organisation> {
    const organisation: Organisation = {
      id: this.#ctx.clock.newId('org'),
      ...this.#ctx.identity.stamp(),
      name,
      country,
      kind: 'other',
    };
    await this.#ctx.writer.apply([put('organisations', organisation)]);
    return organisation;
  }
}
