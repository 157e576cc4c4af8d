/**
 * Practices: listing, bilingual editing with translation status, revision
 * history, and the trash. Every save keeps the replaced version as a revision.
 */
import type { z } from 'zod';
import type { Page, PracticeDetail, PracticeSummary } from '../../shared/responses';
import type { PracticeInput, PracticeQuery, PracticeSort } from '../../shared/requests';
import {
  LANGUAGES,
  otherLang,
  type Lang,
  type Organisation,
  type Practice,
  type PracticeRevision,
  type PracticeScope,
  type PracticeText,
} from '../../shared/model';
import type { KbContext } from '../write/context';
import { requireRecord, requireReference } from '../write/references';
import { KbError } from '../base/errors';
import { conflictingVersions, provenance, settleConflicts } from '../write/provenance';
import { purgeChanges } from '../write/purge';
import { put } from '../store/store';
import { textHash, translationStatuses } from '../store/translation';
import { TagCatalog } from '../store/tag-catalog';

export class Practices {
  readonly #ctx: KbContext;

  constructor(ctx: KbContext) {
    this.#ctx = ctx;
  }

  /** Practices not in the trash. */
  live(): Practice[] {
    return this.#ctx.store.all('practices').filter((p) => !p.deletedAt);
  }

  /**
   * A page of live practices: filtered (a tag matches the practices carrying
   * it or a tag merged into it) and ordered as asked, titles and
   * organisations compared in the reader's language.
   */
  list(filter: z.output<typeof PracticeQuery>): Page<PracticeSummary> {
    const tags = filter.tag ? TagCatalog.of(this.#ctx.store) : undefined;
    const matching = this.live().filter(
      (p) =>
        (!filter.topicId || p.topicIds.includes(filter.topicId)) &&
        (!filter.organisationId || p.organisationId === filter.organisationId) &&
        (!filter.tag || tags!.carries(p, filter.tag)) &&
        (!filter.needsTranslationInto || translationStatuses(p)[filter.needsTranslationInto] !== 'current'),
    );
    const lang = filter.lang ?? this.#ctx.store.settings.language ?? 'de';
    matching.sort(practiceOrder(filter.sort ?? 'changed', lang, this.#ctx.store.all('organisations')));
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
  async save(
    id: string | undefined,
    input: PracticeInput,
    baseUpdatedAt?: string,
    resolvesConflict = false,
  ): Promise<PracticeDetail> {
    const author = this.#ctx.identity.author();
    this.#checkReferences(input);
    const now = this.#ctx.clock.now();
    const previous = id ? this.#live(id) : undefined;
    if (previous && baseUpdatedAt && previous.updatedAt !== baseUpdatedAt) {
      throw new KbError('editConflict', `practice ${id} changed since ${baseUpdatedAt}`);
    }
    const practice: Practice = {
      id: previous?.id ?? this.#ctx.clock.newId('practice'),
      ...this.#ctx.identity.stamp(
        previous,
        ...(resolvesConflict && previous ? conflictingVersions(this.#ctx.store, 'practices', previous.id) : []),
      ),
      organisationId: input.organisationId,
      topicIds: unique(input.topicIds),
      tags: unique(input.tags.map((tag) => tag.trim())),
      originalLanguage: input.originalLanguage,
      texts: stampTranslations(input, previous),
      sources: input.sources,
      ...scopeOf(input.scope === undefined ? previous?.scope : (input.scope ?? undefined)),
      ...(input.contact?.trim() ? { contact: input.contact.trim() } : {}),
      ...(previous?.attachments ? { attachments: previous.attachments } : {}), // changed only through the attachments service
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      createdBy: previous ? previous.createdBy : author,
      updatedBy: author,
    };
    if (!practice.texts[practice.originalLanguage]) {
      throw new KbError('invalidRequest', 'the original language has no text');
    }
    await this.#ctx.writer.apply([
      ...(previous ? [this.#ctx.history.keep('practices', previous, now)] : []),
      ...(resolvesConflict && previous ? settleConflicts(this.#ctx.store, 'practices', previous.id) : []),
      put('practices', practice),
    ]);
    return this.#detail(practice);
  }

  /** The translation was checked against the current original: it is current again, unchanged. */
  async markTranslationChecked(id: string, lang: Lang): Promise<PracticeDetail> {
    const author = this.#ctx.identity.author();
    const practice = this.#live(id);
    const text = practice.texts[lang];
    const original = practice.texts[practice.originalLanguage];
    if (!text || !original || lang === practice.originalLanguage) {
      throw new KbError('invalidRequest', `no translation into ${lang} to check`);
    }
    const updated: Practice = {
      ...practice,
      ...this.#ctx.identity.stamp(practice),
      texts: { ...practice.texts, [lang]: { ...text, basedOn: textHash(original) } },
      updatedAt: this.#ctx.clock.now(),
      updatedBy: author,
    };
    await this.#ctx.writer.apply([put('practices', updated)]);
    return this.#detail(updated);
  }

  /** Moves a practice to the trash; its annotations stay, hidden with it. */
  async trash(id: string): Promise<void> {
    const author = this.#ctx.identity.author();
    await this.#ctx.trash.move('practices', this.#live(id), author);
  }

  async restore(id: string): Promise<PracticeDetail> {
    const author = this.#ctx.identity.author();
    return this.#detail(
      await this.#ctx.trash.restore('practices', requireRecord(this.#ctx.store, 'practices', id), author),
    );
  }

  /**
   * Deletes a practice from the trash for good, with its annotations (see
   * purgeChanges for what else goes with each).
   */
  async purge(id: string): Promise<void> {
    this.#ctx.identity.author();
    const practice = requireRecord(this.#ctx.store, 'practices', id);
    if (!practice.deletedAt) throw new KbError('invalidRequest', 'only practices in the trash can be deleted for good');
    const { store, history } = this.#ctx;
    const annotations = store.all('annotations').filter((a) => a.practiceId === id);
    await this.#ctx.writer.apply([
      ...purgeChanges(store, history, 'practices', practice),
      ...annotations.flatMap((a) => purgeChanges(store, history, 'annotations', a)),
    ]);
  }

  /** Saved versions, newest first (the current version is the practice itself). */
  revisions(id: string): PracticeRevision[] {
    requireRecord(this.#ctx.store, 'practices', id);
    return this.#ctx.history.list('practices', id);
  }

  /** Brings back an older version as a new save, so the restore itself can be undone. */
  async restoreRevision(id: string, revisionId: string): Promise<PracticeDetail> {
    const { deletedAt: _deletedAt, ...saved } = this.#ctx.history.saved('practices', id, revisionId).record;
    const author = this.#ctx.identity.author();
    return this.#detail(await this.#ctx.history.restore('practices', saved, this.#live(id), author));
  }

  #live(id: string): Practice {
    const practice = requireRecord(this.#ctx.store, 'practices', id);
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
    requireReference(this.#ctx.store, 'organisations', input.organisationId);
    for (const topicId of input.topicIds) requireReference(this.#ctx.store, 'topics', topicId);
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
 * old basis, so a changed original makes it outdated; one that had none (it
 * agreed with the original, as a partner's tools may write it) is based on
 * the original as it was before this save.
 */
function stampTranslations(input: PracticeInput, previous: Practice | undefined): Practice['texts'] {
  const original = input.texts[input.originalLanguage];
  const originalHash = original ? textHash(original) : undefined;
  const previousOriginal = previous?.texts[previous.originalLanguage];
  const previousOriginalHash = previousOriginal ? textHash(previousOriginal) : undefined;
  const texts: Practice['texts'] = {};
  for (const lang of LANGUAGES) {
    const text = input.texts[lang];
    if (!text) continue;
    if (lang === input.originalLanguage) {
      texts[lang] = { title: text.title, summary: text.summary, body: text.body };
      continue;
    }
    const before = previous?.texts[lang];
    const unchanged =
      before && textHash(before) === textHash(text) && previous?.originalLanguage === input.originalLanguage;
    texts[lang] = {
      title: text.title,
      summary: text.summary,
      body: text.body,
      basedOn: unchanged ? (before.basedOn ?? previousOriginalHash) : originalHash,
    };
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
    ...(p.scope ? { scope: p.scope } : {}),
    updatedAt: p.updatedAt,
    ...(p.deletedAt ? { deletedAt: p.deletedAt } : {}),
    starter: p.starter === true,
  };
}

const newestFirst = (a: Practice, b: Practice) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id);

/** The title a reader of `lang` sees: theirs, else the other language's. */
const shownTitle = (p: Practice, lang: Lang) => (p.texts[lang] ?? p.texts[otherLang(lang)])?.title ?? '';

/** How a list is ordered: newest change first, or by title or organisation name as a reader of `lang` sorts them. */
function practiceOrder(
  sort: PracticeSort,
  lang: Lang,
  organisations: readonly Organisation[],
): (a: Practice, b: Practice) => number {
  if (sort === 'changed') return newestFirst;
  const collator = new Intl.Collator(lang, { sensitivity: 'base', numeric: true });
  const byTitle = (a: Practice, b: Practice) => collator.compare(shownTitle(a, lang), shownTitle(b, lang));
  if (sort === 'title') return (a, b) => byTitle(a, b) || newestFirst(a, b);
  const names = new Map(organisations.map((o) => [o.id, o.name[lang]]));
  const orgName = (p: Practice) => names.get(p.organisationId) ?? p.organisationId;
  return (a, b) => collator.compare(orgName(a), orgName(b)) || byTitle(a, b) || newestFirst(a, b);
}
const unique = (items: string[]) => [...new Set(items)];

/** A scope as stored: a label only where it says something, in the languages it is given. */
function scopeOf(scope: PracticeScope | undefined): { scope?: PracticeScope } {
  if (!scope) return {};
  const label = Object.fromEntries(
    Object.entries(scope.label ?? {})
      .map(([lang, text]) => [lang, text?.trim()])
      .filter(([, text]) => text),
  ) as PracticeScope['label'];
  return { scope: { level: scope.level, ...(label && Object.keys(label).length > 0 ? { label } : {}) } };
}
