/**
 * The exchange bundle: the one schema of the `*.twinning-kb.json` file two
 * installations send each other. Export, import, the command line and the
 * published JSON Schema (data/bundle.schema.json) all derive from it.
 */
import { z } from 'zod';
import {
  Annotation,
  ComparisonDimension,
  ComparisonEntry,
  GlossaryTerm,
  Id,
  Organisation,
  ParticipantContact,
  Practice,
  TagLabel,
  Topic,
  Visit,
  VersionVector,
} from './model';
import { UtcTimestamp } from './time';

export const BUNDLE_FORMAT = 'twinning-kb.bundle';
export const BUNDLE_SCHEMA_VERSION = 1;
export const BUNDLE_EXTENSION = '.twinning-kb.json';

/** The record collections a bundle carries, in the order they are merged (parents first). */
export const BUNDLE_COLLECTIONS = [
  'organisations',
  'topics',
  'practices',
  'visits',
  'contacts',
  'annotations',
  'glossary',
  'comparison',
  'tagLabels',
] as const;
export type BundleCollection = (typeof BUNDLE_COLLECTIONS)[number];

// --- How a bundle spells what the store keeps in one spelling ------------------
// A partner's tools may write what the schema allows in more than one way. The
// app reads each in the one spelling it writes itself, so that the same
// record never looks like two versions (docs/bundle-format.md, "Normalised on import").

/** An installation id; a UUID written in upper case is read in lower case. */
const InstallationId = z.uuid().transform((id) => id.toLowerCase());

export { UtcTimestamp } from './time';

/**
 * A version vector as a bundle must carry it (no default): its installation
 * ids in lower case and in order; two keys for one installation (in different
 * case) count as the larger.
 */
export const ExchangedVersion = VersionVector.transform((version) => {
  // Already so (as this app writes it): kept as it is, which is what the sorting below would give.
  const keys = Object.keys(version);
  let inOrder = true;
  for (let i = 0; i < keys.length && inOrder; i++)
    inOrder = keys[i] === keys[i]!.toLowerCase() && (i === 0 || keys[i - 1]! < keys[i]!);
  if (inOrder) return version;
  const counts = new Map<string, number>();
  for (const [key, count] of Object.entries(version)) {
    const id = key.toLowerCase();
    counts.set(id, Math.max(counts.get(id) ?? 0, count));
  }
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
});

/** The fields every record of a bundle carries or may carry, in their exchanged form. */
const versioned = { version: ExchangedVersion, changedBy: InstallationId.optional() };
const timed = { createdAt: UtcTimestamp, updatedAt: UtcTimestamp };
const deletable = { ...timed, deletedAt: UtcTimestamp.optional() };

/** The empty version `{}` marks starter content, identical everywhere; any other record names its changes. */
const versionedUnlessStarter = <T extends { version: VersionVector; starter?: boolean }>(schema: z.ZodType<T>) =>
  schema.refine((record) => record.starter === true || Object.keys(record.version).length > 0, {
    message: 'only starter content has the empty version',
    path: ['version'],
    params: { kind: 'emptyVersion' },
  });

/** Each collection's records as a bundle holds them: the model's schemas, held to the rules of the exchange. */
const recordSchemas = {
  organisations: versionedUnlessStarter(Organisation.safeExtend(versioned)),
  topics: versionedUnlessStarter(Topic.safeExtend(versioned)),
  practices: versionedUnlessStarter(Practice.safeExtend({ ...versioned, ...deletable })),
  visits: versionedUnlessStarter(Visit.safeExtend({ ...versioned, ...deletable })),
  contacts: versionedUnlessStarter(ParticipantContact.safeExtend({ ...versioned, ...timed })),
  annotations: versionedUnlessStarter(
    Annotation.safeExtend({ ...versioned, ...deletable, installationId: InstallationId.optional() }),
  ),
  glossary: versionedUnlessStarter(GlossaryTerm.safeExtend({ ...versioned, ...timed })),
  comparison: versionedUnlessStarter(
    ComparisonEntry.safeExtend({ ...versioned, ...timed, dimension: ComparisonDimension }),
  ),
  tagLabels: versionedUnlessStarter(TagLabel.safeExtend({ ...versioned, ...timed })),
} satisfies Record<BundleCollection, z.ZodType>;
export type BundleRecord<C extends BundleCollection = BundleCollection> = z.infer<(typeof recordSchemas)[C]>;

