/** Bundle files on disk: read with the size limit checked before reading, written durably. */
import { readFile, stat } from 'node:fs/promises';
import { writeFileDurably } from '../base/durable-write';
import { KbError } from '../base/errors';
import { DEFAULT_MAX_BUNDLE_BYTES, tooLarge } from './read-bundle';

/** The file's bytes; a file over the limit is refused without reading it into memory. */
export async function readBundleFile(file: string, maxBytes = DEFAULT_MAX_BUNDLE_BYTES): Promise<Uint8Array> {
  try {
    const { size } = await stat(file);
    if (size > maxBytes) throw tooLarge(size, maxBytes);
    return await readFile(file);
  } catch (error) {
    if (error instanceof KbError) throw error;
    throw new KbError('fileReadFailed', (error as Error).message, {
      params: { reason: (error as NodeJS.ErrnoException).code ?? 'EIO' },
    });
  }
}

/** Writes the bundle's bytes, whole or as pieces made while writing (see prepareBundle). */
export async function writeBundleFile(file: string, bytes: Uint8Array | Iterable<Uint8Array>): Promise<void> {
  try {
    await writeFileDurably(file, bytes);
  } catch (error) {
    throw new KbError('fileWriteFailed', (error as Error).message, {
      params: { reason: (error as NodeJS.ErrnoException).code ?? 'EIO' },
    });
  }
}
