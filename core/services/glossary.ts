/**
 * The German–Dutch glossary: terms in both languages with short
 * definitions, and a note where the concepts differ rather than translate
 * one-to-one. Search uses it to find across languages; practices use it for
 * the in-place lookup. Every save keeps the replaced version as a revision.
 */
import type { GlossaryTermInput } from '../../shared/requests';
import { LANGUAGES, type GlossaryRevision, type GlossaryTerm } from '../../shared/model';
import type { KbContext } from '../write/context';
import { requireRecord, requireReference } from '../write/references';
import { KbError } from '../base/errors';
import { purgeChanges } from '../write/purge';
import { put } from '../store/store';
import { nonEmpty } from '../store/sources';

/** Compares terms as a reader would: case and spacing do not make a new term. */
const sameTerm = (a: string, b: string) =>
  a.replace(/\s+/g, ' ').trim().toLocaleLowerCase('de') === b.replace(/\s+/g, ' ').trim().toLocaleLowerCase('de');

export class Glossary {
  readonly #ctx: KbContext;

  constructor(ctx: KbContext) {
    this.#ctx = ctx;
  }

  /** Every term, by German term (the view sorts by the interface language itself). */
  list(): GlossaryTerm[] {
    return [...this.#ctx.store.all('glossary')].sort(
      (a, b) => a.term.de.localeCompare(b.term.de, 'de') || a.id.localeCompare(b.id),
    );
  }

  async save(id: string | undefined, input: GlossaryTermInput, baseUpdatedAt?: string): Promise<GlossaryTerm> {
    const author = this.#ctx.identity.author();
    const { store } = this.#ctx;
    const previous = id ? requireRecord(this.#ctx.store, 'glossary', id) : undefined;
    if (previous && baseUpdatedAt && previous.updatedAt !== baseUpdatedAt) {
      throw new KbError('editConflict', `glossary term ${id} changed since ${baseUpdatedAt}`);
    }
    for (const topicId of input.topicIds) requireReference(store, 'topics', topicId);
    for (const lang of LANGUAGES) {
      const twin = store.all('glossary').find((t) => t.id !== previous?.id && sameTerm(t.term[lang], input.term[lang]));
      if (twin)
        throw new KbError('glossaryTermExists', `${lang} term of ${twin.id}`, { params: { term: twin.term[lang] } });
    }
    const now = this.#ctx.clock.now();
    const hasNote = input.note.de !== '' || input.note.nl !== '';
    const term: GlossaryTerm = {
      id: previous?.id ?? this.#ctx.clock.newId('term'),
      ...this.#ctx.identity.stamp(previous),
      term: { de: input.term.de.replace(/\s+/g, ' '), nl: input.term.nl.replace(/\s+/g, ' ') },
      definition: input.definition,
      ...(hasNote ? { note: input.note } : {}),
      topicIds: [...new Set(input.topicIds)],
      ...nonEmpty(input.sources ?? previous?.sources),
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      createdBy: previous ? previous.createdBy : author,
      updatedBy: author,
    };
    await this.#ctx.writer.apply([
      ...(previous ? [this.#ctx.history.keep('glossary', previous, now)] : []),
      put('glossary', term),
    ]);
    return term;
  }

  /** Saved versions, newest first (the current version is the term itself). */
  revisions(id: string): GlossaryRevision[] {
    requireRecord(this.#ctx.store, 'glossary', id);
    return this.#ctx.history.list('glossary', id);
  }

  /** Brings back an older version as a new save, so the restore itself can be undone. */
  async restoreRevision(id: string, revisionId: string): Promise<GlossaryTerm> {
    const { starter: _starter, ...saved } = this.#ctx.history.saved('glossary', id, revisionId).record;
    const author = this.#ctx.identity.author();
    return this.#ctx.history.restore('glossary', saved, requireRecord(this.#ctx.store, 'glossary', id), author);
  }

  /** Deletes a term here for good (see purgeChanges). */
  async delete(id: string): Promise<void> {
    this.#ctx.identity.author();
    const term = requireRecord(this.#ctx.store, 'glossary', id);
    await this.#ctx.writer.apply(purgeChanges(this.#ctx.store, this.#ctx.history, 'glossary', term));
  }
}
