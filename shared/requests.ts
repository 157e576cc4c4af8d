/**
 * What callers send the knowledge base: the request schemas of the IPC
 * contract. Main validates every payload against them; the core's services
 * take their parsed output.
 */
import { z } from 'zod';
import {
  ATTACHMENT_OWNERS,
  AttachmentCaption,
  AttachmentHash,
  AttachmentName,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_RECORD,
} from './attachments';
import {
  AnnotationKind,
  CalendarDate,
  ComparisonDimension,
  EmailAddress,
  Id,
  Lang,
  Participant,
  PhoneNumber,
  PracticeScope,
  PracticeText,
  ProgrammeDay,
  Source,
  TagKey,
  Timestamp,
  Visit,
} from './model';

/** How a list of practices (or of annotations, by their practice) can be ordered. */
export const PRACTICE_SORTS = ['changed', 'title', 'organisation'] as const;
export type PracticeSort = (typeof PRACTICE_SORTS)[number];

const Paging = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) };
export const ById = z.object({ id: Id }).strict();
export const NoRequest = z.undefined();

export const PracticeQuery = z
  .object({
    topicId: Id.optional(),
    organisationId: Id.optional(),
    tag: z.string().min(1).max(60).optional(),
    needsTranslationInto: Lang.optional(),
    /** Newest change first (the default), by title, or by organisation (then title). */
    sort: z.enum(PRACTICE_SORTS).optional(),
    /** The reader's language: titles and organisations are compared in it (German or Dutch collation). */
    lang: Lang.optional(),
    ...Paging,
  })
  .strict();
/** Which practices a list shows, without the paging and the order. */
export type PracticeFilter = Omit<z.output<typeof PracticeQuery>, 'offset' | 'limit' | 'sort' | 'lang'>;

const EditableText = PracticeText.omit({ basedOn: true });
export const PracticeInput = z
  .object({
    organisationId: Id,
    topicIds: z.array(Id).min(1).max(20),
    tags: z.array(z.string().trim().min(1).max(60)).max(50),
    originalLanguage: Lang,
    texts: z.object({ de: EditableText.optional(), nl: EditableText.optional() }).strict(),
    sources: z.array(Source).max(50),
    /** Whose practice it is; null says it is not stated; left out, the scope stays as it was (none for a new one). */
    scope: PracticeScope.nullable().optional(),
    contact: z.string().max(500).optional(),
  })
  .strict();
export type PracticeInput = z.infer<typeof PracticeInput>;

export const AnnotationInput = z
  .object({
    practiceId: Id,
    kind: AnnotationKind,
    text: z.string().trim().min(1).max(20_000),
    language: Lang,
    visitId: Id.optional(),
  })
  .strict();
export type AnnotationInput = z.infer<typeof AnnotationInput>;

export const AnnotationQuery = z
  .object({
    practiceId: Id.optional(),
    visitId: Id.optional(),
    topicId: Id.optional(),
    organisationId: Id.optional(),
    kind: AnnotationKind.optional(),
    /** Newest change first (without it: newest written first), by the practice's title, or by the author's organisation. */
    sort: z.enum(PRACTICE_SORTS).optional(),
    /** The reader's language: titles and organisations are compared in it. */
    lang: Lang.optional(),
    ...Paging,
  })
  .strict();

export const VisitInput = Visit.pick({
  hostOrganisationId: true,
  guestOrganisationId: true,
  status: true,
  topicIds: true,
  notes: true,
  sources: true,
})
  .extend({
    startDate: CalendarDate.optional(),
    endDate: CalendarDate.optional(),
    /** With e-mail and phone, which are kept apart as the participant's contact (see ParticipantContact). */
    participants: z
      .array(Participant.extend({ email: EmailAddress.optional(), phone: PhoneNumber.optional() }))
      .max(200),
    programme: z.array(ProgrammeDay).max(30).default([]),
  })
  .strict();
export type VisitInput = z.input<typeof VisitInput>;

