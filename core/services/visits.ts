/**
 * Visits between the partners: planned or held, with who takes part, the
 * programme day by day (items linked to practices and topics), notes in
 * either language with their translation status, and a revision history.
 */
import type { VisitInput } from '../../shared/requests';
import type { PracticeVisit, VisitDetail } from '../../shared/responses';
import {
  LANGUAGES,
  otherLang,
  type Lang,
  type ProgrammeDay,
  type ProgrammeItem,
  type Visit,
  type VisitRevision,
} from '../../shared/model';
import type { KbContext } from '../write/context';
import { requireRecord, requireReference } from '../write/references';
import { KbError } from '../base/errors';
import { provenance } from '../write/provenance';
import { put, type Change } from '../store/store';
import { purgeChanges } from '../write/purge';
import { pairTranslation, plainTextHash, stampPairBasis, type PairTexts } from '../store/translation';

/**
 * Everything a visit says in one language, as one text: its notes and each
 * programme item's title, place and note. Undefined when it says nothing in
 * that language. A change to any of them makes the other language outdated.
 */
export function visitTexts(visit: Pick<Visit, 'notes' | 'programme'>): PairTexts {
  const texts: PairTexts = {};
  for (const lang of LANGUAGES) {
    const parts = [
      visit.notes[lang] ?? '',
      ...visit.programme.flatMap((day) =>
        day.items.flatMap((item) => [item.title[lang] ?? '', item.place[lang] ?? '', item.note[lang] ?? '']),
      ),
    ];
    if (parts.some((part) => part !== '')) texts[lang] = JSON.stringify(parts);
  }
  return texts;
}

const visitTranslation = (visit: Visit) => pairTranslation(visitTexts(visit), visit.basedOn);

/** Undated visits last; otherwise by start date, then id, so the order is stable. */
const byDate = (a: Visit, b: Visit) =>
  Number(!a.startDate) - Number(!b.startDate) ||
  (a.startDate ?? '').localeCompare(b.startDate ?? '') ||
  a.id.localeCompare(b.id);

export class Visits {
  readonly #ctx: KbContext;

  constructor(ctx: KbContext) {
    this.#ctx = ctx;
  }

  /** Live visits by date, earliest first (undated ones last). */
  list(): Visit[] {
    return this.#ctx.store
      .all('visits')
      .filter((v) => !v.deletedAt)
      .sort(byDate);
  }

  get(id: string): Visit {
    const visit = requireRecord(this.#ctx.store, 'visits', id);
    if (visit.deletedAt) throw new KbError('notFound', `visit ${id} is in the trash`);
    return visit;
  }

  /** A visit with its translation status, origin and waiting conflicts. */
  detail(id: string): VisitDetail {
    return this.#detail(this.get(id));
  }

  async save(id: string | undefined, input: VisitInput): Promise<VisitDetail> {
    const author = this.#ctx.identity.author();
    const programme = this.#checkedProgramme(input.programme ?? []);
    this.#checkReferences(input);
    if (input.startDate && input.endDate && input.endDate < input.startDate) {
      throw new KbError('invalidRequest', 'the visit ends before it starts');
    }
    const previous = id ? this.get(id) : undefined;
    const now = this.#ctx.clock.now();
    const visitId = previous?.id ?? this.#ctx.clock.newId('visit');
    const participants = this.#participants(visitId, input.participants);
    const notes: Visit['notes'] = {};
    for (const lang of LANGUAGES) {
      const text = input.notes[lang]?.trim();
      if (text) notes[lang] = text;
    }
    const draft = { notes, programme };
    const basedOn = stampPairBasis(
      visitTexts(draft),
      previous && { texts: visitTexts(previous), basedOn: previous.basedOn },
    );
    const visit: Visit = {
      id: visitId,
      ...this.#ctx.identity.stamp(previous),
      hostOrganisationId: input.hostOrganisationId,
      guestOrganisationId: input.guestOrganisationId,
      status: input.status,
      ...(input.startDate ? { startDate: input.startDate } : {}),
      ...(input.endDate ? { endDate: input.endDate } : {}),
      participants: participants.map(({ participant }) => participant),
      topicIds: [...new Set(input.topicIds)],
      notes,
      programme,
      ...(basedOn ? { basedOn } : {}),
      sources: input.sources,
      ...(previous?.attachments ? { attachments: previous.attachments } : {}), // changed only through the attachments service
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      createdBy: previous ? previous.createdBy : author,
      updatedBy: author,
    };
    await this.#ctx.writer.apply([
      ...(previous ? [this.#ctx.history.keep('visits', previous, now)] : []),
      put('visits', visit),
      ...this.#contactChanges(visitId, participants, now),
    ]);
    return this.#detail(visit);
  }

  /** The participants to keep, each with an id, and the contact given for each. */
  #participants(visitId: string, given: VisitInput['participants']) {
    const { store } = this.#ctx;
    const seen = new Set<string>();
    return given.flatMap((p) => {
      const name = p.name.trim();
      if (!name) return [];
      const id = p.id ?? this.#ctx.clock.newId('participant');
      const contactOf = store.get('contacts', id)?.visitId;
      if (seen.has(id) || (contactOf && contactOf !== visitId)) {
        throw new KbError('invalidRequest', `participant id ${id} is used twice`);
      }
      seen.add(id);
      const organisation = p.organisation?.trim();
      const role = p.role?.trim();
      const email = p.email?.trim();
      const phone = p.phone?.trim();
      return [
        {
          participant: { id, name, ...(organisation ? { organisation } : {}), ...(role ? { role } : {}) },
          contact: { ...(email ? { email } : {}), ...(phone ? { phone } : {}) },
        },
      ];
    });
  }

