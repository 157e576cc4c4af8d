/**
 * Exchanging bundles with their attachments as one container file (see
 * core/bundle/container.ts). Export: the JSON bundle plus the bytes of every
 * attachment its records name, each checked against its hash first (a
 * damaged attachment is never sent as if fine). Import: the container is
 * checked whole before the preview, writing nothing; only the confirmed
 * import stores the attachments' bytes (each checked again against its hash)
 * and then the records, so a record never names bytes that are not there;
 * bytes stored for an import that then fails are left to the cleanup.
 */
import type { BundleSelection } from '../../shared/bundle';
import type { ExportSummary, ImportPreview, ImportSummary } from '../../shared/responses';
import { MAX_ATTACHMENT_BYTES } from '../../shared/attachments';
import type { BlobStore } from '../attachments/blob-store';
import { attachmentTypeOfBytes } from '../attachments/content-type';
import { KbError } from '../base/errors';
import {
  attachmentHashesOf,
  CONTAINER_ATTACHMENTS,
  readContainer,
  writeContainer,
  type Progress,
} from '../bundle/container';
import type { Exchange } from './exchange';

/** How much of an attachment is read to decide its type (an office file's parts are listed near its start). */
const SNIFF_BYTES = 1024 * 1024;

export class ContainerExchange {
  readonly #exchange: Exchange;
  readonly #blobs: () => BlobStore;
  /** The container file of a pending preview, by preview id. */
  readonly #pending = new Map<string, string>();

  constructor(exchange: Exchange, blobs: () => BlobStore) {
    this.#exchange = exchange;
    this.#blobs = blobs;
  }

  /** `twinning-kb-<organisation>-<date>.twinning-kb.zip` */
  suggestedFileName(): string {
    return this.#exchange.suggestedFileName().replace(/\.json$/, '.zip');
  }

  /** How many attachments an export of the selection carries: none means a JSON bundle is all it needs. */
  attachmentCount(selection: BundleSelection): number {
    return attachmentHashesOf({ content: this.#exchange.exportBundle(selection).content }).size;
  }

  /** Writes the selection with its attachments to `file`; the summary counts the attachments too. */
  async export(
    file: string,
    selection: BundleSelection,
    onProgress?: Progress,
  ): Promise<ExportSummary & { attachments: number }> {
    const { pieces, summary, content } = this.#exchange.exportBundle(selection);
    const blobs = this.#blobs();
    const attachments = [];
    for (const sha256 of attachmentHashesOf({ content })) {
      await blobs.require(sha256, sha256);
      attachments.push({ sha256, file: blobs.pathOf(sha256), size: await blobs.size(sha256) });
    }
    await writeContainer(file, pieces, attachments, onProgress);
    return { ...summary, attachments: attachments.length };
  }

  /**
   * Checks the whole container (nothing is written), each attachment's type
   * from its first bytes included, and previews the import of its bundle.
   */
  async preview(file: string, fileName: string, onProgress?: Progress): Promise<ImportPreview> {
    const { bundleBytes } = await readContainer(file, {
      ...(onProgress ? { onProgress } : {}),
      onAttachment: async (sha256, pieces) => {
        const head: Uint8Array[] = [];
        let size = 0;
        for await (const piece of pieces) {
          head.push(piece);
          size += piece.length;
          if (size >= SNIFF_BYTES) break;
        }
        if (!(await attachmentTypeOfBytes(Buffer.concat(head)))) {
          const name = `${CONTAINER_ATTACHMENTS}${sha256}`;
          throw new KbError('attachmentTypeRefused', name, { params: { name } });
        }
      },
    });
    const preview = this.#exchange.preview(bundleBytes, fileName);
    this.#pending.clear();
    this.#pending.set(preview.previewId, file);
    return preview;
  }

  /**
   * Confirms a previewed import: the attachments' bytes first (read again and
   * checked as they are stored), then the records. Previews of JSON-only
   * bundles are confirmed as they are.
   */
  async confirm(previewId: string, onProgress?: Progress): Promise<ImportSummary> {
    const file = this.#pending.get(previewId);
    const held: string[] = [];
    try {
      if (file && this.#exchange.pendingPreview === previewId) {
        const blobs = this.#blobs();
        await readContainer(file, {
          ...(onProgress ? { onProgress } : {}),
          onAttachment: async (sha256, pieces) => {
            if ((await blobs.health(sha256)) === 'ok') blobs.hold([sha256]);
            else await blobs.addExpected(sha256, pieces, MAX_ATTACHMENT_BYTES);
            held.push(sha256);
          },
        });
      }
      const summary = await this.#exchange.confirm(previewId);
      this.#pending.delete(previewId);
      return summary;
    } finally {
      // Named by the imported records now, or (a failed import) by nothing: the cleanup removes those.
      if (held.length > 0) this.#blobs().release(held);
    }
  }

  cancel(previewId: string): void {
    this.#pending.delete(previewId);
    this.#exchange.cancel(previewId);
  }
}