const CellText = z.string().max(20_000);
export const ComparisonCellInput = z
  .object({
    dimension: ComparisonDimension,
    organisationId: Id,
    /** The cell's `updatedAt` when editing began; null when it was empty then. */
    baseUpdatedAt: Timestamp.nullable(),
    /** Markdown per language; an empty text means none in that language. */
    text: z.object({ de: CellText, nl: CellText }).strict(),
    /** Where a reader can check the cell; left out, the cell's sources stay as they were. */
    sources: z.array(Source).max(50).optional(),
  })
  .strict();
export type ComparisonCellInput = z.infer<typeof ComparisonCellInput>;

/** A tag's German and Dutch labels, as the settings edit them. */
export const TagRenameInput = z
  .object({
    tag: TagKey,
    label: z.object({ de: z.string().trim().min(1).max(60), nl: z.string().trim().min(1).max(60) }).strict(),
  })
  .strict();
export type TagRenameInput = z.infer<typeof TagRenameInput>;

/** A merge or deletion of a tag to take back (as the merge or deletion answered it). */
export const TagChangeInput = z
  .object({
    tag: TagKey,
    into: TagKey.optional(),
    practices: z.array(z.object({ id: Id, tags: z.array(TagKey).max(50), updatedAt: Timestamp }).strict()).max(100_000),
  })
  .strict();

const GlossaryText = z.string().trim().max(2_000);
export const GlossaryTermInput = z
  .object({
    term: z.object({ de: z.string().trim().min(1).max(300), nl: z.string().trim().min(1).max(300) }).strict(),
    definition: z.object({ de: GlossaryText, nl: GlossaryText }).strict(),
    /** Where the concepts differ; empty in both languages means no note. */
    note: z.object({ de: GlossaryText, nl: GlossaryText }).strict(),
    topicIds: z.array(Id).max(20),
    /** Where a reader can check the definition; left out, the term's sources stay as they were. */
    sources: z.array(Source).max(50).optional(),
  })
  .strict();
export type GlossaryTermInput = z.infer<typeof GlossaryTermInput>;

/** The name offered in a save dialog for a PDF: a plain file name, no folders. */
export const PdfFileName = z
  .string()
  .max(150)
  .regex(/^(?!\.)[^\\/:*?"<>|\u0000-\u001f]+\.pdf$/);

/** What goes to a shared folder: everything, or the practices of some topics or organisations (as an export selects them). */
export const SyncSelection = z
  .object({
    topicIds: z.array(Id).max(100).optional(),
    organisationIds: z.array(Id).max(100).optional(),
  })
  .strict();
export type SyncSelection = z.infer<typeof SyncSelection>;

/** The record an attachment request is about. */
export const AttachmentOwnerRef = z.object({ kind: z.enum(ATTACHMENT_OWNERS), id: Id }).strict();
const ForAttachment = { owner: AttachmentOwnerRef, sha256: AttachmentHash };
export const AttachmentRef = z.object(ForAttachment).strict();
export const AttachmentBytesInput = z
  .object({
    owner: AttachmentOwnerRef,
    /** The name the file had where it was dropped or pasted from; shown, never used as a path. */
    name: z.string().min(1).max(500),
    /** Checked against the limit again in the core; this bound only keeps oversize payloads out of the parser. */
    data: z.instanceof(Uint8Array).refine((d) => d.length <= MAX_ATTACHMENT_BYTES + 1, 'too large'),
    caption: AttachmentCaption.optional(),
  })
  .strict();
export const AttachmentUpdateInput = z
  .object({ ...ForAttachment, name: AttachmentName.optional(), caption: AttachmentCaption.optional() })
  .strict();
export const AttachmentOrderInput = z
  .object({ owner: AttachmentOwnerRef, order: z.array(AttachmentHash).max(MAX_ATTACHMENTS_PER_RECORD) })
  .strict();
/** Bytes dropped or pasted into the text of a record not saved yet: stored, attached when it is saved. */
export const AttachmentStageInput = AttachmentBytesInput.pick({ name: true, data: true });
export const AttachmentStoredInput = z
  .object({
    owner: AttachmentOwnerRef,
    files: z.array(z.object({ sha256: AttachmentHash, name: AttachmentName }).strict()).max(MAX_ATTACHMENTS_PER_RECORD),
  })
  .strict();
