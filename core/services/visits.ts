/** Visits between the partners: planned or held, with who took part and what was seen. */
import type { VisitInput } from '../../shared/requests';
import type { Visit } from '../../shared/model';
import type { KbContext } from '../write/context';
import { requireRecord, requireReference } from '../write/references';
import { KbError } from '../base/errors';
import { put } from '../store/store';

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
    const visit = requireRecord(this.#ctx.store, 'visits', id);
    if (visit.deletedAt) throw new KbError('notFound', `visit ${id} is in the trash`);
    return visit;
  }

  async save(id: string | undefined, input: VisitInput): Promise<Visit> {
    const author = this.#ctx.identity.author();
    const { store } = this.#ctx;
    for (const orgId of [input.hostOrganisationId, input.guestOrganisationId])
      requireReference(store, 'organisations', orgId);
    for (const topicId of input.topicIds) requireReference(store, 'topics', topicId);
    if (input.startDate && input.endDate && input.endDate < input.startDate) {
      throw new KbError('invalidRequest', 'the visit ends before it starts');
    }
    const previous = id ? this.get(id) : undefined;
    const now = this.#ctx.clock.now();
    const visit: Visit = {
      id: previous?.id ?? this.#ctx.clock.newId('visit'),
      ...this.#ctx.identity.stamp(previous),
      hostOrganisationId: input.hostOrganisationId,
      guestOrganisationId: input.guestOrganisationId,
      status: input.status,
      ...(input.startDate ? { startDate: input.startDate } : {}),
      ...(input.endDate ? { endDate: input.endDate } : {}),
      participants: input.participants.map((p) => p.trim()).filter(Boolean),
      topicIds: [...new Set(input.topicIds)],
      notes: input.notes,
      sources: input.sources,
      ...(previous?.attachments ? { attachments: previous.attachments } : {}), // changed only through the attachments service
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      createdBy: previous ? previous.createdBy : author,
      updatedBy: author,
    };
    await this.#ctx.writer.apply([put('visits', visit)]);
    return visit;
  }

  /** Moves a visit to the trash; annotations keep their link and show again when it is restored. */
  async trash(id: string): Promise<void> {
    const author = this.#ctx.identity.author();
    await this.#ctx.trash.move('visits', this.get(id), author);
  }

  async restore(id: string): Promise<Visit> {
    const author = this.#ctx.identity.author();
    return this.#ctx.trash.restore('visits', requireRecord(this.#ctx.store, 'visits', id), author);
  }
}
