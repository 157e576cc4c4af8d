/**
 * The errors a call can fail with, shared by the core (which raises them),
 * main (which carries them over IPC) and the renderer and command line
 * (which show `errors:<code>` in the user's language).
 */

export const ERROR_CODES = [
  'invalidRequest',
  'forbiddenSender',
  'notFound',
  'storeWriteFailed',
  'storeLocked',
  'identityRequired',
  'notYours',
  'editConflict',
  'invalidReference',
  'glossaryTermExists',
  'tagExists',
  'internal',
  // Reading an exchange bundle: each names the first problem found.
  'bundleTooLarge',
  'bundleNotUtf8',
  'bundleForeignFile',
  'bundleEmpty',
  'bundleTruncated',
  'bundleSyntax',
  'bundleTooDeep',
  'bundleForbiddenKey',
  'bundleDuplicateKey',
  'bundleLoneSurrogate',
  'notABundle',
  'bundleTooNew',
  'bundleVersionUnknown',
  'bundleInvalid',
  'bundleInvalidRecord',
  'bundleChecksum',
  'bundleDuplicateId',
  'bundleDuplicateCell',
  'bundleDanglingReference',
  'bundleMisplacedRecord',
  'fileReadFailed',
  'fileWriteFailed',
  // Importing and undoing.
  'importPreviewExpired',
  'nothingToUndo',
  'undoBlocked',
  // Syncing through a shared folder.
  'syncFolderUnreachable',
  'syncWriteFailed',
  'syncForeignWriter',
  'syncNotConnected',
  'syncAttachmentIncomplete',
  'syncAttachmentDamaged',
  'syncAttachmentRefused',
  // Attachments.
  'attachmentTypeRefused',
  'attachmentTooLarge',
  'attachmentsTooLarge',
  'attachmentsTooMany',
  'attachmentMissing',
  'attachmentDamaged',
  // Reading a bundle container (a ZIP with the bundle and its attachments).
  'containerInvalid',
  'containerNoBundle',
  'containerUnsafePath',
  'containerDuplicateEntry',
  'containerUnexpectedEntry',
  'containerTooLarge',
  'containerBomb',
  'containerMissingAttachment',
  'containerUnreferencedEntry',
  'containerHashMismatch',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
/** Values interpolated into the localized message of an error. */
export type ErrorParams = Record<string, string | number>;
export interface KbErrorInfo {
  code: ErrorCode;
  /** Technical detail for logs and bug reports; never the message shown. */
  detail?: string;
  params?: ErrorParams;
}
/** Calls never reject across IPC: failures travel as values, typed. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: KbErrorInfo };
