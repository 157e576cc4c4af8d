/**
 * The knowledge base's data model: one zod schema per record kind, and the
 * TypeScript types derived from them. Everything else (store, IPC contract,
 * starter content, later the exchange bundle) builds on these schemas.
 */
import { z } from 'zod';
import { AttachmentList } from './attachments';

export const LANGUAGES = ['de', 'nl'] as const;
export const Lang = z.enum(LANGUAGES);
export type Lang = z.infer<typeof Lang>;

/** The language that is not `lang`: the partner's language. */
export const otherLang = (lang: Lang): Lang => (lang === 'de' ? 'nl' : 'de');

export const Id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'invalid id');
export const Timestamp = z.iso.datetime({ offset: true });
const Text = (max: number) => z.string().max(max);

/**
 * A version vector: for each installation, how many of its changes this
 * version of a record includes. Comparing two vectors tells whether one
 * version follows the other or both were edited independently (a conflict).
 * Starter content has the empty vector: identical on every installation.
 */
export const VersionVector = z.record(z.uuid(), z.number().int().min(1).max(Number.MAX_SAFE_INTEGER));
export type VersionVector = z.infer<typeof VersionVector>;

/** What every exchanged record carries so that merging is deterministic. */
const Versioned = {
  version: VersionVector.default({}),
  /** The installation that made this version; absent for starter content. */
  changedBy: z.uuid().optional(),
};
const Label = Text(300).min(1);

/** A short text required in both interface languages (names of organisations, topics). */
export const BilingualLabel = z.object({ de: Label, nl: Label }).strict();
export type BilingualLabel = z.infer<typeof BilingualLabel>;

export const Organisation = z
  .object({
    id: Id,
    ...Versioned,
    name: BilingualLabel,
    /** ISO 3166-1 alpha-2 country code. */
    country: z.string().regex(/^[A-Z]{2}$/),
    kind: z.enum(['berlin-district', 'gemeente', 'other']),
    starter: z.boolean().optional(),
  })
  .strict();
export type Organisation = z.infer<typeof Organisation>;

export const Topic = z.object({ id: Id, ...Versioned, name: BilingualLabel, starter: z.boolean().optional() }).strict();
export type Topic = z.infer<typeof Topic>;

/** Who wrote something: the name and organisation the user gave in settings. */
export const Author = z.object({ name: Text(200).min(1), organisationId: Id }).strict();
export type Author = z.infer<typeof Author>;

/** SHA-256, hex: identifies the source text a translation was made from. */
export const TextHash = z.string().regex(/^[0-9a-f]{64}$/);

/** One language version of a practice. */
export const PracticeText = z
  .object({
    title: Label,
    summary: Text(2_000),
    /** Markdown; rendered sanitized. */
    body: Text(200_000),
    /**
     * For a translation: the hash of the original-language text it was made
     * from (or last checked against). When the original changes, the hash no
     * longer matches and the translation is outdated.
     */
    basedOn: TextHash.optional(),
  })
  .strict();
export type PracticeText = z.infer<typeof PracticeText>;

