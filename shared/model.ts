/**
 * The knowledge base's data model: one zod schema per record kind, and the
 * TypeScript types derived from them. Everything else (store, IPC contract,
 * starter content, later the exchange bundle) builds on these schemas.
 */
import { z } from 'zod';
import { AttachmentList } from './attachments';
import { Timestamp } from './time';

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
export { Timestamp } from './time';
const Text = (max: number) => z.string().max(max);

/**
 * A version vector: for each installation, how many of its changes this
 * version of a record includes. Comparing two vectors tells whether one
 * version follows the other or both were edited independently (a conflict).
 * Starter content has the empty vector: identical on every installation.
 */
export const VersionVector = z.record(z.uuid(), z.number().int().min(1).max(Number.MAX_SAFE_INTEGER));
export type VersionVector = z.infer<typeof VersionVector>;

/**
 * The installation id that stands for the starter content's releases: a
 * starter record changed in release n of data/starter.json carries the version
 * `{ [STARTER_RELEASES]: n }`, so it follows every earlier release of itself
 * and is concurrent with any edit made on an installation
 * (core/exchange/starter-upgrade.ts). No installation has this id.
 */
export const STARTER_RELEASES = '00000000-0000-4000-8000-000000000000';

/** True for a version made only by starter releases (`{}` included): starter content nobody edited. */
export const isStarterVersion = (version: VersionVector): boolean =>
  Object.keys(version).every((key) => key === STARTER_RELEASES);

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

/** A tag as practices carry it: the key that joins them (any language, as first typed). */
export const TagKey = Text(60).min(1);

/**
 * Whose practice it is, so that nobody passes a national rule off as a
 * district's own: the administration's own (`organisation`), its city or state
 * (Land Berlin, a Dutch province), its country (a national rule or guideline),
 * or general practice not tied to any administration (Scrum, Kanban).
 */
export const PRACTICE_SCOPES = ['organisation', 'region', 'national', 'general'] as const;
export const PracticeScope = z
  .object({
    level: z.enum(PRACTICE_SCOPES),
    /** Who stands behind it where it is not the administration's own: "Land Berlin", "Niederlande (CROW)". */
    label: z
      .object({ de: Text(200).optional(), nl: Text(200).optional() })
      .strict()
      .optional(),
  })
  .strict();
export type PracticeScope = z.infer<typeof PracticeScope>;