  /** Writes the contacts that changed; those no longer given (participant or contact removed) are deleted for good. */
  #contactChanges(
    visitId: string,
    participants: { participant: { id?: string }; contact: { email?: string; phone?: string } }[],
    now: string,
  ): Change[] {
    const { store, history } = this.#ctx;
    const before = new Map(
      store
        .all('contacts')
        .filter((c) => c.visitId === visitId)
        .map((c) => [c.id, c]),
    );
    const changes: Change[] = [];
    for (const { participant, contact } of participants) {
      if (!contact.email && !contact.phone) continue;
      const id = participant.id!;
      const previous = before.get(id);
      before.delete(id);
      if (previous && previous.email === contact.email && previous.phone === contact.phone) continue;
      changes.push(
        put('contacts', {
          id,
          ...this.#ctx.identity.stamp(previous),
          visitId,
          ...contact,
          createdAt: previous?.createdAt ?? now,
          updatedAt: now,
        }),
      );
    }
    for (const gone of before.values()) changes.push(...purgeChanges(store, history, 'contacts', gone));
    return changes;
  }

  /** The language was checked against the other's present texts: current again, unchanged. */
  async markTranslationChecked(id: string, lang: Lang): Promise<VisitDetail> {
    const author = this.#ctx.identity.author();
    const visit = this.get(id);
    const texts = visitTexts(visit);
    const other = texts[otherLang(lang)];
    if (!texts[lang] || !other) throw new KbError('invalidRequest', `visit ${id} has no translation into ${lang}`);
    const updated: Visit = {
      ...visit,
      ...this.#ctx.identity.stamp(visit),
      basedOn: { ...visit.basedOn, [lang]: plainTextHash(other) },
      updatedAt: this.#ctx.clock.now(),
      updatedBy: author,
    };
    await this.#ctx.writer.apply([this.#ctx.history.keep('visits', visit, updated.updatedAt), put('visits', updated)]);
    return this.#detail(updated);
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

  /** Saved versions, newest first (the current version is the visit itself). */
  revisions(id: string): VisitRevision[] {
    requireRecord(this.#ctx.store, 'visits', id);
    return this.#ctx.history.list('visits', id);
  }

  /** Brings back an older version as a new save, so the restore itself can be undone. */
  async restoreRevision(id: string, revisionId: string): Promise<VisitDetail> {
    const {
      deletedAt: _deletedAt,
      starter: _starter,
      ...saved
    } = this.#ctx.history.saved('visits', id, revisionId).record;
    const author = this.#ctx.identity.author();
    return this.#detail(await this.#ctx.history.restore('visits', saved, this.get(id), author));
  }

  /** The live visits whose programme shows a practice, with the days it is seen on, by date. */
  forPractice(practiceId: string): PracticeVisit[] {
    return this.list().flatMap((visit) => {
      const days = visit.programme.filter((day) => day.items.some((item) => item.practiceIds.includes(practiceId)));
      if (days.length === 0) return [];
      const dates = days.flatMap((day) => (day.date ? [day.date] : []));
      return [{ visit, dates }];
    });
  }

  #detail(visit: Visit): VisitDetail {
    const contacts: VisitDetail['contacts'] = {};
    for (const c of this.#ctx.store.all('contacts')) {
      if (c.visitId === visit.id)
        contacts[c.id] = { ...(c.email ? { email: c.email } : {}), ...(c.phone ? { phone: c.phone } : {}) };
    }
    return {
      visit,
      contacts,
      translation: visitTranslation(visit),
      ...provenance(this.#ctx.store, 'visits', visit.id),
    };
  }

  #checkReferences(input: VisitInput): void {
    const { store } = this.#ctx;
    for (const orgId of [input.hostOrganisationId, input.guestOrganisationId])
      requireReference(store, 'organisations', orgId);
    for (const topicId of input.topicIds) requireReference(store, 'topics', topicId);
  }

  /** Trims the programme's texts and checks its ids, times and links. */
  #checkedProgramme(days: ProgrammeDay[]): ProgrammeDay[] {
    const { store } = this.#ctx;
    const ids = new Set<string>();
    const fresh = (id: string) => {
      if (ids.has(id)) throw new KbError('invalidRequest', `programme id ${id} is used twice`);
      ids.add(id);
    };
    return days.map((day) => {
      fresh(day.id);
      return {
        id: day.id,
        ...(day.date ? { date: day.date } : {}),
        items: day.items.map((item): ProgrammeItem => {
          fresh(item.id);
          if (item.from && item.to && item.to < item.from) {
            throw new KbError('invalidRequest', `programme item ${item.id} ends before it starts`);
          }
          for (const practiceId of item.practiceIds) requireReference(store, 'practices', practiceId);
          for (const topicId of item.topicIds) requireReference(store, 'topics', topicId);
          const host = item.host?.trim();
          return {
            id: item.id,
            ...(item.from ? { from: item.from } : {}),
            ...(item.to ? { to: item.to } : {}),
            title: trimmed(item.title),
            place: trimmed(item.place),
            ...(host ? { host } : {}),
            practiceIds: [...new Set(item.practiceIds)],
            topicIds: [...new Set(item.topicIds)],
            note: trimmed(item.note),
          };
        }),
      };
    });
  }
}

/** A text per language without surrounding space; empty languages dropped. */
function trimmed(text: Partial<Record<Lang, string>>): Partial<Record<Lang, string>> {
  const result: Partial<Record<Lang, string>> = {};
  for (const lang of LANGUAGES) {
    const value = text[lang]?.trim();
    if (value) result[lang] = value;
  }
  return result;
}
