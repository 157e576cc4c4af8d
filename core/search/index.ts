/**
 * The search index of the knowledge base: practices, annotations, visits,
 * glossary terms and comparison cells in German and Dutch, in one inverted
 * index. A query needs every word; when no record has them all, records
 * matching the informative ones are found, each saying what it lacks.
 *
 * Build it once (in the background) or load a saved copy at start-up, then
 * keep it current with `upsert`/`remove` on every change: it never needs a
 * rebuild to see new content. It keeps references to the records it indexed
 * (records are replaced, never mutated) to filter and to cut snippets.
 */
import { endianness } from 'node:os';
import { z } from 'zod';
import {
  dimensionTopicId,
  LANGUAGES,
  otherLang,
  type Lang,
  type Practice,
  type TranslationStatus,
} from '../../shared/model';
import { TagCatalog } from '../store/tag-catalog';
import { translationStatuses } from '../store/translation';
import { analyzeWord } from './analyze';
import { CompoundParts } from './compounds';
import { FIELD_BOOST, FIELD_NAMES, INDEX_FIELDS, fieldTexts, indexDocs, type NameLookup } from './documents';
import { hasFilters, kindApplies, passes, practicePasses, type FilterContext } from './filters';
import { GlossaryLinks } from './glossary-links';
import {
  FIELD_BITS,
  InvertedIndex,
  MATCHED_DIRECT,
  MATCHED_GLOSSARY,
  type SavedInvertedIndex,
  type Scores,
} from './inverted-index';
import { planQuery, resolveTerms, type QueryPlan, type ResolvedQuery } from './query';
import { KIND, Ranker, type Ranked, type RankOptions } from './rank';
import { makeSnippet } from './snippet';
import {
  SEARCH_KINDS,
  type SearchFilters,
  type SearchHit,
  type SearchKind,
  type SearchQuery,
  type SearchResults,
} from '../../shared/search';
import type { SearchCollection, SearchRecords, SearchSource } from './types';

export const SEARCH_INDEX_FORMAT = 'twinning-kb.search-index';
/** Bump whenever analysis or document layout changes: saved copies made before are refused. */
export const SEARCH_INDEX_VERSION = 3;

/** A saved copy that cannot be used (other version, damaged): build a new index instead. */
export class StaleSearchIndexError extends Error {
  override readonly name = 'StaleSearchIndexError';
}

const DEFAULT_LIMIT = 10;
/**
 * When no record holds every word, only words at least this informative
 * (relative to the most informative one, by inverse document frequency) may
 * find a record alone: a common verb ("aanvragen") finds nothing by itself.
 */
const INFORMATIVE_SHARE = 0.6;
/** A word this long that nothing holds is what the query is about: without it, nothing is an answer. */
const MIN_DECISIVE_LENGTH = 4;
const FIELD_BOOSTS = INDEX_FIELDS.map((field) => FIELD_BOOST[field]);

const COLLECTIONS = [
  'topics',
  'organisations',
  'tagLabels',
  'glossary',
  'comparison',
  'practices',
  'annotations',
  'visits',
] as const satisfies readonly SearchCollection[];

const SavedSearchIndex = z.object({
  format: z.literal(SEARCH_INDEX_FORMAT),
  version: z.literal(SEARCH_INDEX_VERSION),
  /** Typed arrays are saved as bytes in this machine's order. */
  endianness: z.literal(endianness()),
  /** Per collection, the ids indexed and a stamp of each one's version (both joined with "\n"), to catch up at load. */
  stamps: z.record(z.string(), z.object({ ids: z.string(), stamps: z.string() })),
  compounds: z.object({ de: z.string(), nl: z.string() }),
  index: z.object({
    recordIds: z.string(),
    recordNums: z.string(),
    parentNums: z.string(),
    numbered: z.string(),
    kinds: z.string(),
    langs: z.string(),
    lengths: z.string(),
    terms: z.string(),
    offsets: z.string(),
    postings: z.string(),
    df: z.string(),
  }) satisfies z.ZodType<SavedInvertedIndex>,
});
export type SavedSearchIndex = z.infer<typeof SavedSearchIndex>;

type RecordMaps = { [C in SearchCollection]: Map<string, SearchRecords[C]> };

const kindNum = (kind: SearchKind): number => KIND[kind];
const langNum = (lang: Lang): number => LANGUAGES.indexOf(lang);