export const Source = z
  .object({
    title: Label,
    url: z
      .url({ protocol: /^https?$/ })
      .regex(/^https?:\/\//i)
      .max(2_000),
  })
  .strict();
export type Source = z.infer<typeof Source>;

export const Practice = z
  .object({
    id: Id,
    ...Versioned,
    organisationId: Id,
    topicIds: z.array(Id).min(1).max(20),
    tags: z.array(Text(60).min(1)).max(50),
    /** The language the practice was first written in. */
    originalLanguage: Lang,
    texts: z.object({ de: PracticeText.optional(), nl: PracticeText.optional() }).strict(),
    sources: z.array(Source).max(50),
    contact: Text(500).optional(),
    attachments: AttachmentList.optional(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    createdBy: Author.optional(),
    updatedBy: Author.optional(),
    /** Set when moved to the trash; the practice is hidden until restored or purged. */
    deletedAt: Timestamp.optional(),
    starter: z.boolean().optional(),
  })
  .strict()
  .refine((p) => p.texts[p.originalLanguage] !== undefined, {
    message: 'the original language has no text',
    path: ['texts'],
  });
export type Practice = z.infer<typeof Practice>;

export const TranslationStatus = z.enum(['missing', 'current', 'outdated']);
export type TranslationStatus = z.infer<typeof TranslationStatus>;

export const AnnotationKind = z.enum(['lesson', 'question', 'comment']);
export type AnnotationKind = z.infer<typeof AnnotationKind>;

export const Annotation = z
  .object({
    id: Id,
    ...Versioned,
    practiceId: Id,
    kind: AnnotationKind,
    text: Text(20_000).min(1),
    language: Lang,
    author: Text(200).min(1),
    organisationId: Id,
    /** The installation it was written on: its author may edit or delete it there. */
    installationId: z.uuid().optional(),
    visitId: Id.optional(),
    attachments: AttachmentList.optional(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    deletedAt: Timestamp.optional(),
  })
  .strict();
export type Annotation = z.infer<typeof Annotation>;

/** A calendar date (YYYY-MM-DD) or a month (YYYY-MM) when the day is not fixed yet. */
export const CalendarDate = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/);

export const Visit = z
  .object({
    id: Id,
    ...Versioned,
    hostOrganisationId: Id,
    guestOrganisationId: Id,
    status: z.enum(['planned', 'held']),
    startDate: CalendarDate.optional(),
    endDate: CalendarDate.optional(),
    participants: z.array(Text(200).min(1)).max(200),
    topicIds: z.array(Id).max(20),
    notes: z.object({ de: Text(50_000).optional(), nl: Text(50_000).optional() }).strict(),
    sources: z.array(Source).max(50),
    attachments: AttachmentList.optional(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    createdBy: Author.optional(),
    updatedBy: Author.optional(),
    deletedAt: Timestamp.optional(),
    starter: z.boolean().optional(),
  })
  .strict();
export type Visit = z.infer<typeof Visit>;

export const GlossaryTerm = z
  .object({
    id: Id,
    ...Versioned,
    term: BilingualLabel,
    definition: z.object({ de: Text(2_000), nl: Text(2_000) }).strict(),
    /** Where the concepts differ rather than translate one-to-one. */
    note: z
      .object({ de: Text(2_000), nl: Text(2_000) })
      .strict()
      .optional(),
    topicIds: z.array(Id).max(20),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    createdBy: Author.optional(),
    updatedBy: Author.optional(),
    starter: z.boolean().optional(),
  })
  .strict();
export type GlossaryTerm = z.infer<typeof GlossaryTerm>;

/** The comparison's fixed rows about structure; each topic adds a row "topic:<topicId>". */
export const STRUCTURE_DIMENSIONS = ['legal-status', 'size', 'council', 'executive', 'departments'] as const;
export const TOPIC_DIMENSION_PREFIX = 'topic:';
/** The comparison row of a topic. */
export const topicDimension = (topicId: string): string => `${TOPIC_DIMENSION_PREFIX}${topicId}`;
/** The topic of a comparison row, or undefined for a structure row. */
export const dimensionTopicId = (dimension: string): string | undefined =>
  dimension.startsWith(TOPIC_DIMENSION_PREFIX) ? dimension.slice(TOPIC_DIMENSION_PREFIX.length) : undefined;
/** One cell of the comparison: a dimension and an organisation (at most one entry each). */
export const comparisonCellKey = (dimension: string, organisationId: string): string =>
  `${dimension}\u0000${organisationId}`;

export const ComparisonEntry = z
  .object({
    id: Id,
    ...Versioned,
    /** One of STRUCTURE_DIMENSIONS or "topic:<topicId>"; others (from a newer partner) are kept but not shown. */
    dimension: Text(100).min(1),
    organisationId: Id,
    text: z.object({ de: Text(20_000).optional(), nl: Text(20_000).optional() }).strict(),
    /**
     * Per language: the hash of the other language's text it was last written
     * or checked against. When the other text changes, it no longer matches:
     * this language needs translating. Absent: consistent with whatever the other says.
     */
    basedOn: z.object({ de: TextHash.optional(), nl: TextHash.optional() }).strict().optional(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    createdBy: Author.optional(),
    updatedBy: Author.optional(),
    starter: z.boolean().optional(),
  })
  .strict();
export type ComparisonEntry = z.infer<typeof ComparisonEntry>;

/** The collections whose records keep a history of saved versions. */
export const HISTORY_COLLECTIONS = ['practices', 'comparison'] as const;
export type HistoryCollection = (typeof HISTORY_COLLECTIONS)[number];

/** A saved version of a record, kept when it is replaced by a newer one. */
export const Revision = z.discriminatedUnion('collection', [
  z.object({ id: Id, collection: z.literal('practices'), recordId: Id, record: Practice, savedAt: Timestamp }).strict(),
  z
    .object({ id: Id, collection: z.literal('comparison'), recordId: Id, record: ComparisonEntry, savedAt: Timestamp })
    .strict(),
]);
export type Revision = z.infer<typeof Revision>;
export type PracticeRevision = Extract<Revision, { collection: 'practices' }>;
export type ComparisonRevision = Extract<Revision, { collection: 'comparison' }>;
