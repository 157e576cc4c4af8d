/**
 * What the attachment views share: reading dropped or pasted files, the URL
 * an attached image is served at (the app's own origin, never a file path),
 * and how an attachment is described to the user.
 */
import type { TFunction } from 'i18next';
import { ATTACHMENT_URL_PATH, type Attachment, type AttachmentType } from '../../../shared/attachments';
import { otherLang, type Lang } from '../../../shared/model';
import { KbCallError } from '../lib/kb';

export const imageUrl = (sha256: string): string => `${ATTACHMENT_URL_PATH}${sha256}`;

/** The files of a drop or a paste (not text or links). */
export const filesOf = (data: DataTransfer | null): File[] => (data ? [...data.files] : []);

/** A dropped or pasted file's bytes; a file gone since it was dropped is a message, not an exception. */
export async function readFile(file: File): Promise<{ name: string; data: Uint8Array<ArrayBuffer> }> {
  try {
    return { name: file.name || 'clipboard.png', data: new Uint8Array(await file.arrayBuffer()) };
  } catch (error) {
    throw new KbCallError('fileReadFailed', String(error), {
      reason: error instanceof DOMException ? error.name : String(error),
    });
  }
}

/** The SHA-256 of some bytes in hex: the name the knowledge base stores them under. */
export async function sha256(data: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The caption in the interface language, else the other one, with the language it is in. */
export function captionOf(attachment: Attachment, lang: Lang): { text: string; lang: Lang } | undefined {
  for (const l of [lang, otherLang(lang)]) {
    const text = attachment.caption[l];
    if (text) return { text, lang: l };
  }
  return undefined;
}

const KIND: Record<AttachmentType, 'image' | 'pdf' | 'document' | 'spreadsheet' | 'presentation'> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/webp': 'image',
  'image/gif': 'image',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'document',
  'application/vnd.oasis.opendocument.text': 'document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'spreadsheet',
  'application/vnd.oasis.opendocument.spreadsheet': 'spreadsheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'presentation',
  'application/vnd.oasis.opendocument.presentation': 'presentation',
};

export const isImage = (attachment: Attachment): boolean => KIND[attachment.type] === 'image';

/** "Bild · 1,2 MB" */
export function describe(t: TFunction, attachment: Attachment): string {
  const size =
    attachment.size >= 1024 * 1024
      ? t('attachments.size', { sizeMB: Math.round((attachment.size / (1024 * 1024)) * 10) / 10 })
      : t('attachments.sizeKB', { sizeKB: Math.max(1, Math.round(attachment.size / 1024)) });
  return `${t(`attachments.type.${KIND[attachment.type]}`)} · ${size}`;
}
