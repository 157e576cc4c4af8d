/**
 * The comparison of the partner administrations: one cell per dimension
 * (structure or exchange topic) and organisation, written in German and
 * Dutch. Either language may be written first or changed later; the other
 * is then marked as needing translation. Every save keeps the replaced
 * version as a revision, which can be restored.
 */
import type { ComparisonCell, ComparisonTable, TranslationStatuses } from '../../shared/responses';
import type { ComparisonCellInput } from '../../shared/requests';
import {
  type ComparisonEntry,
  type ComparisonRevision,
  LANGUAGES,
  type Lang,
  otherLang,
  STRUCTURE_DIMENSIONS,
  comparisonCellKey,
  dimensionTopicId,
} from '../../shared/model';
import { put } from '../store/store';
import type { KbContext } from '../write/context';
import { requireRecord, requireReference } from '../write/references';
import { KbError } from '../base/errors';
import { provenance } from '../write/provenance';
import { nonEmpty, sameSources } from '../store/sources';
import { pairTranslation, plainTextHash, stampPairBasis } from '../store/translation';

type CellText = ComparisonEntry['text'];

/** Identifies one language's text of a cell. */
export const cellTextHash = plainTextHash;

/** A cell's translation status per language (see pairTranslation). */
export function cellTranslation(entry: Pick<ComparisonEntry, 'text' | 'basedOn'>): TranslationStatuses {
  return pairTranslation(entry.text, entry.basedOn);
}

const stampBasis = (next: CellText, previous: ComparisonEntry | undefined): ComparisonEntry['basedOn'] =>
  stampPairBasis(next, previous && { texts: previous.text, basedOn: previous.basedOn });

export class Comparison {
  readonly #ctx: KbContext;

  constructor(ctx: KbContext) {
    this.#ctx = ctx;
  }

  table(): ComparisonTable {
    const { store } = this.#ctx;
    const counts = new Map<string, { topicId: string; organisationId: string; count: number }>();
    for (const practice of store.all('practices')) {
      if (practice.deletedAt) continue;
      for (const topicId of practice.topicIds) {
        const key = comparisonCellKey(topicId, practice.organisationId);
        const entry = counts.get(key) ?? { topicId, organisationId: practice.organisationId, count: 0 };
        entry.count += 1;
        counts.set(key, entry);
      }
    }
    return {
      cells: [...this.#cells().values()].map((entry) => this.#detail(entry)),
      practiceCounts: [...counts.values()],
    };
  }

  /** Saves a cell; both texts empty clears it (the old text stays in its history). */
  async save(input: ComparisonCellInput): Promise<ComparisonCell> {
    const author = this.#ctx.identity.author();
    this.#checkReferences(input.dimension, input.organisationId);
    const previous = this.#cells().get(comparisonCellKey(input.dimension, input.organisationId));
    if ((previous?.updatedAt ?? null) !== input.baseUpdatedAt) {
      throw new KbError(
        'editConflict',
        `comparison ${input.dimension} of ${input.organisationId} changed since ${input.baseUpdatedAt}`,
      );
    }
    const text: CellText = {};
    for (const lang of LANGUAGES) {
      const value = input.text[lang].trim();
      if (value) text[lang] = value;
    }
    if (!previous && !text.de && !text.nl) throw new KbError('invalidRequest', 'an empty cell has nothing to save');
    const sources = input.sources ?? previous?.sources ?? [];
    if (
      previous &&
      LANGUAGES.every((lang) => previous.text[lang] === text[lang]) &&
      sameSources(previous.sources ?? [], sources)
    )
      return this.#detail(previous);

    const now = this.#ctx.clock.now();
    const basedOn = stampBasis(text, previous);
    const entry: ComparisonEntry = {
      id: previous?.id ?? this.#newCellId(input.dimension, input.organisationId),
      ...this.#ctx.identity.stamp(previous),
      dimension: input.dimension,
      organisationId: input.organisationId,
      text,
      ...(basedOn ? { basedOn } : {}),
      ...nonEmpty(sources),
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      createdBy: previous ? previous.createdBy : author,
      updatedBy: author,
    };
    await this.#ctx.writer.apply([
      ...(previous ? [this.#ctx.history.keep('comparison', previous, now)] : []),
      put('comparison', entry),
    ]);
    return this.#detail(entry);
  }

  /** The language was checked against the other's present text: current again, unchanged. */
  async markChecked(id: string, lang: Lang): Promise<ComparisonCell> {
    const author = this.#ctx.identity.author();
    const entry = requireRecord(this.#ctx.store, 'comparison', id);
    const other = entry.text[otherLang(lang)];
    if (!entry.text[lang] || !other)
      throw new KbError('invalidRequest', `cell ${id} has no translation into ${lang} to check`);
    const updated: ComparisonEntry = {
      ...entry,
      ...this.#ctx.identity.stamp(entry),
      basedOn: { ...entry.basedOn, [lang]: cellTextHash(other) },
      updatedAt: this.#ctx.clock.now(),
      updatedBy: author,
    };
    await this.#ctx.writer.apply([put('comparison', updated)]);
    return this.#detail(updated);
  }

  /** Saved versions of a cell, newest first (the current version is the cell itself). */
  revisions(id: string): ComparisonRevision[] {
    requireRecord(this.#ctx.store, 'comparison', id);
    return this.#ctx.history.list('comparison', id);
  }

  /** Brings back an older version as a new save, so the restore itself can be undone. */
  async restoreRevision(id: string, revisionId: string): Promise<ComparisonCell> {
    const { starter: _starter, ...saved } = this.#ctx.history.saved('comparison', id, revisionId).record;
    const author = this.#ctx.identity.author();
    return this.#detail(
      await this.#ctx.history.restore('comparison', saved, requireRecord(this.#ctx.store, 'comparison', id), author),
    );
  }

  /** The current cell per dimension and organisation: the newest, should a bundle ever have brought two. */
  #cells(): Map<string, ComparisonEntry> {
    const cells = new Map<string, ComparisonEntry>();
    for (const entry of this.#ctx.store.all('comparison')) {
      const key = comparisonCellKey(entry.dimension, entry.organisationId);
      const seen = cells.get(key);
      if (!seen || entry.updatedAt > seen.updatedAt || (entry.updatedAt === seen.updatedAt && entry.id > seen.id))
        cells.set(key, entry);
    }
    return cells;
  }

  /**
   * A new cell's id follows from its place, so two installations filling the
   * same empty cell make two versions of one record (a conflict to resolve),
   * never two cells.
   */
  #newCellId(dimension: string, organisationId: string): string {
    const id = `cmp:${organisationId}:${dimension}`;
    return id.length <= 100 ? id : `cmp-${cellTextHash(comparisonCellKey(dimension, organisationId)).slice(0, 40)}`;
  }

  #checkReferences(dimension: string, organisationId: string): void {
    requireReference(this.#ctx.store, 'organisations', organisationId);
    if ((STRUCTURE_DIMENSIONS as readonly string[]).includes(dimension)) return;
    requireReference(this.#ctx.store, 'topics', dimensionTopicId(dimension) ?? '');
  }

  #detail(entry: ComparisonEntry): ComparisonCell {
    return {
      entry,
      translation: cellTranslation(entry),
      ...provenance(this.#ctx.store, 'comparison', entry.id),
    };
  }
}
