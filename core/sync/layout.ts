/**
 * The layout of a shared sync folder, and how its file names are read. The
 * folder is hostile ground: only names this module recognises as ours are
 * ever opened; everything else (desktop.ini, Thumbs.db, Office lock files,
 * "conflicted copy" and "(1)" duplicates made by sync clients, temp files)
 * is foreign and left alone. Names are short, lower-case and ASCII, so they
 * stay the same on case-insensitive Windows shares and within its path limits.
 *
 *   <shared folder>/twinning-kb-sync/<installation id>/c-000000042.json   a change file
 *   <shared folder>/twinning-kb-sync/<installation id>/k-000000040.json   a checkpoint
 *   <shared folder>/twinning-kb-sync/<installation id>/blobs/<sha256>     an attachment's bytes
 */
import path from 'node:path';

/** The one folder the app creates inside the shared folder. */
export const SYNC_DIR = 'twinning-kb-sync';

export type SyncFileKind = 'change' | 'checkpoint';

export interface SyncFileName {
  name: string;
  kind: SyncFileKind;
  seq: number;
}

const SEQ_DIGITS = 9;
const FILE_PATTERN = /^([ck])-(\d{9})\.json$/;
const INSTALLATION_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `c-000000042.json` or `k-000000040.json`. */
export function syncFileName(kind: SyncFileKind, seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1 || seq >= 10 ** SEQ_DIGITS) throw new RangeError(`sequence ${seq}`);
  return `${kind === 'change' ? 'c' : 'k'}-${String(seq).padStart(SEQ_DIGITS, '0')}.json`;
}

/** The kind and sequence number of one of our files; undefined for anything else (foreign files, temp files). */
export function parseSyncFileName(name: string): SyncFileName | undefined {
  const match = FILE_PATTERN.exec(name);
  if (!match) return undefined;
  const seq = Number(match[2]);
  return seq >= 1 ? { name, kind: match[1] === 'c' ? 'change' : 'checkpoint', seq } : undefined;
}

/** The sub-folder of an installation's folder with the attachments it published, each named by the SHA-256 of its bytes. */
export const BLOBS_DIR = 'blobs';
const BLOB_PATTERN = /^[0-9a-f]{64}$/;
/** Whether a name in a blobs folder is an attachment's (lower-case hex SHA-256); anything else is foreign. */
export const isBlobName = (name: string): boolean => BLOB_PATTERN.test(name);

/** Whether a folder name is an installation's folder: a lower-case UUID (upper case is some other tool's copy). */
export const isInstallationFolder = (name: string): boolean => INSTALLATION_PATTERN.test(name);

export const syncRoot = (sharedFolder: string): string => path.join(sharedFolder, SYNC_DIR);
export const installationFolder = (sharedFolder: string, installationId: string): string =>
  path.join(syncRoot(sharedFolder), installationId.toLowerCase());
export const blobsFolder = (sharedFolder: string, installationId: string): string =>
  path.join(installationFolder(sharedFolder, installationId), BLOBS_DIR);
