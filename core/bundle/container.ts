/**
 * A bundle with its attachments as one file: a ZIP (yazl writes it, yauzl
 * reads it) that partner IT opens with ordinary tools:
 *
 *     bundle.twinning-kb.json      the JSON bundle, exactly as a JSON-only export
 *     attachments/<sha256>         each attachment's bytes, named by their hash
 *
 * Reading one is hostile input. Before anything is trusted, the central
 * directory is checked entry by entry: no absolute path, no `..`, no
 * backslash, no duplicate, no name but those above, each entry within its
 * size limit and the total too, no entry compressed suspiciously well (a zip
 * bomb). yauzl then checks while inflating that every entry is exactly as
 * large as declared. The JSON is checked like any bundle; every attachment a
 * record names must be there, every attachment there must be named, and each
 * must hash to its name. The first problem is named; nothing is written.
 * Attachments are streamed piece by piece, never held whole.
 */
import { createHash } from 'node:crypto';
import { open as openFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { MAX_ATTACHMENT_BYTES } from '../../shared/attachments';
import type { Bundle } from '../../shared/bundle';
import { syncDirectory } from '../base/file-system';
import { KbError } from '../base/errors';
import { DEFAULT_MAX_BUNDLE_BYTES, readBundle, tooLarge, type ReadOptions } from './read-bundle';

export const CONTAINER_BUNDLE_ENTRY = 'bundle.twinning-kb.json';
export const CONTAINER_ATTACHMENTS = 'attachments/';
export const CONTAINER_EXTENSION = '.twinning-kb.zip';
const ATTACHMENT_ENTRY = /^attachments\/([0-9a-f]{64})$/;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export interface ContainerLimits {
  /** All entries together, uncompressed. */
  maxTotalBytes: number;
  /** One attachment, uncompressed. */
  maxAttachmentBytes: number;
  /** The JSON bundle, uncompressed. */
  maxBundleBytes: number;
  /** Uncompressed size over compressed size, for entries larger than 1 MiB. */
  maxRatio: number;
  maxEntries: number;
}

export const DEFAULT_CONTAINER_LIMITS: ContainerLimits = {
  maxTotalBytes: 4 * 1024 * 1024 * 1024,
  maxAttachmentBytes: MAX_ATTACHMENT_BYTES,
  maxBundleBytes: DEFAULT_MAX_BUNDLE_BYTES,
  maxRatio: 100,
  maxEntries: 100_000,
};

/** Reports how far reading or writing is: bytes done of bytes in all. */
export type Progress = (done: number, total: number) => void;

/** Whether the file starts like a ZIP (decided by content, never by name). */
export async function isContainerFile(file: string): Promise<boolean> {
  const handle = await openFile(file, 'r');
  try {
    const head = new Uint8Array(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && ZIP_MAGIC.every((b, i) => head[i] === b);
  } finally {
    await handle.close();
  }
}

/** Every attachment hash the bundle's records (and the conflicting versions it carries) name. */
export function attachmentHashesOf(bundle: Pick<Bundle, 'content'>): Set<string> {
  const hashes = new Set<string>();
  const { content } = bundle;
  for (const record of [...content.practices, ...content.visits, ...content.annotations, ...content.conflicts]) {
    const attachments = (record as { attachments?: { sha256: string }[] }).attachments;
    for (const attachment of attachments ?? []) hashes.add(attachment.sha256);
  }
  return hashes;
}

export interface ContainerContents {
  bundle: Bundle;
  /** The JSON bundle's bytes as in the container. */
  bundleBytes: Uint8Array;
  /** Each attachment's hash and size. */
  attachments: Map<string, number>;
}

export interface ReadContainerOptions extends ReadOptions {
  limits?: Partial<ContainerLimits>;
  onProgress?: Progress;
  /**
   * Receives each attachment's bytes, piece by piece, as they are checked;
   * called only for entries whose names and sizes passed. The container is
   * refused (and the sink's work is the caller's to undo) if the bytes do not
   * hash to the name.
   */
  onAttachment?: (sha256: string, pieces: AsyncIterable<Uint8Array>) => Promise<void>;
}

/** Reads and checks a container; throws a KbError naming the first problem. */
export async function readContainer(file: string, options: ReadContainerOptions = {}): Promise<ContainerContents> {
  const limits = { ...DEFAULT_CONTAINER_LIMITS, ...options.limits };
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false, // names are checked here, so the message can name the problem
      validateEntrySizes: true,
    });
  } catch (error) {
    throw invalid(error);
  }
  try {
    const entries = await checkedEntries(zip, limits);
    const jsonEntry = entries.get(CONTAINER_BUNDLE_ENTRY);
    if (!jsonEntry)
      throw new KbError('containerNoBundle', 'no bundle entry', { params: { name: CONTAINER_BUNDLE_ENTRY } });
    const total = [...entries.values()].reduce((sum, e) => sum + e.uncompressedSize, 0);
    let done = 0;
    const progress = (bytes: number) => {
      done += bytes;
      options.onProgress?.(done, total);
    };

    const bundleBytes = await readWhole(zip, jsonEntry, limits.maxBundleBytes, progress);
    const bundle = readBundle(bundleBytes, options);
    const referenced = attachmentHashesOf(bundle);
    const present = new Map<string, yauzl.Entry>();
    for (const [name, entry] of entries) {
      const hash = ATTACHMENT_ENTRY.exec(name)?.[1];
      if (hash) present.set(hash, entry);
    }
    for (const hash of referenced) {
      if (!present.has(hash))
        throw new KbError('containerMissingAttachment', hash, { params: { name: `${CONTAINER_ATTACHMENTS}${hash}` } });
    }
    for (const hash of present.keys()) {
      if (!referenced.has(hash))
        throw new KbError('containerUnreferencedEntry', hash, { params: { name: `${CONTAINER_ATTACHMENTS}${hash}` } });
    }

    const attachments = new Map<string, number>();
    for (const [hash, entry] of present) {
      const hasher = createHash('sha256');
      const stream = await openEntry(zip, entry);
      const iterator = checkedPieces(stream, hasher, progress);
      // The sink may stop early (a break): without return(), that leaves the rest here, to be read and hashed.
      const pieces: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: () => ({ next: () => iterator.next() }) };
      if (options.onAttachment) await options.onAttachment(hash, pieces);
      while (!(await iterator.next()).done); // drain what the sink left (or everything, without a sink)
      if (hasher.digest('hex') !== hash)
        throw new KbError('containerHashMismatch', hash, { params: { name: `${CONTAINER_ATTACHMENTS}${hash}` } });
      attachments.set(hash, entry.uncompressedSize);
    }
    return { bundle, bundleBytes, attachments };
  } finally {
    zip.close();
  }
}

