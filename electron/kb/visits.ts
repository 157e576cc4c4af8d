/** Visits between the partners: planned or held, with who took part and what was seen. */
import type { VisitInput } from '../../shared/contract';
import type { Visit } from '../../shared/model';
import type { KbContext } from './context';
import { KbError } from './errors';

export class Visits {
  readonly #ctx: KbContext;

  constructor(ctx: KbContext) {
    this.#ctx = ctx;
  }

  /** Live visits, the most recent or next first (undated ones last). */
  list(): Visit[] {
    return this.#ctx.store
      .all('visits')
      .filter((v) => !v.deletedAt)
      .sort((a, b) => (b.startDate ?? '').localeCompare(a.startDate ?? '') || a.id.localeCompare(b.id));
  }

  get(id: string): Visit {
    const visit = this.#ctx.require('visits', id);
    if (visit.deletedAt) throw new KbError('notFound', `visit ${id} is in the trash`);
    return visit;
  }

  async save(id: string | undefined, input: VisitInput): Promise<Visit> {
    const author = this.#ctx.author();
    const { store } = this.#ctx;
    for (const orgId of [input.hostOrganisationId, input.guestOrganisationId]) {
      if (!store.get('organisations', orgId)) throw new KbError('invalidReference', `organisation ${orgId}`);
    }
    for (const topicId of input.topicIds) {
      if (!store.get('topics', topicId)) throw new KbError('invalidReference', `topic ${topicId}`);
    }
    if (input.startDate && input.endDate && input.endDate < input.startDate) {
      throw new KbError('invalidRequest', 'the visit ends before it starts');
    }
    const previous = id ? this.get(id) : undefined;
    const now = this.#ctx.now();
    const visit: Visit = {
      id: previous?.id ?? this.#ctx.newId('visit'),
      ...this.#ctx.stamp(previous),
      hostOrganisationId: input.hostOrganisationId,
      guestOrganisationId: input.guestOrganisationId,
      status: input.status,
      ...(input.startDate ? { startDate: input.startDate } : {}),
      ...(input.endDate ? { endDate: input.endDate } : {}),
      participants: input.participants.map((p) => p.trim()).filter(Boolean),
      topicIds: [...new Set(input.topicIds)],
      notes: input.notes,
      sources: input.sources,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      createdBy: previous ? previous.createdBy : author,
      updatedBy: author,
    };
    await this.#ctx.apply([{ op: 'put', collection: 'visits', record: visit }]);
    return visit;
  }

  /** Moves a visit to the trash; annotations keep their link and show again when it is restored. */
  async trash(id: string): Promise<void> {
    const author = this.#ctx.author();
    const visit = this.get(id);
    const now = this.#ctx.now();
    await this.#ctx.apply([{ op: 'put', collection: 'visits', record: { ...visit, ...this.#ctx.stamp(visit), deletedAt: now, updatedAt: now, updatedBy: author } }]);
  }

  async restore(id: string): Promise<Visit> {
    const author = this.#ctx.author();
    const { deletedAt: _deletedAt, ...visit } = this.#ctx.require('visits', id);
    const restored: Visit = { ...visit, ...this.#ctx.stamp(visit), updatedAt: this.#ctx.now(), updatedBy: author };
    await this.#ctx.apply([{ op: 'put', collection: 'visits', record: restored }]);
    return restored;
  }
}
