/**
 * Builds an exchange bundle from the knowledge base: everything, or a
 * selection by topic, organisation or change date. A bundle is
 * self-contained: the organisations, topics, practices and visits its
 * records point at always come along, so the partner can import it alone.
 */
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
} from '../../../shared/bundle';
import { canonicalJson, sha256Hex } from './canonical-json';

export interface BundleSource {
  all<C extends BundleCollection>(collection: C): readonly BundleRecord<C>[];
  /** Versions waiting in conflict here. */
  conflicts(): readonly CollectionRecord[];
}

export interface WriteOptions {
  selection?: BundleSelection;
  exportedBy: Bundle['exportedBy'];
  exportedAt: string;
}

/**
 * The bundle and its file's bytes. The content is serialised and encoded
 * once, canonically: the same bytes are hashed for the checksum and written
 * into the file, so a reader can verify the checksum over the content as written.
 */
export function writeBundle(source: BundleSource, options: WriteOptions): { bundle: Bundle; bytes: Uint8Array } {
  const selected = select(source, options.selection ?? {});
  const content: BundleContent = {
    organisations: [],
    topics: [],
    practices: [],
    visits: [],
    annotations: [],
    glossary: [],
    comparison: [],
    tombstones: [],
    conflicts: [],
  };
  for (const collection of BUNDLE_COLLECTIONS) {
    for (const record of sortById(source.all(collection).filter((r) => selected.get(collection)!.has(r.id)))) {
      if ('deletedAt' in record && record.deletedAt !== undefined) content.tombstones.push({ collection, record } as BundleContent['tombstones'][number]);
      else (content[collection] as BundleRecord[]).push(record);
    }
  }
  content.conflicts = source
    .conflicts()
    .filter(({ collection, record }) => selected.get(collection)!.has(record.id))
    .map(({ collection, record }) => ({ collection, record }) as CollectionRecord);
  const header: Omit<Bundle, 'content' | 'checksum'> = {
    format: BUNDLE_FORMAT,
    schemaVersion: BUNDLE_SCHEMA_VERSION,
    exportedAt: options.exportedAt,
    exportedBy: options.exportedBy,
    ...(options.selection && Object.keys(options.selection).length > 0 ? { selection: options.selection } : {}),
  };
  const contentBytes = Buffer.from(canonicalJson(content), 'utf8');
  const checksum = { algorithm: 'sha256' as const, value: sha256Hex(contentBytes) };
  const bytes = Buffer.concat([
    Buffer.from(`${JSON.stringify(header).slice(0, -1)},"content":`, 'utf8'),
    contentBytes,
    Buffer.from(`,"checksum":${JSON.stringify(checksum)}}`, 'utf8'),
  ]);
  return { bundle: { ...header, content, checksum }, bytes };
}

/** The ids to export per collection: what the selection asks for, plus every parent it points at. */
function select(source: BundleSource, selection: BundleSelection): Map<BundleCollection, Set<string>> {
  const topicWanted = (ids: readonly string[]) => !selection.topicIds || ids.some((id) => selection.topicIds!.includes(id));
  const orgWanted = (...ids: string[]) => !selection.organisationIds || ids.some((id) => selection.organisationIds!.includes(id));
  const recent = (record: { updatedAt?: string }) => !selection.changedSince || (record.updatedAt ?? '') >= selection.changedSince;
  const ids = (records: readonly { id: string }[]) => new Set(records.map((r) => r.id));

  const practicesInScope = source.all('practices').filter((p) => topicWanted(p.topicIds) && orgWanted(p.organisationId));
  const scopeIds = ids(practicesInScope);
  const practices = ids(practicesInScope.filter(recent));
  const annotations = source.all('annotations').filter((a) => scopeIds.has(a.practiceId) && recent(a));
  const visits = ids(
    source.all('visits').filter((v) => topicWanted(v.topicIds) && orgWanted(v.hostOrganisationId, v.guestOrganisationId) && recent(v)),
  );
  for (const a of annotations) {
    practices.add(a.practiceId);
    if (a.visitId) visits.add(a.visitId);
  }
  const topicOfDimension = (dimension: string) => (dimension.startsWith('topic:') ? [dimension.slice('topic:'.length)] : []);
  return new Map<BundleCollection, Set<string>>([
    // Small and referenced by everything: always complete.
    ['organisations', ids(source.all('organisations'))],
    ['topics', ids(source.all('topics'))],
    ['practices', practices],
    ['visits', visits],
    ['annotations', ids(annotations)],
    ['glossary', ids(source.all('glossary').filter((g) => (!selection.topicIds || topicWanted(g.topicIds)) && recent(g)))],
    [
      'comparison',
      ids(
        source
          .all('comparison')
          .filter((c) => orgWanted(c.organisationId) && (!selection.topicIds || topicWanted(topicOfDimension(c.dimension))) && recent(c)),
      ),
    ],
  ]);
}

function sortById<T extends { id: string }>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
