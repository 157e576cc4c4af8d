/**
 * Attachments: photos, slides and documents on practices, visits and
 * annotations. Their bytes live content-addressed in the store folder (the
 * SHA-256 of the bytes names the file); what a record carries is this
 * metadata, so revisions, merge and conflicts cover attachments like any
 * other field. The type is decided from the bytes, never from the name, and
 * only the types listed here are ever accepted.
 */
import { z } from 'zod';
import { UtcTimestamp } from './time';

/** Accepted media types, each with the extension a temporary copy gets when the system's viewer opens it. */
export const ATTACHMENT_TYPES = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;
export const ATTACHMENT_TYPE_NAMES = Object.keys(ATTACHMENT_TYPES) as [AttachmentType, ...AttachmentType[]];
export const AttachmentTypeSchema = z.enum(ATTACHMENT_TYPE_NAMES);

export const IMAGE_TYPES: readonly AttachmentType[] = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];
export const isImageType = (type: AttachmentType): boolean => IMAGE_TYPES.includes(type);

/** Limits, named in the messages the user sees. */
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;
export const MAX_RECORD_ATTACHMENT_BYTES = 200 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_RECORD = 100;

/** SHA-256 of the bytes, lower-case hex: the attachment's name in the store folder and in a container. */
export const AttachmentHash = z.string().regex(/^[0-9a-f]{64}$/);

/** A file name as the user sees it: no path, no control characters. */
export const AttachmentName = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => !/[/\\\u0000-\u001f\u007f]/.test(name) && name !== '.' && name !== '..', 'invalid file name');

export const AttachmentCaption = z
  .object({ de: z.string().max(1_000).optional(), nl: z.string().max(1_000).optional() })
  .strict();
export type AttachmentCaption = z.infer<typeof AttachmentCaption>;

/** One attachment as a record carries it. Order in the record's list is the order shown. */
export const Attachment = z
  .object({
    sha256: AttachmentHash,
    name: AttachmentName,
    type: AttachmentTypeSchema,
    size: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES),
    caption: AttachmentCaption,
    /** When it was attached; a time with an offset is read as the same instant in UTC, like every record's times. */
    addedAt: UtcTimestamp,
    /** Set when removed: it stays in the record (and its bytes in the store) until restored. */
    deletedAt: UtcTimestamp.optional(),
  })
  .strict();
export type Attachment = z.infer<typeof Attachment>;

/** A record's attachments: each bytes at most once, within the per-record limits. */
export const AttachmentList = z
  .array(Attachment)
  .max(MAX_ATTACHMENTS_PER_RECORD)
  .refine((list) => new Set(list.map((a) => a.sha256)).size === list.length, 'the same attachment twice');

/** The records that carry attachments. */
export const ATTACHMENT_OWNERS = ['practices', 'visits', 'annotations'] as const;
export type AttachmentOwnerKind = (typeof ATTACHMENT_OWNERS)[number];

/**
 * Whether an attachment's bytes are in the store and match their hash;
 * `arriving` when they are missing here but still expected from a shared folder.
 */
export type AttachmentHealth = BytesHealth | 'arriving';
/** Whether bytes are in the store and match their hash, as the store alone can tell. */
export type BytesHealth = 'ok' | 'missing' | 'damaged';

/** The URL path under the app's own origin that serves an attached image to the renderer. */
export const ATTACHMENT_URL_PATH = '/attachments/';
/** How a Markdown body refers to an attached image: `![caption](attachment:<sha256>)`. */
export const ATTACHMENT_REF_PREFIX = 'attachment:';