export class SearchIndex {
  readonly #index: InvertedIndex;
  readonly #compounds: CompoundParts;
  readonly #ranker = new Ranker();
  readonly #records: RecordMaps = {
    practices: new Map(),
    annotations: new Map(),
    visits: new Map(),
    glossary: new Map(),
    comparison: new Map(),
    organisations: new Map(),
    topics: new Map(),
    tagLabels: new Map(),
  };
  /** The tags' labels read together; made again when one changes. */
  #tags: TagCatalog | null = null;
  /** Note ids per practice id, built when first needed (a practice trashed or restored). */
  #notesByPractice: Map<string, Set<string>> | null = null;
  /** Translation status per practice, worked out when a filter first asks (it hashes the texts). */
  readonly #translationStatus = new Map<string, TranslationStatus>();
  #glossaryLinks = new GlossaryLinks([]);

  readonly #names: NameLookup = {
    topic: (id, lang) => this.#records.topics.get(id)?.name[lang],
    organisation: (id, lang) => this.#records.organisations.get(id)?.name[lang],
    tag: (key, lang) => this.#tagCatalog().labelOf(key, lang),
  };
  readonly #filterContext: FilterContext = {
    practice: (id) => this.#records.practices.get(id),
    translationStatus: (id) => {
      let status = this.#translationStatus.get(id);
      const practice = this.#records.practices.get(id);
      if (status === undefined && practice) {
        status = translationStatuses(practice)[otherLang(practice.originalLanguage)];
        this.#translationStatus.set(id, status);
      }
      return status;
    },
  };

  private constructor(index: InvertedIndex, compounds: CompoundParts) {
    this.#index = index;
    this.#compounds = compounds;
  }

  /** Indexes everything in `source` at once. Blocks for a while on a large knowledge base: see `buildAsync`. */
  static build(source: SearchSource): SearchIndex {
    const index = new SearchIndex(new InvertedIndex(), new CompoundParts());
    index.#takeRecords(source);
    for (const kind of SEARCH_KINDS) {
      for (const id of index.#records[kind].keys()) index.#add(kind, id);
    }
    index.#index.refreshTfParts(); // averages moved a lot while the first documents came in
    return index;
  }

  /**
   * Like `build`, but yields to the event loop every `chunkSize` records so the
   * process stays responsive. The source must not change meanwhile; apply
   * changes made during the build with `upsert`/`remove` afterwards.
   * `onProgress` hears after each chunk how many of the records are indexed;
   * an aborted `signal` stops the build at the next chunk (the promise rejects).
   */
  static async buildAsync(
    source: SearchSource,
    options: { chunkSize?: number; signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<SearchIndex> {
    const chunkSize = options.chunkSize ?? 500;
    const index = new SearchIndex(new InvertedIndex(), new CompoundParts());
    index.#takeRecords(source);
    const total = SEARCH_KINDS.reduce((sum, kind) => sum + index.#records[kind].size, 0);
    let count = 0;
    for (const kind of SEARCH_KINDS) {
      for (const id of index.#records[kind].keys()) {
        index.#add(kind, id);
        if (++count % chunkSize === 0) {
          options.onProgress?.(count, total);
          await new Promise((resolve) => setImmediate(resolve));
          options.signal?.throwIfAborted();
        }
      }
    }
    index.#index.refreshTfParts();
    return index;
  }

  /**
   * Loads a copy saved with `toJSON` (object or JSON text) and brings it up to
   * date with `source`: records changed, added or removed since it was saved
   * are re-indexed. Throws StaleSearchIndexError for another version or a damaged copy.
   */
  static load(saved: unknown, source: SearchSource): SearchIndex {
    let index: SearchIndex;
    let stamps: SavedSearchIndex['stamps'];
    try {
      const raw: unknown = typeof saved === 'string' ? JSON.parse(saved) : saved;
      const header = z.object({ format: z.string(), version: z.unknown() }).safeParse(raw);
      if (!header.success || header.data.format !== SEARCH_INDEX_FORMAT)
        throw new StaleSearchIndexError('not a saved search index');
      if (header.data.version !== SEARCH_INDEX_VERSION) {
        throw new StaleSearchIndexError(
          `saved search index version ${String(header.data.version)}, expected ${SEARCH_INDEX_VERSION}`,
        );
      }
      const data = SavedSearchIndex.parse(raw);
      const compounds = new CompoundParts();
      for (const lang of LANGUAGES)
        for (const term of data.compounds[lang].split(' ')) if (term) compounds.add(term, lang);
      index = new SearchIndex(InvertedIndex.fromJSON(data.index), compounds);
      stamps = data.stamps;
    } catch (error) {
      if (error instanceof StaleSearchIndexError) throw error;
      throw new StaleSearchIndexError(
        `damaged saved search index: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    index.#takeRecords(source);
    index.#reconcile(stamps);
    return index;
  }

  /** A copy to save (as JSON) and load at the next start. Compacts the index first (drops removed documents). */
  toJSON(): SavedSearchIndex {
    const stamps: SavedSearchIndex['stamps'] = {};
    for (const collection of COLLECTIONS) {
      const records = [...this.#records[collection].values()];
      stamps[collection] = { ids: records.map((r) => r.id).join('\n'), stamps: records.map(stampOf).join('\n') };
    }
    return {
      format: SEARCH_INDEX_FORMAT,
      version: SEARCH_INDEX_VERSION,
      endianness: endianness(),
      stamps,
      compounds: { de: this.#compounds.terms('de').join(' '), nl: this.#compounds.terms('nl').join(' ') },
      index: this.#index.toJSON(),
    };
  }

  /** Adds or replaces a record (also one moved to the trash or restored) after it was saved or imported. */
  upsert<C extends SearchCollection>(collection: C, record: SearchRecords[C]): void {
    this.#put(collection, record);
    for (const [kind, id] of this.#affectedBy(collection, record.id)) this.#reindex(kind, id);
    if (collection === 'glossary') this.#glossaryLinks = new GlossaryLinks(this.#records.glossary.values());
  }

  /** Forgets a record deleted for good (or purged from the trash). */
  remove(collection: SearchCollection, id: string): void {
    const affected = this.#affectedBy(collection, id);
    this.#delete(collection, id);
    for (const [kind, recordId] of affected) this.#reindex(kind, recordId);
    if (collection === 'glossary') this.#glossaryLinks = new GlossaryLinks(this.#records.glossary.values());
  }

  search(query: SearchQuery): SearchResults {
    const filters = query.filters ?? {};
    const results: SearchResults = {
      practices: [],
      annotations: [],
      visits: [],
      glossary: [],
      comparison: [],
      totals: { practices: 0, annotations: 0, visits: 0, glossary: 0, comparison: 0 },
    };
    const plan = planQuery(query.text, this.#glossaryLinks, this.#compounds, this.#index);
    if (!plan) return results;
    const resolved = resolveTerms(plan, this.#index);
    const report = SEARCH_KINDS.map((kind) => kindApplies(kind, filters));
    // Notes are also searched for the practices they belong to.
    const practicesFromNotes = report[KIND.practices]! && !filters.annotationKind;
    const scored = report.map((wanted, kind) => wanted || (kind === KIND.annotations && practicesFromNotes));
    const scores = this.#index.score(resolved.words, scored, FIELD_BOOSTS);
    const options: RankOptions = {
      required: (1 << plan.words.length) - 1,
      anyOf: [],
      partial: false,
      limit: query.limitPerKind ?? DEFAULT_LIMIT,
      report,
      practicesFromNotes,
      tieBreak: (doc) => this.#index.recordId(doc),
      ...(hasFilters(filters) ? this.#filterFunctions(filters) : {}),
    };
    let ranked = this.#ranker.rank(this.#index, scores, options);
    let labels: readonly string[] | undefined;
    if (plan.words.length > 1 && ranked.totals.every((total) => total === 0)) {
      const partial = this.#partialMatch(scores, scored, plan);
      if (!partial) return results;
      ranked = this.#ranker.rank(this.#index, scores, { ...options, required: 0, ...partial, partial: true });
      labels = plan.labels;
    }
    for (const kind of SEARCH_KINDS) {
      results.totals[kind] = ranked.totals[KIND[kind]]!;
      results[kind] = ranked.top[KIND[kind]]!.map((hit) => this.#hit(kind, hit, scores, resolved, labels));
    }
    return results;
  }

  /**
   * What a record must match when none holds every word: at least one of the
   * typed words informative enough to stand alone (a compound counts whole;
   * one no record holds whole may stand in by a part the plan allows to).
   * Null when a word that nothing holds makes the whole
   * query unanswerable.
   */
  #partialMatch(scores: Scores, scored: readonly boolean[], plan: QueryPlan): Pick<RankOptions, 'anyOf'> | null {
    // Per typed word: the bits of the query words standing for it (several for a compound).
    const typed = new Map<number, number>();
    plan.sources.forEach((source, word) => typed.set(source, (typed.get(source) ?? 0) | (1 << word)));
    const masks = [...typed.values()];
    const single = plan.labels.map((_, word) => 1 << word);
    const held = (list: number[]): number[] => {
      const counts = list.map(() => 0);
      for (let i = 0; i < scores.count; i++) {
        const words = scores.words[scores.docs[i]!]!;
        list.forEach((mask, n) => {
          if ((words & mask) === mask) counts[n]!++;
        });
      }
      return counts;
    };
    const wholeCounts = held(masks);
    const partCounts = held(single);
    let documents = 0;
    scored.forEach((wanted, kind) => (documents += wanted ? this.#index.documentCount(kind) : 0));

    const candidates: { mask: number; idf: number }[] = [];
    for (const [n, mask] of masks.entries()) {
      const count = wholeCounts[n]!;
      if (count > 0) {
        if (bitCount(mask) > 1 || plan.topical[Math.log2(mask)])
          candidates.push({ mask, idf: Math.log(1 + documents / count) });
        continue;
      }
      const parts = single.filter((bit) => mask & bit);
      const label = (bit: number): string => plan.labels[Math.log2(bit)]!;
      if (parts.length === 1) {
        if (plan.topical[Math.log2(mask)] && label(mask).length >= MIN_DECISIVE_LENGTH) return null;
        continue;
      }
      // A compound no record holds whole: its long parts may stand in for it, else it decides.
      const alone = parts.filter((bit) => plan.standsIn[Math.log2(bit)] && partCounts[Math.log2(bit)]! > 0);
      if (alone.length === 0) return null;
      for (const bit of alone)
        candidates.push({ mask: bit, idf: Math.log(1 + documents / partCounts[Math.log2(bit)]!) });
    }
    const most = Math.max(0, ...candidates.map((c) => c.idf));
    const anyOf = candidates.filter((c) => c.idf > 0 && c.idf >= INFORMATIVE_SHARE * most).map((c) => c.mask);
    return anyOf.length > 0 ? { anyOf } : null;
  }

  /** Number of indexed documents per kind (a record has one per language). */
  get documentCounts(): Record<SearchKind, number> {
    return mapKinds((kind) => this.#index.documentCount(KIND[kind]));
  }

  // --- matching ---------------------------------------------------------------

  #filterFunctions(filters: SearchFilters): Pick<RankOptions, 'accept' | 'acceptNoteForPractice'> {
    const recordOf = (doc: number) => {
      const kind = SEARCH_KINDS[this.#index.kind(doc)]!;
      return {
        kind,
        record: this.#records[kind].get(this.#index.recordId(doc)),
        lang: LANGUAGES[this.#index.lang(doc)]!,
      };
    };
    return {
      accept: (doc) => {
        const { kind, record, lang } = recordOf(doc);
        return record !== undefined && passes(kind, record, lang, filters, this.#filterContext);
      },
      acceptNoteForPractice: (doc) => {
        const { record, lang } = recordOf(doc);
        if (filters.language && lang !== filters.language) return false;
        const practice = this.#records.practices.get(
          (record as SearchRecords['annotations'] | undefined)?.practiceId ?? '',
        );
        return practice !== undefined && practicePasses(practice, filters, this.#filterContext);
      },
    };
  }

  /** `labels`: the query words, when results may match only some of them. */
  #hit(
    kind: SearchKind,
    ranked: Ranked,
    scores: Scores,
    resolved: ResolvedQuery,
    labels: readonly string[] | undefined,
  ): SearchHit {
    const { doc } = ranked;
    const matchedWords = scores.words[doc]!;
    const missing = labels?.filter((_, word) => (matchedWords & (1 << word)) === 0) ?? [];
    const partly = missing.length > 0 ? { missing } : {};
    const lang = LANGUAGES[this.#index.lang(doc)]!;
    const flags = scores.flags[doc]!;
    const viaGlossary =
      (flags & MATCHED_DIRECT) === 0 && flags & MATCHED_GLOSSARY
        ? resolved.glossaryIds[scores.glossary[doc]!]
        : undefined;
    const fieldBits = flags & FIELD_BITS;
    const field = INDEX_FIELDS.find((_, i) => fieldBits & (1 << i)) ?? 'body';
    const isMatch = (word: string): boolean => resolved.terms.has(analyzeWord(word, lang) ?? '');
    const recordId = this.#index.recordId(doc);

    if (ranked.throughNote) {
      const note = this.#records.annotations.get(recordId);
      return {
        id: note?.practiceId ?? '',
        score: ranked.score,
        field: 'annotation',
        language: lang,
        snippet: makeSnippet(note?.text ?? '', isMatch),
        ...(viaGlossary ? { viaGlossary } : {}),
        annotationId: recordId,
        ...partly,
      };
    }
    const record = this.#records[kind].get(recordId) as SearchRecords[SearchKind];
    const text = fieldTexts(kind, record, lang, this.#names, field)?.[field] ?? '';
    const practiceId = kind === 'annotations' ? (record as SearchRecords['annotations']).practiceId : undefined;
    return {
      id: recordId,
      score: ranked.score,
      field: FIELD_NAMES[kind][field] ?? 'body',
      language: lang,
      snippet: makeSnippet(text, isMatch),
      ...(viaGlossary ? { viaGlossary } : {}),
      ...(practiceId !== undefined ? { practiceId } : {}),
      ...partly,
    };
  }

  // --- keeping the index current -------------------------------------------

  #takeRecords(source: SearchSource): void {
    const put = <C extends SearchCollection>(collection: C, records: readonly SearchRecords[C][]): void => {
      for (const record of records) this.#put(collection, record);
    };
    put('topics', source.all('topics'));
    put('organisations', source.all('organisations'));
    put('tagLabels', source.all('tagLabels'));
    put('glossary', source.all('glossary'));
    put('comparison', source.all('comparison'));
    put('practices', source.all('practices'));
    put('annotations', source.all('annotations'));
    put('visits', source.all('visits'));
    this.#glossaryLinks = new GlossaryLinks(this.#records.glossary.values());
  }

  /** Records a record and what is derived from it; does not touch the indexes. */
  #put<C extends SearchCollection>(collection: C, record: SearchRecords[C]): void {
    if (collection === 'annotations' && this.#notesByPractice) {
      const annotation = record as SearchRecords['annotations'];
      const before = this.#records.annotations.get(annotation.id);
      if (before && before.practiceId !== annotation.practiceId)
        this.#notesByPractice.get(before.practiceId)?.delete(before.id);
      addNote(this.#notesByPractice, annotation);
    }
    if (collection === 'practices') {
      const practice = record as Practice;
      this.#translationStatus.delete(practice.id);
    }
    if (collection === 'tagLabels') this.#tags = null;
    (this.#records[collection] as Map<string, SearchRecords[C]>).set(record.id, record);
  }

  #delete(collection: SearchCollection, id: string): void {
    if (collection === 'annotations') {
      const before = this.#records.annotations.get(id);
      if (before) this.#notesByPractice?.get(before.practiceId)?.delete(id);
    }
    if (collection === 'practices') this.#translationStatus.delete(id);
    if (collection === 'tagLabels') this.#tags = null;
    this.#records[collection].delete(id);
  }

  /** The documents to re-index when a record of `collection` changes. */
  #affectedBy(collection: SearchCollection, id: string): [SearchKind, string][] {
    switch (collection) {
      case 'practices':
        // Its annotations are hidden while it is in the trash.
        return [
          ['practices', id],
          ...[...(this.#notesOf(id) ?? [])].map((a): [SearchKind, string] => ['annotations', a]),
        ];
      case 'annotations':
      case 'visits':
      case 'glossary':
      case 'comparison':
        return [[collection, id]];
      case 'topics':
      case 'organisations': {
        // Their names are indexed with practices and visits.
        const uses = (ids: readonly string[]): boolean => ids.includes(id);
        const practices = [...this.#records.practices.values()].filter(
          (p) => p.organisationId === id || uses(p.topicIds),
        );
        const visits = [...this.#records.visits.values()].filter(
          (v) => v.hostOrganisationId === id || v.guestOrganisationId === id || uses(v.topicIds),
        );
        const cells = [...this.#records.comparison.values()].filter(
          (c) => c.organisationId === id || dimensionTopicId(c.dimension) === id,
        );
        return [
          ...practices.map((p): [SearchKind, string] => ['practices', p.id]),
          ...visits.map((v): [SearchKind, string] => ['visits', v.id]),
          ...cells.map((c): [SearchKind, string] => ['comparison', c.id]),
        ];
      }
      case 'tagLabels': {
        // Practices name their tags with the labels: those carrying this tag, or one merged into it.
        const tag = this.#records.tagLabels.get(id)?.tag;
        if (tag === undefined) return [];
        const catalog = this.#tagCatalog();
        return [...this.#records.practices.values()]
          .filter((p) => p.tags.some((key) => catalog.leadsThrough(key, tag)))
          .map((p): [SearchKind, string] => ['practices', p.id]);
      }
    }
  }

  #tagCatalog(): TagCatalog {
    return (this.#tags ??= new TagCatalog([...this.#records.tagLabels.values()]));
  }

  #notesOf(practiceId: string): Set<string> | undefined {
    if (!this.#notesByPractice) {
      this.#notesByPractice = new Map();
      for (const note of this.#records.annotations.values()) addNote(this.#notesByPractice, note);
    }
    return this.#notesByPractice.get(practiceId);
  }

  #reindex(kind: SearchKind, id: string): void {
    for (const lang of LANGUAGES) this.#index.remove(kindNum(kind), id, langNum(lang));
    this.#add(kind, id);
  }

  /** Indexes a known record if it is visible: not trashed, and for annotations, on a practice not trashed. */
  #add(kind: SearchKind, id: string): void {
    const record = this.#records[kind].get(id);
    if (!record || !this.#visible(kind, record)) return;
    const parent =
      kind === 'annotations'
        ? { kind: KIND.practices, id: (record as SearchRecords['annotations']).practiceId }
        : undefined;
    for (const doc of indexDocs(kind, record, this.#names)) {
      for (const terms of Object.values(doc.fields)) for (const term of terms) this.#compounds.add(term, doc.lang);
      this.#index.add(
        kindNum(kind),
        id,
        langNum(doc.lang),
        INDEX_FIELDS.map((field) => doc.fields[field]),
        parent,
      );
    }
  }

  #visible(kind: SearchKind, record: SearchRecords[SearchKind]): boolean {
    if ('deletedAt' in record && record.deletedAt) return false;
    if (kind !== 'annotations') return true;
    const practice = this.#records.practices.get((record as SearchRecords['annotations']).practiceId);
    return practice !== undefined && !practice.deletedAt;
  }

  /** Re-indexes what changed in `source` since a saved copy was made. */
  #reconcile(saved: SavedSearchIndex['stamps']): void {
    const stale: [SearchCollection, string][] = [];
    for (const collection of COLLECTIONS) {
      const ids = splitLines(saved[collection]?.ids ?? '');
      const stamps = splitLines(saved[collection]?.stamps ?? '');
      const current = this.#records[collection];
      // Usually the store lists records in the order they were saved: compare in step, look up only when not.
      let position: Map<string, number> | undefined;
      let i = 0;
      for (const record of current.values()) {
        let at: number | undefined = i++;
        if (ids[at] !== record.id) at = (position ??= new Map(ids.map((id, n) => [id, n]))).get(record.id);
        if (at === undefined || stamps[at] !== stampOf(record)) stale.push([collection, record.id]);
      }
      if (position || ids.length !== current.size) {
        for (const id of ids) if (!current.has(id)) stale.push([collection, id]);
      }
    }
    const done = new Set<string>();
    for (const [collection, id] of stale) {
      for (const [kind, recordId] of this.#affectedBy(collection, id)) {
        const key = `${kind}|${recordId}`;
        if (done.has(key)) continue;
        done.add(key);
        this.#reindex(kind, recordId);
      }
    }
  }
}

function bitCount(bits: number): number {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count++;
  return count;
}

function addNote(byPractice: Map<string, Set<string>>, note: SearchRecords['annotations']): void {
  let notes = byPractice.get(note.practiceId);
  if (!notes) byPractice.set(note.practiceId, (notes = new Set()));
  notes.add(note.id);
}

function splitLines(joined: string): string[] {
  return joined === '' ? [] : joined.split('\n');
}

function mapKinds<T>(fn: (kind: SearchKind) => T): Record<SearchKind, T> {
  return {
    practices: fn('practices'),
    annotations: fn('annotations'),
    visits: fn('visits'),
    glossary: fn('glossary'),
    comparison: fn('comparison'),
  };
}

/**
 * Changes whenever a record is edited, trashed, restored or merged: every new
 * version has a later `updatedAt` or a higher count in its version vector.
 */
function stampOf(record: SearchRecords[SearchCollection]): string {
  let changes = 0;
  for (const count of Object.values(record.version)) changes += count;
  if ('updatedAt' in record)
    return `${record.updatedAt}|${'deletedAt' in record ? (record.deletedAt ?? '') : ''}|${changes}`;
  return `${record.name.de}|${record.name.nl}|${changes}`.replaceAll('\n', ' ');
}