/** The collections whose records can be deleted, i.e. carry `deletedAt`. */
export const DELETABLE_COLLECTIONS = ['practices', 'visits', 'annotations'] as const;

/** The most records one section of a bundle may hold. */
export const MAX_RECORDS = 200_000;

/** A record with the collection it belongs to. */
export type CollectionRecord<C extends BundleCollection = BundleCollection> = {
  [K in C]: { collection: K; record: BundleRecord<K> };
}[C];

/** `{ collection, record, ...extra }`, the record checked against its collection's own schema. */
export const collectionRecord = <
  const Cs extends readonly BundleCollection[],
  E extends z.ZodRawShape = Record<never, never>,
>(
  collections: Cs,
  extra: E = {} as E,
) =>
  z.discriminatedUnion(
    'collection',
    collections.map((c) =>
      z.object({ ...extra, collection: z.literal(c), record: recordSchemas[c] }).strict(),
    ) as unknown as [z.ZodObject, ...z.ZodObject[]],
  ) as unknown as z.ZodType<CollectionRecord<Cs[number]> & { [K in keyof E]: z.infer<E[K]> }>;

export const BundleContent = z
  .object({
    organisations: z.array(recordSchemas.organisations).max(MAX_RECORDS),
    topics: z.array(recordSchemas.topics).max(MAX_RECORDS),
    practices: z.array(recordSchemas.practices).max(MAX_RECORDS),
    visits: z.array(recordSchemas.visits).max(MAX_RECORDS),
    /**
     * E-mail addresses and phone numbers of visits' participants: only when
     * the exporting user chose to send them (personal data). Absent otherwise,
     * and in bundles made before contacts existed.
     */
    contacts: z.array(recordSchemas.contacts).max(MAX_RECORDS).optional(),
    annotations: z.array(recordSchemas.annotations).max(MAX_RECORDS),
    glossary: z.array(recordSchemas.glossary).max(MAX_RECORDS),
    comparison: z.array(recordSchemas.comparison).max(MAX_RECORDS),
    /**
     * What tags are called in German and Dutch (and which tag one was merged
     * into). Absent in bundles made before tags had labels: such a bundle
     * changes no label at the receiver.
     */
    tagLabels: z.array(recordSchemas.tagLabels).max(MAX_RECORDS).optional(),
    /**
     * Deleted records (in the sender's trash), with their content: the
     * deletion travels, can still be undone, and loses to any edit made
     * after it.
     */
    tombstones: z.array(collectionRecord(DELETABLE_COLLECTIONS)).max(MAX_RECORDS),
    /**
     * Versions that lost a merge on the sender's side and wait there for a
     * person to resolve them: sent along so that both sides see the same conflicts.
     */
    conflicts: z.array(collectionRecord(BUNDLE_COLLECTIONS)).max(MAX_RECORDS),
  })
  .strict();
export type BundleContent = z.infer<typeof BundleContent>;

/** What part of the knowledge base an export holds. Parents of what it holds always come along. */
export const BundleSelection = z
  .object({
    topicIds: z.array(Id).max(100).optional(),
    organisationIds: z.array(Id).max(100).optional(),
    /** Only records changed at or after this time. */
    changedSince: UtcTimestamp.optional(),
    /** Participants' e-mail addresses and phone numbers come along (personal data: only when the user ticks it). */
    includeContacts: z.boolean().optional(),
  })
  .strict();
export type BundleSelection = z.infer<typeof BundleSelection>;

/** Which installation, of which organisation, made a bundle; kept with every record imported from it. */
export const ExportedBy = z
  .object({
    installationId: InstallationId,
    organisationId: Id,
    /** The person who exported, as given in their settings. */
    name: z.string().min(1).max(200).optional(),
  })
  .strict();
export type ExportedBy = z.infer<typeof ExportedBy>;

export const Bundle = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    schemaVersion: z.literal(BUNDLE_SCHEMA_VERSION),
    exportedAt: UtcTimestamp,
    exportedBy: ExportedBy,
    selection: BundleSelection.optional(),
    content: BundleContent,
    /** SHA-256 (hex) of `content` serialized canonically (RFC 8785: sorted keys, no whitespace). */
    checksum: z.object({ algorithm: z.literal('sha256'), value: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
  })
  .strict();
export type Bundle = z.infer<typeof Bundle>;
