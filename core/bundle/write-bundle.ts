/**
 * Builds an exchange bundle from the knowledge base: everything, or a
 * selection by topic, organisation or change date. A bundle is
 * self-contained: the organisations, topics, practices and visits its
 * records point at always come along, so the partner can import it alone.
 */
import { createHash, type Hash } from 'node:crypto';
import {
  BUNDLE_COLLECTIONS,
  BUNDLE_FORMAT,
  BUNDLE_SCHEMA_VERSION,
  type Bundle,
  type BundleCollection,
  type BundleContent,
  type BundleRecord,
  type BundleSelection,
  type CollectionRecord,
} from '../../shared/bundle';
import { canonicalJson } from '../base/canonical-json';
import { ComparisonDimension } from '../../shared/model';

export interface BundleSource {
  all<C extends BundleCollection>(collection: C): readonly BundleRecord<C>[];
  /** Versions waiting in conflict here. */
  conflicts(): readonly CollectionRecord[];
  /**
   * A record's canonical JSON. Default: canonicalJson. The store keeps its
   * records canonicalized, so for them plain JSON.stringify is canonical,
   * without canonicalJson's look at every object's key order.
   */
  serialize?: (record: unknown) => string;
}

export interface WriteOptions {
  selection?: BundleSelection;
  exportedBy: Bundle['exportedBy'];
  exportedAt: string;
}

type Header = Omit<Bundle, 'content' | 'checksum'>;

export interface PreparedBundle {
  header: Header;
  /** What the bundle holds; its records are the source's own, not copies. */
  content: BundleContent;
  /**
   * The file's bytes, made piece by piece as they are read (read them once),
   * so that no copy of the whole file is ever held; returns the checksum.
   */
  pieces: Generator<Uint8Array, Bundle['checksum']>;
}

/**
 * Selects what goes into the bundle now; the bytes are made when its pieces
 * are read. The content is serialised canonically and hashed as it is
 * written: the checksum covers the content exactly as the file holds it.
 */
export function prepareBundle(source: BundleSource, options: WriteOptions): PreparedBundle {
  const selected = select(source, options.selection ?? {});
  const content: BundleContent = {
    organisations: [],
    topics: [],
    practices: [],
    visits: [],
    // Personal data: only when asked for, and left out when there are none.
    ...(options.selection?.includeContacts ? { contacts: [] } : {}),
    annotations: [],
    glossary: [],
    comparison: [],
    // Left out when there are none, as in bundles made before tags had labels.
    tagLabels: [],
    tombstones: [],
    conflicts: [],
  };
  for (const collection of BUNDLE_COLLECTIONS) {
    if (!content[collection]) continue; // contacts not asked for
    const wanted = selected.get(collection);
    const records = source.all(collection);
    for (const record of sortById(wanted ? records.filter((r) => wanted.has(r.id)) : records)) {
      if (!exchangeable(collection, record)) continue;
      if ('deletedAt' in record && record.deletedAt !== undefined)
        content.tombstones.push({ collection, record } as BundleContent['tombstones'][number]);
      else (content[collection] as BundleRecord[]).push(record);
    }
  }
  if (content.contacts?.length === 0) delete content.contacts;
  if (content.tagLabels?.length === 0) delete content.tagLabels;
  content.conflicts = source
    .conflicts()
    .filter(({ collection, record }) => selected.get(collection)?.has(record.id) ?? true)
    .map(({ collection, record }) => ({ collection, record }) as CollectionRecord);
  const header: Header = {
    format: BUNDLE_FORMAT,
    schemaVersion: BUNDLE_SCHEMA_VERSION,
    exportedAt: options.exportedAt,
    exportedBy: options.exportedBy,
    ...(options.selection && Object.keys(options.selection).length > 0 ? { selection: options.selection } : {}),
  };
  return { header, content, pieces: bundlePieces(header, content, source.serialize ?? canonicalJson) };
}

/** The whole bundle and its file's bytes at once: for small bundles. */
export function writeBundle(source: BundleSource, options: WriteOptions): { bundle: Bundle; bytes: Uint8Array } {
  const { header, content, pieces } = prepareBundle(source, options);
  const bytes: Uint8Array[] = [];
  let piece = pieces.next();
  for (; !piece.done; piece = pieces.next()) bytes.push(piece.value);
  return { bundle: { ...header, content, checksum: piece.value }, bytes: Buffer.concat(bytes) };
}

/**
 * `{…header,"content":<canonical JSON of content>,"checksum":{…}}`. The
 * content's members are written in canonical (sorted) order; its records
 * one by one, each encoded straight into the current piece: encoding one
 * huge string would cost several times more.
 */
function* bundlePieces(
  header: Header,
  content: BundleContent,
  serialize: (record: unknown) => string,
): Generator<Uint8Array, Bundle['checksum']> {
  const out = new PieceWriter();
  out.text(`${JSON.stringify(header).slice(0, -1)},"content":`);
  yield* out.cut();
  out.hash = createHash('sha256');
  let member = '{';
  for (const name of (Object.keys(content) as (keyof BundleContent)[]).sort()) {
    out.text(`${member}${JSON.stringify(name)}:[`);
    member = ',';
    const items: readonly unknown[] = content[name] ?? [];
    for (let i = 0; i < items.length; i++) {
      if (i > 0) out.comma();
      if (name === 'tombstones' || name === 'conflicts') {
        const { collection, record } = items[i] as CollectionRecord;
        out.text(`{"collection":${JSON.stringify(collection)},"record":${serialize(record)}}`);
      } else {
        out.text(serialize(items[i]));
      }
      if (out.full) yield* out.cut();
    }
    out.text(']');
  }
  out.text('}');
  yield* out.cut();
  const checksum = { algorithm: 'sha256' as const, value: out.hash.digest('hex') };
  out.hash = undefined;
  out.text(`,"checksum":${JSON.stringify(checksum)}}`);
  yield* out.cut();
  return checksum;
}

