/**
 * The inverted index: terms → postings, scored with BM25 per field.
 *
 * Why not MiniSearch's own `search`: it builds a result object for every
 * matching document before sorting, about 4 µs each. With 100 000 notes a
 * common word matches tens of thousands of documents, 50–300 ms per query.
 * This keeps postings in packed typed arrays and accumulates scores into
 * reusable arrays, so a query costs little more than reading its postings.
 * MiniSearch's radix tree (SearchableMap) still does the term lookups: exact,
 * by prefix and by edit distance.
 *
 * Documents belong to one of five kinds (scored as separate collections:
 * own document counts, document frequencies and average field lengths) and
 * have four fields. A posting packs document, field and term frequency into
 * one 32-bit integer.
 */
import SearchableMap from 'minisearch/SearchableMap';

export const KIND_COUNT = 5;
export const FIELD_COUNT = 4;
/** Document frequencies are kept per term, kind and field. */
const SLOTS = KIND_COUNT * FIELD_COUNT;

/** BM25 as in MiniSearch: k saturates term frequency, b weighs field length, d rewards any match. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
/** Term frequency is capped at 15 (4 bits); BM25 is saturated long before. */
const MAX_TF = 15;
const FIELD_SHIFT = 4;
const DOC_SHIFT = 6;
/** At most this many query words are tracked (one bit each). */
export const MAX_WORDS = 30;

export const FIELD_BITS = 0b1111;
/** A term from the user's own words matched. */
export const MATCHED_DIRECT = 16;
/** A term brought in by a glossary term matched. */
export const MATCHED_GLOSSARY = 32;

/** A term to score, with its weight and where it came from (-1: the user's words, else a glossary term's number). */
export interface ScoringTerm {
  termNum: number;
  weight: number;
  origin: number;
}

/** Per-document results of the last `score` call, valid until the next one. */
export interface Scores {
  /** Documents that matched at least one term. */
  docs: Int32Array;
  count: number;
  score: Float64Array;
  /** Bit per query word matched. */
  words: Uint32Array;
  /** Bits 0–3: fields matched (bit 0 = title); MATCHED_DIRECT, MATCHED_GLOSSARY: how. */
  flags: Uint8Array;
  /** First glossary origin that matched, when flags has MATCHED_GLOSSARY. */
  glossary: Int32Array;
}

/** The record a document belongs to, e.g. a note's practice. */
export interface Parent {
  kind: number;
  id: string;
}

/**
 * A saved copy. Lists of strings are joined into one string (ids contain no
 * line breaks, terms no spaces) and numbers are typed arrays in base64:
 * JSON.parse then reads a few long strings instead of a million short ones.
 */
export interface SavedInvertedIndex {
  /** Record id per document, joined with "\n". */
  recordIds: string;
  /** Record number per document, and parent record number (or -1). */
  recordNums: string;
  parentNums: string;
  /** Record keys (kind digit + id) by record number, joined with "\n". */
  numbered: string;
  kinds: string;
  langs: string;
  lengths: string;
  /** Terms by number, joined with " ". */
  terms: string;
  /** Where each term's postings start and end in `postings`. */
  offsets: string;
  postings: string;
  df: string;
}

export class InvertedIndex {
  // Documents, by number. Numbers are never reused; removed documents are marked dead.
  #docs = 0;
  #recordIds: string[] = [];
  #kinds = new Uint8Array(1024);
  #langs = new Uint8Array(1024);
  /** The document's kind + 1, or 0 once removed: one read tells both while scoring. */
  #alive = new Uint8Array(1024);
  #lengths = new Uint16Array(1024 * FIELD_COUNT);
  #dead = 0;
  /**
   * Records and their parents as small numbers, so ranking can group
   * documents by record without hashing strings: a document's record, and for
   * a note the practice it belongs to (numbered like that practice's own documents).
   */
  #recordNums = new Int32Array(1024);
  #parentNums = new Int32Array(1024);
  #numbered: string[] = [];
  readonly #liveByKind = new Float64Array(KIND_COUNT);
  readonly #lengthSum = new Float64Array(KIND_COUNT * FIELD_COUNT);
  // Lookups by key, built when first needed: a loaded index can answer queries without them.
  #byKeyMap: Map<string, number> | null = null;
  #numberingMap: Map<string, number> | null = null;