export const Practice = z
  .object({
    id: Id,
    ...Versioned,
    organisationId: Id,
    topicIds: z.array(Id).min(1).max(20),
    tags: z.array(TagKey).max(50),
    /** The language the practice was first written in. */
    originalLanguage: Lang,
    texts: z.object({ de: PracticeText.optional(), nl: PracticeText.optional() }).strict(),
    sources: z.array(Source).max(50),
    /** Whose practice it is; absent in practices written before scopes existed (shown as not stated). */
    scope: PracticeScope.optional(),
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
  .superRefine((p, ctx) => {
    if (p.texts[p.originalLanguage] === undefined) {
      // Named at the missing text itself ("texts.nl"), so a refusal says which language is missing.
      ctx.addIssue({
        code: 'custom',
        message: 'the original language has no text',
        path: ['texts', p.originalLanguage],
        params: { kind: 'originalTextMissing' },
      });
    }
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
    /**
     * The annotation in the other language. `basedOn` is the hash of the
     * original `text` it was made from (or last checked against): when the
     * original changes, the translation is outdated. Anyone may translate.
     */
    translation: z
      .object({ text: Text(20_000).min(1), basedOn: TextHash, translator: Text(200).min(1).optional() })
      .strict()
      .optional(),
    attachments: AttachmentList.optional(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    deletedAt: Timestamp.optional(),
  })
  .strict();
export type Annotation = z.infer<typeof Annotation>;

/** A calendar date (YYYY-MM-DD) or a month (YYYY-MM) when the day is not fixed yet. */
export const CalendarDate = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/);

/** A time of day, 24-hour: HH:MM. */
export const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** A short text in either or both languages. */
const LocalText = (max: number) => z.object({ de: Text(max).optional(), nl: Text(max).optional() }).strict();

/** One item of a visit's programme: when, what, where, who hosts, which practices and topics. */
export const ProgrammeItem = z
  .object({
    id: Id,
    from: TimeOfDay.optional(),
    to: TimeOfDay.optional(),
    title: LocalText(300),
    place: LocalText(300),
    /** Who hosts the item: a person, team or department. */
    host: Text(300).optional(),
    practiceIds: z.array(Id).max(50),
    topicIds: z.array(Id).max(20),
    note: LocalText(5_000),
  })
  .strict();
export type ProgrammeItem = z.infer<typeof ProgrammeItem>;

export const ProgrammeDay = z
  .object({ id: Id, date: CalendarDate.optional(), items: z.array(ProgrammeItem).max(100) })
  .strict();
export type ProgrammeDay = z.infer<typeof ProgrammeDay>;

/**
 * Who takes part in a visit: name, organisation, role or function. Their
 * e-mail address and phone number are personal data and kept apart, as a
 * ParticipantContact with the participant's id, exported only when the user
 * asks for it. Visits written before participants were structured carry a
 * plain name: it is read as `{ name }`.
 */
export const Participant = z
  .object({
    /** Links the participant to their contact; given on saving, absent in visits written before. */
    id: Id.optional(),
    name: Text(200).min(1),
    organisation: Text(300).optional(),
    role: Text(300).optional(),
  })
  .strict();
export type Participant = z.infer<typeof Participant>;
const ParticipantOrName = z.union([
  Participant,
  Text(200)
    .min(1)
    .transform((name): Participant => ({ name })),
]);

export const Visit = z
  .object({
    id: Id,
    ...Versioned,
    hostOrganisationId: Id,
    guestOrganisationId: Id,
    status: z.enum(['planned', 'held']),
    startDate: CalendarDate.optional(),
    endDate: CalendarDate.optional(),
    participants: z.array(ParticipantOrName).max(200),
    topicIds: z.array(Id).max(20),
    notes: z.object({ de: Text(50_000).optional(), nl: Text(50_000).optional() }).strict(),
    /** The days of the visit, each with its items; visits written before programmes had none. */
    programme: z.array(ProgrammeDay).max(30).default([]),
    /**
     * Per language: the hash of the other language's texts (notes and programme)
     * it was last written or checked against, as for comparison cells. When the
     * other changes, it no longer matches: this language needs translating.
     */
    basedOn: z.object({ de: TextHash.optional(), nl: TextHash.optional() }).strict().optional(),
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

/** An e-mail address: something@somewhere, nothing more is checked. */
export const EmailAddress = z
  .string()
  .max(300)
  .regex(/^[^\s@]+@[^\s@]+$/);
/** A phone number as people write it: digits, spaces, +, (), /, ., -. */
export const PhoneNumber = z
  .string()
  .max(50)
  .regex(/^\+?[0-9 ()/.-]{3,50}$/);

/**
 * How to reach a visit's participant: personal data (GDPR), a record of its
 * own so that it travels to the partner only when the exporting user ticks
 * it, and a bundle without it changes nothing here. Its id is the participant's.
 */
export const ParticipantContact = z
  .object({
    id: Id,
    ...Versioned,
    visitId: Id,
    email: EmailAddress.optional(),
    phone: PhoneNumber.optional(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .strict();
export type ParticipantContact = z.infer<typeof ParticipantContact>;

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
    /** Where a reader can check the definition; absent in terms written before terms had sources. */
    sources: z.array(Source).max(50).optional(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    createdBy: Author.optional(),
    updatedBy: Author.optional(),
    starter: z.boolean().optional(),
  })
  .strict();
export type GlossaryTerm = z.infer<typeof GlossaryTerm>;

/**
 * What a tag is called in each language, so that the sidebar, filters and
 * editor show one language. The practices keep the tag itself (`tag`) as
 * the key; this small record travels in bundles and merges like a glossary
 * term. `sameAs` names the tag it was merged into: practices that still
 * carry this one (a partner's, or arriving later) count under that one.
 * Two records for one tag (made independently under other ids) are read as
 * one: the latest `updatedAt` wins, then the smaller id.
 */
export const TagLabel = z
  .object({
    id: Id,
    ...Versioned,
    tag: TagKey,
    label: BilingualLabel,
    sameAs: TagKey.optional(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    createdBy: Author.optional(),
    updatedBy: Author.optional(),
    starter: z.boolean().optional(),
  })
  .strict();
export type TagLabel = z.infer<typeof TagLabel>;

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

/** A row of the comparison: a structure dimension or "topic:<topicId>". */
export const ComparisonDimension = z.union([
  z.enum(STRUCTURE_DIMENSIONS),
  z
    .string()
    .max(100)
    .regex(new RegExp(`^${TOPIC_DIMENSION_PREFIX}[A-Za-z0-9][A-Za-z0-9._:-]*$`)),
]);

export const ComparisonEntry = z
  .object({
    id: Id,
    ...Versioned,
    /**
     * One of STRUCTURE_DIMENSIONS or "topic:<topicId>". A bundle is held to
     * ComparisonDimension; the store stays lenient, so that a record imported
     * before that rule still loads.
     */
    dimension: Text(100).min(1),
    organisationId: Id,
    text: z.object({ de: Text(20_000).optional(), nl: Text(20_000).optional() }).strict(),
    /**
     * Per language: the hash of the other language's text it was last written
     * or checked against. When the other text changes, it no longer matches:
     * this language needs translating. Absent: consistent with whatever the other says.
     */
    basedOn: z.object({ de: TextHash.optional(), nl: TextHash.optional() }).strict().optional(),
    /** Where a reader can check what the cell says; absent in cells written before cells had sources. */
    sources: z.array(Source).max(50).optional(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    createdBy: Author.optional(),
    updatedBy: Author.optional(),
    starter: z.boolean().optional(),
  })
  .strict();
export type ComparisonEntry = z.infer<typeof ComparisonEntry>;

/** The collections whose records keep a history of saved versions. */
export const HISTORY_COLLECTIONS = ['practices', 'comparison', 'visits', 'annotations', 'glossary'] as const;
export type HistoryCollection = (typeof HISTORY_COLLECTIONS)[number];

/** A saved version of a record, kept when it is replaced by a newer one. */
export const Revision = z.discriminatedUnion('collection', [
  z.object({ id: Id, collection: z.literal('practices'), recordId: Id, record: Practice, savedAt: Timestamp }).strict(),
  z
    .object({ id: Id, collection: z.literal('comparison'), recordId: Id, record: ComparisonEntry, savedAt: Timestamp })
    .strict(),
  z.object({ id: Id, collection: z.literal('visits'), recordId: Id, record: Visit, savedAt: Timestamp }).strict(),
  z
    .object({ id: Id, collection: z.literal('annotations'), recordId: Id, record: Annotation, savedAt: Timestamp })
    .strict(),
  z
    .object({ id: Id, collection: z.literal('glossary'), recordId: Id, record: GlossaryTerm, savedAt: Timestamp })
    .strict(),
]);
export type Revision = z.infer<typeof Revision>;
export type PracticeRevision = Extract<Revision, { collection: 'practices' }>;
export type ComparisonRevision = Extract<Revision, { collection: 'comparison' }>;
export type VisitRevision = Extract<Revision, { collection: 'visits' }>;
export type AnnotationRevision = Extract<Revision, { collection: 'annotations' }>;
export type GlossaryRevision = Extract<Revision, { collection: 'glossary' }>;
