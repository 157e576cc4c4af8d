/**
 * Annotations: lessons learned, questions and comments on a practice, written
 * by exchange participants. Only the installation an annotation was written
 * on may change its text; anyone may translate it into the other language
 * (outdated once the original changes). Deleting moves it to the trash so it
 * can be undone; every change keeps the replaced version in its history.
 */
import type { AnnotationInput, PracticeSort } from '../../shared/requests';
import type { AnnotationView, Page } from '../../shared/responses';
import {
  LANGUAGES,
  otherLang,
  type Annotation,
  type AnnotationKind,
  type AnnotationRevision,
  type Lang,
} from '../../shared/model';
import type { KbContext } from '../write/context';
import { requireRecord, requireReference } from '../write/references';
import { KbError } from '../base/errors';
import { recordKey } from '../store/exchange-records';
import { put } from '../store/store';
import { annotationTranslation, plainTextHash } from '../store/translation';

export interface AnnotationFilter {
  practiceId?: string;
  visitId?: string;
  topicId?: string;
  organisationId?: string;
  kind?: AnnotationKind;
  sort?: PracticeSort | undefined;
  lang?: Lang | undefined;
  offset: number;
  limit: number;
}

export class Annotations {
  readonly #ctx: KbContext;

  constructor(ctx: KbContext) {
    this.#ctx = ctx;
  }

  /** Newest first; annotations of practices in the trash are hidden with them. */
  list(filter: AnnotationFilter): Page<AnnotationView> {
    const { store } = this.#ctx;
    const matching = store.all('annotations').filter((a) => {
      if (a.deletedAt) return false;
      if (filter.practiceId && a.practiceId !== filter.practiceId) return false;
      if (filter.visitId && a.visitId !== filter.visitId) return false;
      if (filter.organisationId && a.organisationId !== filter.organisationId) return false;
      if (filter.kind && a.kind !== filter.kind) return false;
      const practice = store.get('practices', a.practiceId);
      if (!practice || practice.deletedAt) return false;
      return !filter.topicId || practice.topicIds.includes(filter.topicId);
    });
    matching.sort(this.#order(filter));
    return {
      total: matching.length,
      offset: filter.offset,
      items: matching.slice(filter.offset, filter.offset + filter.limit).map((a) => this.#view(a)),
    };
  }

  /**
   * Newest written first unless asked otherwise: newest change first, by the
   * practice's title or by the author's organisation, compared as a reader of
   * `lang` sorts, newest first within each.
   */
  #order(filter: AnnotationFilter): (a: Annotation, b: Annotation) => number {
    const written = (a: Annotation, b: Annotation) =>
      b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id);
    if (!filter.sort) return written;
    const changed = (a: Annotation, b: Annotation) => b.updatedAt.localeCompare(a.updatedAt) || written(a, b);
    if (filter.sort === 'changed') return changed;
    const { store } = this.#ctx;
    const lang = filter.lang ?? store.settings.language ?? 'de';
    const collator = new Intl.Collator(lang, { sensitivity: 'base', numeric: true });
    const key =
      filter.sort === 'title'
        ? (a: Annotation) => {
            const texts = store.get('practices', a.practiceId)?.texts;
            return (texts?.[lang] ?? texts?.[otherLang(lang)])?.title ?? '';
          }
        : (a: Annotation) => store.get('organisations', a.organisationId)?.name[lang] ?? a.organisationId;
    const keys = new Map<string, string>();
    const keyOf = (a: Annotation) => keys.get(a.id) ?? keys.set(a.id, key(a)).get(a.id)!;
    return (a, b) => collator.compare(keyOf(a), keyOf(b)) || changed(a, b);
  }

  async save(id: string | undefined, input: AnnotationInput): Promise<AnnotationView> {
    const author = this.#ctx.identity.author();
    const { store } = this.#ctx;
    requireReference(store, 'practices', input.practiceId, { live: true });
    if (input.visitId) requireReference(store, 'visits', input.visitId);
    const previous = id ? this.#own(id) : undefined;
    if (previous && previous.practiceId !== input.practiceId) {
      throw new KbError('invalidRequest', 'an annotation cannot move to another practice');
    }
    const now = this.#ctx.clock.now();
    const annotation: Annotation = {
      id: previous?.id ?? this.#ctx.clock.newId('annotation'),
      ...this.#ctx.identity.stamp(previous),
      practiceId: input.practiceId,
      kind: input.kind,
      text: input.text,
      language: input.language,
      author: author.name,
      organisationId: author.organisationId,
      installationId: store.installationId,
      ...(input.visitId ? { visitId: input.visitId } : {}),
      // A translation stays when the original is edited: it then shows as outdated.
      ...(previous?.translation && previous.language === input.language ? { translation: previous.translation } : {}),
      ...(previous?.attachments ? { attachments: previous.attachments } : {}), // changed only through the attachments service
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
    };
    await this.#ctx.writer.apply([
      ...(previous ? [this.#ctx.history.keep('annotations', previous, now)] : []),
      put('annotations', annotation),
    ]);
    return this.#view(annotation);
  }