  // Terms, by number.
  /** Term → number: a Map for exact lookups, the radix tree for prefix and typo lookups. */
  #termNums = new Map<string, number>();
  #vocabulary = new SearchableMap<number>();
  #terms: string[] = [];
  #postings: Int32Array[] = [];
  #postingCount: number[] = [];
  /**
   * Per posting, BM25's term-frequency part, worked out ahead so scoring only
   * multiplies. It depends on the average field length, which moves as
   * documents come and go: recomputed when that has drifted by a tenth.
   */
  #tfParts: Float32Array[] = [];
  readonly #averages = new Float64Array(KIND_COUNT * FIELD_COUNT);
  /** Document frequency per term, kind and field: [term * SLOTS + kind * FIELD_COUNT + field]. */
  #df = new Uint32Array(1024 * SLOTS);

  // Scratch space for scoring, reused between queries.
  #stamp = 0;
  #seen = new Uint32Array(0);
  #scores: Scores = emptyScores(0);

  /** Adds a document; `fields[f]` are its terms in field f. Replaces a document with the same key. */
  add(
    kind: number,
    recordId: string,
    lang: number,
    fields: readonly (readonly string[] | undefined)[],
    parent?: Parent,
  ): void {
    this.remove(kind, recordId, lang);
    const doc = this.#newDoc(kind, recordId, lang, parent ? this.#number(parent.kind, parent.id) : -1);
    this.#byKey().set(docKey(kind, recordId, lang), doc);
    for (let field = 0; field < FIELD_COUNT; field++) {
      const terms = fields[field];
      if (!terms || terms.length === 0) continue;
      const length = Math.min(terms.length, 0xffff);
      this.#lengths[doc * FIELD_COUNT + field] = length;
      this.#lengthSum[kind * FIELD_COUNT + field]! += length;
      const frequencies = new Map<string, number>();
      for (const term of terms) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
      const slot = kind * FIELD_COUNT + field;
      if (this.#averages[slot] === 0) this.#averages[slot] = length;
      for (const [term, tf] of frequencies) {
        const termNum = this.#termNum(term);
        const capped = Math.min(tf, MAX_TF);
        this.#append(
          termNum,
          (doc << DOC_SHIFT) | (field << FIELD_SHIFT) | capped,
          tfPart(capped, length, this.#averages[slot]!),
        );
        this.#df[termNum * SLOTS + slot]!++;
      }
    }
  }

  /** Marks a document dead; its postings are dropped at the next vacuum. */
  remove(kind: number, recordId: string, lang: number): void {
    const key = docKey(kind, recordId, lang);
    const byKey = this.#byKey();
    const doc = byKey.get(key);
    if (doc === undefined) return;
    byKey.delete(key);
    this.#alive[doc] = 0;
    this.#liveByKind[kind]!--;
    for (let field = 0; field < FIELD_COUNT; field++)
      this.#lengthSum[kind * FIELD_COUNT + field]! -= this.#lengths[doc * FIELD_COUNT + field]!;
    // Postings of dead documents are skipped while scoring; drop them once they are a tenth of all.
    if (++this.#dead > 1000 && this.#dead > this.#docs / 10) this.vacuum();
  }

  has(kind: number, recordId: string, lang: number): boolean {
    return this.#byKey().has(docKey(kind, recordId, lang));
  }

  documentCount(kind: number): number {
    return this.#liveByKind[kind]!;
  }

  recordId(doc: number): string {
    return this.#recordIds[doc]!;
  }

  /** How many record numbers are in use: the size of arrays indexed by them. */
  get recordNumbers(): number {
    return this.#numbered.length;
  }

  /** Per-document tables for hot loops (read only; valid until the next change). */
  get tables(): { kinds: Uint8Array; recordNums: Int32Array; parentNums: Int32Array } {
    return { kinds: this.#kinds, recordNums: this.#recordNums, parentNums: this.#parentNums };
  }

  kind(doc: number): number {
    return this.#kinds[doc]!;
  }

  lang(doc: number): number {
    return this.#langs[doc]!;
  }

  // --- term lookups ---------------------------------------------------------

  termNum(term: string): number | undefined {
    return this.#termNums.get(term);
  }

  /** Terms starting with `prefix` (not the prefix itself), with their numbers. */
  withPrefix(prefix: string): [string, number][] {
    const found: [string, number][] = [];
    for (const [term, termNum] of this.#vocabulary.atPrefix(prefix).entries())
      if (term !== prefix) found.push([term, termNum]);
    return found;
  }

  /** Whether some term other than `prefix` starts with it. */
  hasPrefix(prefix: string): boolean {
    for (const term of this.#vocabulary.atPrefix(prefix).keys()) if (term !== prefix) return true;
    return false;
  }

  /** Whether `term` is in the vocabulary. */
  hasTerm(term: string): boolean {
    return this.#termNums.has(term);
  }

  /** Terms within `distance` edits of `term` (not the term itself), with their numbers and distances. */
  withinDistance(term: string, distance: number): [string, number, number][] {
    const found: [string, number, number][] = [];
    for (const [candidate, [termNum, edits]] of this.#vocabulary.fuzzyGet(term, distance)) {
      if (edits > 0) found.push([candidate, termNum, edits]);
    }
    return found;
  }

  // --- scoring --------------------------------------------------------------

  /**
   * Scores every document of a wanted kind that matches any of the terms.
   * `words[i]` are the terms standing for query word i.
   */
  score(
    words: readonly (readonly ScoringTerm[])[],
    wantedKinds: readonly boolean[],
    fieldBoost: readonly number[],
  ): Scores {
    this.#prepareScratch();
    if (this.#averagesDrifted()) this.refreshTfParts();
    const stamp = ++this.#stamp;
    const seen = this.#seen;
    const out = this.#scores;
    let count = 0;
    const idf = new Float64Array(KIND_COUNT * FIELD_COUNT);
    const wanted = Uint8Array.from({ length: KIND_COUNT }, (_, kind) => (wantedKinds[kind] ? 1 : 0));
    // Locals for the hot loop: private fields cost a check on every access.
    const alive = this.#alive;
    const { score: scoreOf, words: wordsOf, flags, glossary } = out;

    for (let word = 0; word < words.length && word < MAX_WORDS; word++) {
      const bit = 1 << word;
      for (const { termNum, weight, origin } of words[word]!) {
        // IDF per kind and field, as if each kind were its own collection.
        for (let slot = 0; slot < KIND_COUNT * FIELD_COUNT; slot++) {
          const n = this.#liveByKind[Math.floor(slot / FIELD_COUNT)]!;
          const df = Math.min(this.#df[termNum * SLOTS + slot]!, n);
          idf[slot] = Math.log(1 + (n - df + 0.5) / (df + 0.5)) * weight * fieldBoost[slot % FIELD_COUNT]!;
        }
        const postings = this.#postings[termNum]!;
        const tfParts = this.#tfParts[termNum]!;
        const length = this.#postingCount[termNum]!;
        for (let i = 0; i < length; i++) {
          const entry = postings[i]!;
          const doc = entry >>> DOC_SHIFT;
          const kind = alive[doc]! - 1; // -1: removed
          if (kind < 0 || wanted[kind] === 0) continue;
          const field = (entry >>> FIELD_SHIFT) & 3;
          const s = idf[kind * FIELD_COUNT + field]! * tfParts[i]!;
          const how = origin < 0 ? MATCHED_DIRECT : MATCHED_GLOSSARY;
          if (seen[doc] !== stamp) {
            seen[doc] = stamp;
            out.docs[count++] = doc;
            scoreOf[doc] = s;
            wordsOf[doc] = bit;
            flags[doc] = (1 << field) | how;
            if (origin >= 0) glossary[doc] = origin;
            continue;
          }
          scoreOf[doc] = scoreOf[doc]! + s;
          wordsOf[doc] = wordsOf[doc]! | bit;
          const before = flags[doc]!;
          if (origin >= 0 && (before & MATCHED_GLOSSARY) === 0) glossary[doc] = origin;
          flags[doc] = before | (1 << field) | how;
        }
      }
    }
    out.count = count;
    return out;
  }

  // --- maintenance ------------------------------------------------------------

  /** Drops postings of removed documents and recounts document frequencies. */
  vacuum(): void {
    this.#df.fill(0);
    for (let termNum = 0; termNum < this.#terms.length; termNum++) {
      const postings = this.#postings[termNum]!;
      let kept = 0;
      for (let i = 0; i < this.#postingCount[termNum]!; i++) {
        const entry = postings[i]!;
        const doc = entry >>> DOC_SHIFT;
        if (this.#alive[doc] === 0) continue;
        this.#tfParts[termNum]![kept] = this.#tfParts[termNum]![i]!;
        postings[kept++] = entry;
        this.#df[termNum * SLOTS + this.#kinds[doc]! * FIELD_COUNT + ((entry >>> FIELD_SHIFT) & 3)]!++;
      }
      this.#postingCount[termNum] = kept;
    }
    this.#dead = 0;
  }

  /** A compact copy: live documents only, renumbered. */
  toJSON(): SavedInvertedIndex {
    if (this.#dead > 0) this.vacuum(); // so postings and document frequencies count live documents only
    const renumbered = new Int32Array(this.#docs).fill(-1);
    const live: number[] = [];
    for (let doc = 0; doc < this.#docs; doc++) {
      if (this.#alive[doc] === 0) continue;
      renumbered[doc] = live.length;
      live.push(doc);
    }
    const lengths = new Uint16Array(live.length * FIELD_COUNT);
    live.forEach((doc, i) =>
      lengths.set(this.#lengths.subarray(doc * FIELD_COUNT, (doc + 1) * FIELD_COUNT), i * FIELD_COUNT),
    );
    const terms: string[] = [];
    const offsets: number[] = [0];
    const df: Uint32Array[] = [];
    const postings = new Int32Array(this.#postingCount.reduce((sum, count) => sum + count, 0));
    let used = 0;
    for (let termNum = 0; termNum < this.#terms.length; termNum++) {
      const list = this.#postings[termNum]!;
      const count = this.#postingCount[termNum]!;
      if (count === 0) continue; // a term no live document has any more
      for (let i = 0; i < count; i++)
        postings[used++] = (renumbered[list[i]! >>> DOC_SHIFT]! << DOC_SHIFT) | (list[i]! & ((1 << DOC_SHIFT) - 1));
      terms.push(this.#terms[termNum]!);
      offsets.push(used);
      df.push(this.#df.subarray(termNum * SLOTS, termNum * SLOTS + SLOTS));
    }
    const dfAll = new Uint32Array(terms.length * SLOTS);
    df.forEach((counts, i) => dfAll.set(counts, i * SLOTS));
    return {
      recordIds: live.map((doc) => this.#recordIds[doc]!).join('\n'),
      recordNums: base64(Int32Array.from(live, (doc) => this.#recordNums[doc]!)),
      parentNums: base64(Int32Array.from(live, (doc) => this.#parentNums[doc]!)),
      numbered: this.#numbered.join('\n'),
      kinds: base64(Uint8Array.from(live, (doc) => this.#kinds[doc]!)),
      langs: base64(Uint8Array.from(live, (doc) => this.#langs[doc]!)),
      lengths: base64(lengths),
      terms: terms.join(' '),
      offsets: base64(Uint32Array.from(offsets)),
      postings: base64(postings.subarray(0, used)),
      df: base64(dfAll),
    };
  }

  static fromJSON(saved: SavedInvertedIndex): InvertedIndex {
    const index = new InvertedIndex();
    const recordIds = splitList(saved.recordIds, '\n');
    const docs = recordIds.length;
    const terms = splitList(saved.terms, ' ');
    const kinds = fromBase64(saved.kinds, Uint8Array);
    const langs = fromBase64(saved.langs, Uint8Array);
    const lengths = fromBase64(saved.lengths, Uint16Array);
    const recordNums = fromBase64(saved.recordNums, Int32Array);
    const parentNums = fromBase64(saved.parentNums, Int32Array);
    const numbered = splitList(saved.numbered, '\n');
    const offsets = fromBase64(saved.offsets, Uint32Array);
    const postings = fromBase64(saved.postings, Int32Array);
    const df = fromBase64(saved.df, Uint32Array);
    const consistent =
      [kinds, langs, recordNums, parentNums].every((array) => array.length === docs) &&
      lengths.length === docs * FIELD_COUNT &&
      offsets.length === terms.length + 1 &&
      offsets[terms.length] === postings.length &&
      df.length === terms.length * SLOTS &&
      recordNums.every((num) => num >= 0 && num < numbered.length) &&
      parentNums.every((num) => num >= -1 && num < numbered.length) &&
      postings.every((entry) => entry >>> DOC_SHIFT < docs);
    if (!consistent) throw new Error('inconsistent saved index');

    const capacity = Math.max(1024, docs);
    index.#docs = docs;
    index.#recordIds = recordIds;
    index.#kinds = grow(kinds, capacity);
    index.#langs = grow(langs, capacity);
    index.#alive = new Uint8Array(capacity);
    kinds.forEach((kind, doc) => (index.#alive[doc] = kind + 1));
    index.#lengths = grow(lengths, capacity * FIELD_COUNT);
    index.#recordNums = grow(recordNums, capacity);
    index.#parentNums = grow(parentNums, capacity);
    index.#numbered = numbered;
    for (let doc = 0; doc < docs; doc++) {
      const kind = kinds[doc]!;
      index.#liveByKind[kind]!++;
      for (let field = 0; field < FIELD_COUNT; field++)
        index.#lengthSum[kind * FIELD_COUNT + field]! += lengths[doc * FIELD_COUNT + field]!;
    }
    index.#terms = terms;
    const entries = terms.map((term, termNum): [string, number] => [term, termNum]);
    index.#termNums = new Map(entries);
    index.#vocabulary = SearchableMap.from(entries);
    // Views into one buffer; a list is copied out the first time it grows.
    for (let termNum = 0; termNum < terms.length; termNum++) {
      index.#postings.push(postings.subarray(offsets[termNum]!, offsets[termNum + 1]!));
      index.#postingCount.push(offsets[termNum + 1]! - offsets[termNum]!);
    }
    index.#df = grow(df, Math.max(1024 * SLOTS, df.length));
    index.#tfParts = index.#postings.map((list) => new Float32Array(list.length));
    index.refreshTfParts();
    return index;
  }

  // --- growth and lookups -----------------------------------------------------

  #byKey(): Map<string, number> {
    if (!this.#byKeyMap) {
      this.#byKeyMap = new Map();
      for (let doc = 0; doc < this.#docs; doc++) {
        if (this.#alive[doc] !== 0)
          this.#byKeyMap.set(docKey(this.#kinds[doc]!, this.#recordIds[doc]!, this.#langs[doc]!), doc);
      }
    }
    return this.#byKeyMap;
  }

  #number(kind: number, recordId: string): number {
    if (!this.#numberingMap) this.#numberingMap = new Map(this.#numbered.map((key, num) => [key, num]));
    const key = `${kind}${recordId}`;
    let num = this.#numberingMap.get(key);
    if (num === undefined) {
      num = this.#numbered.length;
      this.#numberingMap.set(key, num);
      this.#numbered.push(key);
    }
    return num;
  }

  #newDoc(kind: number, recordId: string, lang: number, parentNum: number): number {
    const doc = this.#docs++;
    if (doc >= this.#kinds.length) {
      const capacity = this.#kinds.length * 2;
      this.#kinds = grow(this.#kinds, capacity);
      this.#langs = grow(this.#langs, capacity);
      this.#alive = grow(this.#alive, capacity);
      this.#lengths = grow(this.#lengths, capacity * FIELD_COUNT);
      this.#recordNums = grow(this.#recordNums, capacity);
      this.#parentNums = grow(this.#parentNums, capacity);
    }
    this.#recordIds[doc] = recordId;
    this.#recordNums[doc] = this.#number(kind, recordId);
    this.#parentNums[doc] = parentNum;
    this.#kinds[doc] = kind;
    this.#langs[doc] = lang;
    this.#alive[doc] = kind + 1;
    this.#liveByKind[kind]!++;
    return doc;
  }

  #termNum(term: string): number {
    const known = this.#termNums.get(term);
    if (known !== undefined) return known;
    const termNum = this.#terms.length;
    this.#terms.push(term);
    this.#termNums.set(term, termNum);
    this.#vocabulary.set(term, termNum);
    this.#postings.push(new Int32Array(4));
    this.#tfParts.push(new Float32Array(4));
    this.#postingCount.push(0);
    if ((termNum + 1) * SLOTS > this.#df.length) this.#df = grow(this.#df, this.#df.length * 2);
    return termNum;
  }

  #append(termNum: number, entry: number, part: number): void {
    let postings = this.#postings[termNum]!;
    let parts = this.#tfParts[termNum]!;
    const count = this.#postingCount[termNum]!;
    if (count === postings.length) {
      this.#postings[termNum] = postings = grow(postings, Math.max(4, postings.length * 2));
      this.#tfParts[termNum] = parts = grow(parts, postings.length);
    }
    postings[count] = entry;
    parts[count] = part;
    this.#postingCount[termNum] = count + 1;
  }

  /** Recomputes every posting's term-frequency part with the current average field lengths. */
  refreshTfParts(): void {
    for (let slot = 0; slot < KIND_COUNT * FIELD_COUNT; slot++) this.#averages[slot] = this.#average(slot);
    const averages = this.#averages;
    const alive = this.#alive;
    const lengths = this.#lengths;
    for (let termNum = 0; termNum < this.#terms.length; termNum++) {
      const postings = this.#postings[termNum]!;
      const parts = this.#tfParts[termNum]!;
      for (let i = 0; i < this.#postingCount[termNum]!; i++) {
        const entry = postings[i]!;
        const doc = entry >>> DOC_SHIFT;
        const kind = alive[doc]! - 1;
        if (kind < 0) continue;
        const field = (entry >>> FIELD_SHIFT) & 3;
        parts[i] = tfPart(entry & MAX_TF, lengths[doc * FIELD_COUNT + field]!, averages[kind * FIELD_COUNT + field]!);
      }
    }
  }

  #average(slot: number): number {
    const live = this.#liveByKind[Math.floor(slot / FIELD_COUNT)]!;
    return live > 0 ? this.#lengthSum[slot]! / live : 0;
  }

  #averagesDrifted(): boolean {
    for (let slot = 0; slot < KIND_COUNT * FIELD_COUNT; slot++) {
      const used = this.#averages[slot]!;
      const now = this.#average(slot);
      if (Math.abs(now - used) > 0.1 * Math.max(used, now)) return true;
    }
    return false;
  }

  #prepareScratch(): void {
    if (this.#seen.length >= this.#docs) return;
    const capacity = Math.max(1024, this.#kinds.length);
    this.#seen = new Uint32Array(capacity);
    this.#scores = emptyScores(capacity);
    this.#stamp = 0;
  }
}

/** BM25's term-frequency part, as MiniSearch computes it. */
function tfPart(tf: number, length: number, average: number): number {
  const { k, b, d } = BM25;
  const relative = average > 0 ? length / average : 1;
  return d + (tf * (k + 1)) / (tf + k * (1 - b + b * relative));
}

function docKey(kind: number, recordId: string, lang: number): string {
  return `${kind}${lang}${recordId}`;
}

function splitList(joined: string, separator: string): string[] {
  return joined === '' ? [] : joined.split(separator);
}

function emptyScores(capacity: number): Scores {
  return {
    docs: new Int32Array(capacity),
    count: 0,
    score: new Float64Array(capacity),
    words: new Uint32Array(capacity),
    flags: new Uint8Array(capacity),
    glossary: new Int32Array(capacity),
  };
}

type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array;

/** A copy of `array` with room for `capacity` elements (never shorter than the original). */
function grow<T extends TypedArray>(array: T, capacity: number): T {
  const next = new (array.constructor as new (length: number) => T)(Math.max(capacity, array.length));
  next.set(array);
  return next;
}

function base64(array: TypedArray): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

function fromBase64<T extends TypedArray>(
  text: string,
  type: { new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number },
): T {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength % type.BYTES_PER_ELEMENT !== 0) throw new Error('inconsistent saved index');
  // Copy into a fresh, aligned buffer: Buffer's pool offset may not be aligned for 32-bit views.
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return new type(copy);
}