/** Text encoded as UTF-8 into pieces of about PIECE_BYTES, each hashed (when hashing) as it is cut. */
class PieceWriter {
  static readonly PIECE_BYTES = 1 << 20;
  static readonly #encoder = new TextEncoder();
  hash: Hash | undefined;
  #piece = Buffer.allocUnsafe(PieceWriter.PIECE_BYTES);
  #used = 0;
  #done: Uint8Array[] = [];

  get full(): boolean {
    return this.#done.length > 0 || this.#used >= PieceWriter.PIECE_BYTES / 2;
  }

  text(text: string): void {
    // A UTF-16 code unit takes at most three bytes in UTF-8.
    if (this.#used + 3 * text.length > this.#piece.length) this.#next(3 * text.length);
    this.#used += PieceWriter.#encoder.encodeInto(text, this.#piece.subarray(this.#used)).written;
  }

  comma(): void {
    if (this.#used === this.#piece.length) this.#next(1);
    this.#piece[this.#used++] = 0x2c;
  }

  /** The pieces finished so far, the current one included. */
  cut(): Uint8Array[] {
    this.#next(0);
    const done = this.#done;
    this.#done = [];
    return done;
  }

  #next(room: number): void {
    if (this.#used > 0) {
      const piece = this.#piece.subarray(0, this.#used);
      this.hash?.update(piece);
      this.#done.push(piece);
      this.#piece = Buffer.allocUnsafe(Math.max(PieceWriter.PIECE_BYTES, room));
      this.#used = 0;
    } else if (this.#piece.length < room) {
      this.#piece = Buffer.allocUnsafe(room);
    }
  }
}

/** The ids to export per collection: what the selection asks for, plus every parent it points at; no entry means all. */
function select(source: BundleSource, selection: BundleSelection): Map<BundleCollection, Set<string>> {
  if (!selection.topicIds && !selection.organisationIds && !selection.changedSince) return new Map();
  const topicWanted = (ids: readonly string[]) =>
    !selection.topicIds || ids.some((id) => selection.topicIds!.includes(id));
  const orgWanted = (...ids: string[]) =>
    !selection.organisationIds || ids.some((id) => selection.organisationIds!.includes(id));
  const recent = (record: { updatedAt?: string }) =>
    !selection.changedSince || (record.updatedAt ?? '') >= selection.changedSince;
  const ids = (records: readonly { id: string }[]) => new Set(records.map((r) => r.id));

  const practicesInScope = source
    .all('practices')
    .filter((p) => topicWanted(p.topicIds) && orgWanted(p.organisationId));
  const scopeIds = ids(practicesInScope);
  const practices = ids(practicesInScope.filter(recent));
  const annotations = source.all('annotations').filter((a) => scopeIds.has(a.practiceId) && recent(a));
  const visitsInScope = source
    .all('visits')
    .filter((v) => topicWanted(v.topicIds) && orgWanted(v.hostOrganisationId, v.guestOrganisationId));
  const visitScope = ids(visitsInScope);
  const visits = ids(visitsInScope.filter(recent));
  for (const a of annotations) {
    practices.add(a.practiceId);
    if (a.visitId) visits.add(a.visitId);
  }
  // A visit's contacts travel with it (when contacts are exported at all), and bring it along when they changed.
  const contacts = source
    .all('contacts')
    .filter((c) => visits.has(c.visitId) || (visitScope.has(c.visitId) && recent(c)));
  for (const c of contacts) visits.add(c.visitId);
  const topicOfDimension = (dimension: string) =>
    dimension.startsWith('topic:') ? [dimension.slice('topic:'.length)] : [];
  return new Map<BundleCollection, Set<string>>([
    // Small and referenced by everything: always complete.
    ['organisations', ids(source.all('organisations'))],
    ['topics', ids(source.all('topics'))],
    ['practices', practices],
    ['visits', visits],
    ['contacts', ids(contacts)],
    ['annotations', ids(annotations)],
    [
      'glossary',
      ids(source.all('glossary').filter((g) => (!selection.topicIds || topicWanted(g.topicIds)) && recent(g))),
    ],
    [
      'comparison',
      ids(
        source
          .all('comparison')
          .filter(
            (c) =>
              orgWanted(c.organisationId) &&
              (!selection.topicIds || topicWanted(topicOfDimension(c.dimension))) &&
              recent(c),
          ),
      ),
    ],
    // The labels of the tags the practices in scope carry (or were merged into).
    [
      'tagLabels',
      ids(
        source.all('tagLabels').filter((l) => {
          const carried = practicesInScope.some(
            (p) => p.tags.includes(l.tag) || (l.sameAs && p.tags.includes(l.sameAs)),
          );
          return carried && recent(l);
        }),
      ),
    ],
  ]);
}

/**
 * Whether a bundle can carry the record: a store may hold records imported
 * before the exchange's rules were tightened (an unknown comparison dimension,
 * no version on a record that is not starter content); sending them on would
 * make the partner refuse the whole bundle.
 */
function exchangeable(collection: BundleCollection, record: BundleRecord): boolean {
  if (!('starter' in record && record.starter) && Object.keys(record.version).length === 0) return false;
  return (
    collection !== 'comparison' ||
    ComparisonDimension.safeParse((record as BundleRecord<'comparison'>).dimension).success
  );
}

function sortById<T extends { id: string }>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