/** The central directory, checked entry by entry before any byte is inflated. */
async function checkedEntries(zip: yauzl.ZipFile, limits: ContainerLimits): Promise<Map<string, yauzl.Entry>> {
  const entries = new Map<string, yauzl.Entry>();
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const raw = entry.fileName as unknown as Buffer;
      const name = raw.toString('utf8');
      if (entries.size >= limits.maxEntries)
        throw new KbError('containerTooLarge', 'too many entries', { params: { name } });
      if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.includes('\\') || name.split('/').includes('..'))
        throw new KbError('containerUnsafePath', name, { params: { name } });
      if (name === CONTAINER_ATTACHMENTS) continue; // the folder itself, as some tools write it
      if (entries.has(name)) throw new KbError('containerDuplicateEntry', name, { params: { name } });
      const isJson = name === CONTAINER_BUNDLE_ENTRY;
      if (!isJson && !ATTACHMENT_ENTRY.test(name))
        throw new KbError('containerUnexpectedEntry', name, { params: { name } });
      if ((entry.generalPurposeBitFlag & 1) !== 0)
        throw new KbError('containerInvalid', `${name} is encrypted`, { params: { reason: name } });
      const limit = isJson ? limits.maxBundleBytes : limits.maxAttachmentBytes;
      total += entry.uncompressedSize;
      if (entry.uncompressedSize > limit || total > limits.maxTotalBytes)
        throw new KbError('containerTooLarge', name, { params: { name } });
      if (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize > limits.maxRatio * entry.compressedSize)
        throw new KbError('containerBomb', name, { params: { name } });
      entries.set(name, entry);
    }
  } catch (error) {
    if (error instanceof KbError) throw error;
    throw invalid(error);
  }
  return entries;
}

async function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry) {
  try {
    return await zip.openReadStreamPromise(entry);
  } catch (error) {
    throw invalid(error);
  }
}

/** The stream's pieces, hashed and counted as they pass; a broken or lying entry becomes containerInvalid. */
async function* checkedPieces(
  stream: Readable,
  hasher: ReturnType<typeof createHash>,
  progress: (bytes: number) => void,
): AsyncGenerator<Uint8Array> {
  try {
    for await (const piece of stream as AsyncIterable<Buffer>) {
      hasher.update(piece);
      progress(piece.length);
      yield piece;
    }
  } catch (error) {
    throw invalid(error);
  }
}

async function readWhole(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  limit: number,
  progress: (bytes: number) => void,
): Promise<Uint8Array> {
  if (entry.uncompressedSize > limit) throw tooLarge(entry.uncompressedSize, limit);
  const parts: Buffer[] = [];
  for await (const piece of checkedPieces(await openEntry(zip, entry), createHash('sha256'), progress))
    parts.push(piece as Buffer);
  return Buffer.concat(parts);
}

function invalid(error: unknown): KbError {
  const reason = error instanceof Error ? error.message : String(error);
  return new KbError('containerInvalid', reason, { params: { reason: reason.slice(0, 100) } });
}

export interface ContainerAttachment {
  sha256: string;
  /** Where its bytes are read from. */
  file: string;
  size: number;
}

/**
 * Writes a container: the bundle's pieces as the JSON entry, then each
 * attachment from its file, streamed into a temp file beside `file` that is
 * fsync'd and renamed into place (a failed write leaves no partial container).
 */
export async function writeContainer(
  file: string,
  bundlePieces: Iterable<Uint8Array>,
  attachments: readonly ContainerAttachment[],
  onProgress?: Progress,
): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const zip = new yazl.ZipFile();
  const total = attachments.reduce((sum, a) => sum + a.size, 0);
  let done = 0;
  zip.addReadStream(Readable.from(bundlePieces), CONTAINER_BUNDLE_ENTRY, { compress: true });
  for (const attachment of attachments) {
    // Photos, PDFs and office files are compressed already: stored as they are.
    zip.addFile(attachment.file, `${CONTAINER_ATTACHMENTS}${attachment.sha256}`, { compress: false });
  }
  zip.end();
  try {
    const handle = await openFile(temp, 'wx');
    try {
      for await (const piece of zip.outputStream as AsyncIterable<Buffer>) {
        for (let offset = 0; offset < piece.length;) {
          const { bytesWritten } = await handle.write(piece, offset, piece.length - offset);
          offset += bytesWritten;
        }
        done += piece.length;
        onProgress?.(Math.min(done, total), total);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    await syncDirectory(path.dirname(file));
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw new KbError('fileWriteFailed', (error as Error).message, {
      params: { reason: (error as NodeJS.ErrnoException).code ?? 'EIO' },
    });
  }
}
