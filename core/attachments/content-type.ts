/**
 * Decides an attachment's type from its bytes (magic numbers, with the
 * file-type library), never from its name: a program renamed to `.pdf`, an
 * SVG with a script or a web page named `.docx` is refused. Only the types
 * of ATTACHMENT_TYPES are ever accepted.
 */
import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type';
import { ATTACHMENT_TYPES, type AttachmentType } from '../../shared/attachments';

const isAccepted = (mime: string | undefined): mime is AttachmentType =>
  mime !== undefined && Object.hasOwn(ATTACHMENT_TYPES, mime);

/** The accepted type of the file at `file`, or undefined when its content is of no accepted type. */
export async function attachmentTypeOfFile(file: string): Promise<AttachmentType | undefined> {
  const found = await fileTypeFromFile(file);
  return isAccepted(found?.mime) ? found.mime : undefined;
}

/** The accepted type of `bytes`, or undefined. */
export async function attachmentTypeOfBytes(bytes: Uint8Array): Promise<AttachmentType | undefined> {
  const found = await fileTypeFromBuffer(bytes);
  return isAccepted(found?.mime) ? found.mime : undefined;
}