  /**
   * Sets the translation into the other language, made from the present
   * original (anyone may translate); an empty text removes it.
   */
  async translate(id: string, text: string): Promise<AnnotationView> {
    const author = this.#ctx.identity.author();
    const previous = this.#live(id);
    const value = text.trim();
    const { translation: _translation, ...rest } = previous;
    const now = this.#ctx.clock.now();
    const annotation: Annotation = {
      ...rest,
      ...this.#ctx.identity.stamp(previous),
      ...(value
        ? { translation: { text: value, basedOn: plainTextHash(previous.text), translator: author.name } }
        : {}),
      updatedAt: now,
    };
    await this.#ctx.writer.apply([
      this.#ctx.history.keep('annotations', previous, now),
      put('annotations', annotation),
    ]);
    return this.#view(annotation);
  }

  /** The translation was checked against the present original: current again, unchanged. */
  async markTranslationChecked(id: string): Promise<AnnotationView> {
    this.#ctx.identity.author();
    const previous = this.#live(id);
    if (!previous.translation) throw new KbError('invalidRequest', `annotation ${id} has no translation to check`);
    const now = this.#ctx.clock.now();
    const annotation: Annotation = {
      ...previous,
      ...this.#ctx.identity.stamp(previous),
      translation: { ...previous.translation, basedOn: plainTextHash(previous.text) },
      updatedAt: now,
    };
    await this.#ctx.writer.apply([
      this.#ctx.history.keep('annotations', previous, now),
      put('annotations', annotation),
    ]);
    return this.#view(annotation);
  }

  /** Saved versions, newest first (the current version is the annotation itself). */
  revisions(id: string): AnnotationRevision[] {
    requireRecord(this.#ctx.store, 'annotations', id);
    return this.#ctx.history.list('annotations', id);
  }

  /** Brings back an older version (of an annotation written here) as a new save, so the restore can be undone. */
  async restoreRevision(id: string, revisionId: string): Promise<AnnotationView> {
    const current = this.#own(id);
    const { deletedAt: _deletedAt, ...saved } = this.#ctx.history.saved('annotations', id, revisionId).record;
    const author = this.#ctx.identity.author();
    return this.#view(await this.#ctx.history.restore('annotations', saved, current, author));
  }

  async trash(id: string): Promise<void> {
    await this.#ctx.trash.move('annotations', this.#own(id));
  }

  async restore(id: string): Promise<AnnotationView> {
    this.#ctx.identity.author();
    const annotation = requireRecord(this.#ctx.store, 'annotations', id);
    if (annotation.installationId !== this.#ctx.store.installationId) throw new KbError('notYours', `annotation ${id}`);
    return this.#view(await this.#ctx.trash.restore('annotations', annotation));
  }

  /** A live annotation, else notFound. */
  #live(id: string): Annotation {
    const annotation = requireRecord(this.#ctx.store, 'annotations', id);
    if (annotation.deletedAt) throw new KbError('notFound', `annotation ${id} is in the trash`);
    return annotation;
  }

  /** A live annotation written on this installation, else an error saying why not. */
  #own(id: string): Annotation {
    this.#ctx.identity.author();
    const annotation = requireRecord(this.#ctx.store, 'annotations', id);
    if (annotation.deletedAt) throw new KbError('notFound', `annotation ${id} is in the trash`);
    if (annotation.installationId !== this.#ctx.store.installationId) throw new KbError('notYours', `annotation ${id}`);
    return annotation;
  }

  #view(annotation: Annotation): AnnotationView {
    const practice = this.#ctx.store.get('practices', annotation.practiceId);
    const practiceTitles: Partial<Record<Lang, string>> = {};
    for (const lang of LANGUAGES) {
      const title = practice?.texts[lang]?.title;
      if (title) practiceTitles[lang] = title;
    }
    const origin = this.#ctx.store.get('origins', recordKey('annotations', annotation.id));
    return {
      ...annotation,
      practiceTitles,
      translationStatus: annotationTranslation(annotation),
      mine: annotation.installationId === this.#ctx.store.installationId,
      ...(origin ? { importedAt: origin.importedAt } : {}),
    };
  }
}
