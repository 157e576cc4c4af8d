/**
 * Practices: listing, bilingual editing with translation status, revision
 * history, and the trash. Every save keeps the replaced version as a revision.
 */
import type { Page, PracticeDetail, PracticeInput, PracticeSummary } from '../../shared/contract';
import { LANGUAGES, type Lang, type Practice, type PracticeRevision, type PracticeText } from '../../shared/model';
import type { KbContext } from './context';
import { KbError } from './errors';
import { conflictingVersions, provenance, settleConflicts } from './exchange/conflicts';
import { recordKey } from './exchange/records';
import type { Change } from './store';
import { textHash, translationStatuses } from './translation';

export interface PracticeFilter {
  topicId?: string;
  organisationId?: string;
  tag?: string;
  needsTranslationInto?: Lang;
  offset: number;
  limit: number;
}

export class Practices {
  readonly #ctx: KbContext;

  constructor(ctx: KbContext) {
    this.#ctx = ctx;
  }

  /** Practices not in the trash. */
  live(): Practice[] {
    return this.#ctx.store.all('practices').filter((p) => !p.deletedAt);
  }

  list(filter: PracticeFilter): Page<PracticeSummary> {
    const matching = this.live().filter(
      (p) =>
        (!filter.topicId || p.topicIds.includes(filter.topicId)) &&
        (!filter.organisationId || p.organisationId === filter.organisationId) &&
        (!filter.tag || p.tags.includes(filter.tag)) &&
        (!filter.needsTranslationInto || translationStatuses(p)[filter.needsTranslationInto] !== 'current'),
    );
    matching.sort(newestFirst);
    const counts = this.#annotationCounts();
    return {
      total: matching.length,
      offset: filter.offset,
      items: matching.slice(filter.offset, filter.offset + filter.limit).map((p) => summarize(p, counts)),
    };
  }

  listTrash(): PracticeSummary[] {
    const counts = this.#annotationCounts();
    return this.#ctx.store
      .all('practices')
      .filter((p) => p.deletedAt)
      .sort((a, b) => b.deletedAt!.localeCompare(a.deletedAt!))
      .map((p) => summarize(p, counts));
  }

  get(id: string): PracticeDetail {
    return this.#detail(this.#live(id));
  }

  /**
   * Creates or updates a practice. With `resolvesConflict`, the saved text is
   * the merge of the versions in conflict: it includes them all, and they are cleared.
   */
  async save(id: string | undefined, input: PracticeInput, baseUpdatedAt?: string, resolvesConflict = false): Promise<PracticeDetail> {
    const author = this.#ctx.author();
    this.#checkReferences(input);
    const now = this.#ctx.now();
    const previous = id ? this.#live(id) : undefined;
    if (previous && baseUpdatedAt && previous.updatedAt !== baseUpdatedAt) {
      throw new KbError('editConflict', `practice ${id} changed since ${baseUpdatedAt}`);
    }
    const practice: Practice = {
      id: previous?.id ?? this.#ctx.newId('practice'),
      ...this.#ctx.stamp(previous, ...(resolvesConflict && previous ? conflictingVersions(this.#ctx.store, 'practices', previous.id) : [])),
      organisationId: input.organisationId,
      topicIds: unique(input.topicIds),
      tags: unique(input.tags.map((tag) => tag.trim())),
      originalLanguage: input.originalLanguage,
      texts: stampTranslations(input, previous),
      sources: input.sources,
      ...(input.contact?.trim() ? { contact: input.contact.trim() } : {}),
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      createdBy: previous ? previous.createdBy : author,
      updatedBy: author,
    };
    if (!practice.texts[practice.originalLanguage]) {
      throw new KbError('invalidRequest', 'the original language has no text');
    }
    await this.#ctx.apply([
      ...(previous ? [this.#ctx.revision('practices', previous, now)] : []),
      ...(resolvesConflict && previous ? settleConflicts(this.#ctx.store, 'practices', previous.id) : []),
      { op: 'put', collection: 'practices', record: practice },
    ]);
    return this.#detail(practice);
  }

  /** The translation was checked against the current original: it is current again, unchanged. */
  async markTranslationChecked(id: string, lang: Lang): Promise<PracticeDetail> {
    const author = this.#ctx.author();
    const practice = this.#live(id);
    const text = practice.texts[lang];
    const original = practice.texts[practice.originalLanguage];
    if (!text || !original || lang === practice.originalLanguage) {
      throw new KbError('invalidRequest', `no translation into ${lang} to check`);
    }
    const updated: Practice = {
      ...practice,
      ...this.#ctx.stamp(practice),
      texts: { ...practice.texts, [lang]: { ...text, basedOn: textHash(original) } },
      updatedAt: this.#ctx.now(),
      updatedBy: author,
    };
    await this.#ctx.apply([{ op: 'put', collection: 'practices', record: updated }]);
    return this.#detail(updated);
  }

  /** Moves a practice to the trash; its annotations stay, hidden with it. */
  async trash(id: string): Promise<void> {
    const author = this.#ctx.author();
    const practice = this.#live(id);
    const now = this.#ctx.now();
    await this.#ctx.apply([{ op: 'put', collection: 'practices', record: { ...practice, ...this.#ctx.stamp(practice), deletedAt: now, updatedAt: now, updatedBy: author } }]);
  }

  async restore(id: string): Promise<PracticeDetail> {
    const author = this.#ctx.author();
    const { deletedAt: _deletedAt, ...practice } = this.#ctx.require('practices', id);
    const restored: Practice = { ...practice, ...this.#ctx.stamp(practice), updatedAt: this.#ctx.now(), updatedBy: author };
    await this.#ctx.apply([{ op: 'put', collection: 'practices', record: restored }]);
    return this.#detail(restored);
  }

  /**
   * Deletes a practice from the trash for good, with its revisions,
   * annotations and waiting conflicts. A purge marker remembers the deleted
   * versions, so a partner's bundle holding them does not bring them back.
   */
  async purge(id: string): Promise<void> {
    this.#ctx.author();
    const practice = this.#ctx.require('practices', id);
    if (!practice.deletedAt) throw new KbError('invalidRequest', 'only practices in the trash can be deleted for good');
    const store = this.#ctx.store;
    const annotations = store.all('annotations').filter((a) => a.practiceId === id);
    const marker = (collection: 'practices' | 'annotations', record: { id: string; version: Practice['version'] }): Change => ({
      op: 'put',
      collection: 'purged',
      record: { id: recordKey(collection, record.id), collection, recordId: record.id, version: record.version },
    });
    await this.#ctx.apply([
      { op: 'delete', collection: 'practices', id },
      marker('practices', practice),
      ...settleConflicts(store, 'practices', id),
      ...store.all('revisions').filter((r) => r.recordId === id).map((r): Change => ({ op: 'delete', collection: 'revisions', id: r.id })),
      ...annotations.flatMap((a): Change[] => [
        { op: 'delete', collection: 'annotations', id: a.id },
        marker('annotations', a),
        ...settleConflicts(store, 'annotations', a.id),
      ]),
    ]);
  }

  /** Saved versions, newest first (the current version is the practice itself). */
  revisions(id: string): PracticeRevision[] {
    this.#ctx.require('practices', id);
    return this.#ctx.revisions('practices', id);
  }

  /** Brings back an older version as a new save, so the restore itself can be undone. */
  async restoreRevision(id: string, revisionId: string): Promise<PracticeDetail> {
    const { deletedAt: _deletedAt, ...saved } = this.#ctx.savedRevision('practices', id, revisionId).record;
    const author = this.#ctx.author();
    return this.#detail(await this.#ctx.restore('practices', saved, this.#live(id), author));
  }

  #live(id: string): Practice {
    const practice = this.#ctx.require('practices', id);
    if (practice.deletedAt) throw new KbError('notFound', `practice ${id} is in the trash`);
    return practice;
  }

