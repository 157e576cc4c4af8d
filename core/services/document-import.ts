/**
 * New practices from existing documents: each file (a Word file, a PDF, a
 * Markdown or text file; several at once, such as a folder of minutes)
 * becomes a draft for the user to check in the editor before anything is
 * saved. The images inside a Word file and the PDF itself are stored in the
 * attachment store right away (content-addressed, so nothing is duplicated)
 * and attached when the practice is saved, by `attachStored`.
 */
import path from 'node:path';
import type { DocumentDraft, DraftResult } from '../../shared/responses';
import { MAX_ATTACHMENT_BYTES } from '../../shared/attachments';
import { KbError } from '../base/errors';
import { convertDocument } from '../documents/convert';
import type { Attachments } from './attachments';

export type { DocumentDraft, DraftResult } from '../../shared/responses';

export class DocumentImport {
  readonly #attachments: Attachments;

  constructor(attachments: Attachments) {
    this.#attachments = attachments;
  }

  /** Converts each file on its own: one that cannot be read is reported, the others still become drafts. */
  async drafts(files: readonly string[]): Promise<DraftResult[]> {
    const results: DraftResult[] = [];
    for (const file of files) {
      const fileName = path.basename(file);
      try {
        results.push({ ok: true, draft: await this.draft(file) });
      } catch (error) {
        const info =
          error instanceof KbError
            ? error.info
            : { code: 'fileReadFailed' as const, params: { reason: String(error) } };
        results.push({ ok: false, fileName, error: info });
      }
    }
    return results;
  }

  async draft(file: string): Promise<DocumentDraft> {
    const converted = await convertDocument(file);
    const attachments: DocumentDraft['attachments'] = [];
    for (const { name, bytes } of converted.files) {
      const blob = await this.#attachments.blobs.addBytes(bytes, name, MAX_ATTACHMENT_BYTES);
      this.#attachments.allowDraftImage(blob.sha256, blob.type);
      attachments.push({ sha256: blob.sha256, name, type: blob.type, size: blob.size });
    }
    return {
      fileName: path.basename(file),
      title: converted.title,
      body: converted.body,
      language: converted.language,
      attachments,
    };
  }
}
