/**
 * From per-document scores to the best records of each kind: keeps documents
 * matching every query word (or, when no record has them all, any of the
 * informative ones, ranked by how many they match), counts each record once
 * (its better-matching language), adds practices found through their notes,
 * and picks the top few per kind without sorting all matches.
 */
import { KIND_COUNT, type InvertedIndex, type Scores } from './inverted-index';

export const KIND = { practices: 0, annotations: 1, visits: 2, glossary: 3, comparison: 4 } as const;

/** A practice found only through one of its notes ranks below practices found in their own text. */
const NOTE_WEIGHT = 0.3;

export interface Ranked {
  /** The document that matched (for a practice found through a note: the note's document). */
  doc: number;
  score: number;
  throughNote: boolean;
}

export interface RankOptions {
  /** Bits of the query words a document must all match. */
  required: number;
  /** Masks of query words a document must match all of at least one of (empty: no such condition)… */
  anyOf: readonly number[];
  /** …and whose score then grows with the number of words matched. */
  partial: boolean;
  limit: number;
  /** Per kind: whether to report it. */
  report: readonly boolean[];
  /** Whether practices are also found through their notes. */
  practicesFromNotes: boolean;
  /** Filters for a document of its own kind; absent when nothing is filtered. */
  accept?: (doc: number) => boolean;
  /** Filters for a note standing in for its practice. */
  acceptNoteForPractice?: (doc: number) => boolean;
  /** Orders equal scores, so results do not depend on document numbering. */
  tieBreak: (doc: number) => string;
}

export interface RankedKinds {
  top: Ranked[][];
  totals: number[];
}

export class Ranker {
  #stamp = 0;
  #seen = new Uint32Array(0);
  #best = new Float64Array(0);
  #bestDoc = new Int32Array(0);
  #note = new Float64Array(0);
  #noteDoc = new Int32Array(0);

  rank(index: InvertedIndex, scores: Scores, options: RankOptions): RankedKinds {
    this.#prepare(index.recordNumbers);
    const stamp = ++this.#stamp;
    const { required, anyOf, partial, report, practicesFromNotes, accept, acceptNoteForPractice } = options;
    const seen = this.#seen;
    const best = this.#best;
    const bestDoc = this.#bestDoc;
    const note = this.#note;
    const noteDoc = this.#noteDoc;
    // Records touched, per kind (plain arrays of record numbers: no object per match).
    const touched: number[][] = Array.from({ length: KIND_COUNT }, () => []);
    const notes = new TopK(options.limit, options.tieBreak);
    let notesFound = 0;
    const { kinds, recordNums, parentNums } = index.tables;

    for (let i = 0; i < scores.count; i++) {
      const doc = scores.docs[i]!;
      const words = scores.words[doc]!;
      if ((words & required) !== required) continue;
      if (anyOf.length > 0 && !anyOf.some((mask) => (words & mask) === mask)) continue;
      const score = partial ? scores.score[doc]! * bitCount(words) : scores.score[doc]!;
      const kind = kinds[doc]!;
      let record: number;
      if (kind === KIND.annotations) {
        if (report[kind] && (!accept || accept(doc))) {
          notesFound++;
          if (score >= notes.threshold) notes.offer(doc, score, false);
        }
        record = parentNums[doc]!;
        if (!practicesFromNotes || record < 0 || (acceptNoteForPractice && !acceptNoteForPractice(doc))) continue;
      } else {
        if (accept && !accept(doc)) continue;
        record = recordNums[doc]!;
      }
      if (seen[record] !== stamp) {
        seen[record] = stamp;
        best[record] = -1;
        note[record] = -1;
        touched[kind === KIND.annotations ? KIND.practices : kind]!.push(record);
      }
      if (kind === KIND.annotations) {
        if (score * NOTE_WEIGHT > note[record]!) {
          note[record] = score * NOTE_WEIGHT;
          noteDoc[record] = doc;
        }
      } else if (score > best[record]!) {
        best[record] = score;
        bestDoc[record] = doc;
      }
    }

    const top: Ranked[][] = [];
    const totals: number[] = [];
    for (let kind = 0; kind < KIND_COUNT; kind++) {
      if (kind === KIND.annotations) {
        totals.push(notesFound);
        top.push(notes.best());
        continue;
      }
      const records = touched[kind]!;
      const selected = new TopK(options.limit, options.tieBreak);
      for (const record of records) {
        const direct = best[record]! >= 0;
        const score = direct ? best[record]! : note[record]!;
        if (score >= selected.threshold) selected.offer(direct ? bestDoc[record]! : noteDoc[record]!, score, !direct);
      }
      totals.push(records.length);
      top.push(selected.best());
    }
    return { top, totals };
  }

  #prepare(records: number): void {
    if (this.#seen.length >= records) return;
    const capacity = Math.max(1024, records * 2);
    this.#seen = new Uint32Array(capacity);
    this.#best = new Float64Array(capacity);
    this.#bestDoc = new Int32Array(capacity);
    this.#note = new Float64Array(capacity);
    this.#noteDoc = new Int32Array(capacity);
    this.#stamp = 0;
  }
}

/** The `k` best offered, best first: a small sorted list, so most offers cost one comparison. */
export class TopK {
  readonly #k: number;
  readonly #tieBreak: (doc: number) => string;
  readonly #items: Ranked[] = [];
  /** Scores below this cannot enter: callers skip `offer` for them. */
  threshold = -Infinity;

  constructor(k: number, tieBreak: (doc: number) => string) {
    this.#k = Math.max(0, k);
    this.#tieBreak = tieBreak;
    if (this.#k === 0) this.threshold = Infinity;
  }

  offer(doc: number, score: number, throughNote: boolean): void {
    const items = this.#items;
    const last = items[items.length - 1];
    if (items.length === this.#k && (last === undefined || !this.#better(doc, score, last))) return;
    let at = items.length;
    while (at > 0 && this.#better(doc, score, items[at - 1]!)) at--;
    items.splice(at, 0, { doc, score, throughNote });
    if (items.length > this.#k) items.pop();
    if (items.length === this.#k) this.threshold = items[items.length - 1]!.score;
  }

  best(): Ranked[] {
    return this.#items;
  }

  #better(doc: number, score: number, than: Ranked): boolean {
    return score > than.score || (score === than.score && this.#tieBreak(doc) < this.#tieBreak(than.doc));
  }
}

function bitCount(bits: number): number {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count++;
  return count;
}