  #detail(practice: Practice): PracticeDetail {
    return {
      practice,
      translation: translationStatuses(practice),
      ...provenance(this.#ctx.store, 'practices', practice.id),
    };
  }

  #checkReferences(input: PracticeInput): void {
    const { store } = this.#ctx;
    if (!store.get('organisations', input.organisationId)) {
      throw new KbError('invalidReference', `organisation ${input.organisationId}`);
    }
    for (const topicId of input.topicIds) {
      if (!store.get('topics', topicId)) throw new KbError('invalidReference', `topic ${topicId}`);
    }
  }

  #annotationCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const a of this.#ctx.store.all('annotations')) {
      if (!a.deletedAt) counts.set(a.practiceId, (counts.get(a.practiceId) ?? 0) + 1);
    }
    return counts;
  }
}

/**
 * Decides each translation's basis. A translation written or changed in this
 * save was made from the original as saved now. One left as it was keeps its
 * old basis, so a changed original makes it outdated.
 */
function stampTranslations(input: PracticeInput, previous: Practice | undefined): Practice['texts'] {
  const original = input.texts[input.originalLanguage];
  const originalHash = original ? textHash(original) : undefined;
  const texts: Practice['texts'] = {};
  for (const lang of LANGUAGES) {
    const text = input.texts[lang];
    if (!text) continue;
    if (lang === input.originalLanguage) {
      texts[lang] = { title: text.title, summary: text.summary, body: text.body };
      continue;
    }
    const before = previous?.texts[lang];
    const unchanged = before && textHash(before) === textHash(text) && previous?.originalLanguage === input.originalLanguage;
    texts[lang] = { title: text.title, summary: text.summary, body: text.body, basedOn: unchanged ? before.basedOn : originalHash };
  }
  return texts;
}


function summarize(p: Practice, annotationCounts: Map<string, number>): PracticeSummary {
  const titles: PracticeSummary['titles'] = {};
  const summaries: PracticeSummary['summaries'] = {};
  for (const lang of LANGUAGES) {
    const text: PracticeText | undefined = p.texts[lang];
    if (text) {
      titles[lang] = text.title;
      summaries[lang] = text.summary;
    }
  }
  return {
    id: p.id,
    organisationId: p.organisationId,
    topicIds: p.topicIds,
    tags: p.tags,
    originalLanguage: p.originalLanguage,
    titles,
    summaries,
    translation: translationStatuses(p),
    annotationCount: annotationCounts.get(p.id) ?? 0,
    updatedAt: p.updatedAt,
    ...(p.deletedAt ? { deletedAt: p.deletedAt } : {}),
    starter: p.starter === true,
  };
}

const newestFirst = (a: Practice, b: Practice) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id);
const unique = (items: string[]) => [...new Set(items)];
