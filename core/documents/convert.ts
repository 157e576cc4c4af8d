/**
 * Bringing existing documents in: a Word file, a Markdown or text file, or a
 * PDF becomes the text of a draft practice. The kind is decided from the
 * bytes (file-type), never from the name. Word goes through mammoth to HTML
 * and turndown to Markdown (headings, lists, tables; each embedded image
 * becomes an attachment, referred to from the text); a PDF gives its text
 * through pdf.js and is kept as an attachment itself. The language is guessed
 * from common words, and the guess is shown, never silently trusted.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gfm } from '@joplin/turndown-plugin-gfm';
import mammoth from 'mammoth';
import TurndownService from 'turndown';
import { ATTACHMENT_REF_PREFIX, MAX_ATTACHMENT_BYTES, type AttachmentType } from '../../shared/attachments';
import type { Lang } from '../../shared/model';
import { KbError } from '../base/errors';
import { attachmentTypeOfBytes } from '../attachments/content-type';

/** A file to attach to the practice the document becomes. */
export interface DocumentFile {
  name: string;
  bytes: Uint8Array;
}

export interface ConvertedDocument {
  title: string;
  /** Markdown; images are referred to as `attachment:<sha256>`. */
  body: string;
  language: Lang;
  /** Images found inside, and the original itself where it is kept (a PDF). */
  files: DocumentFile[];
}

const DOCX: AttachmentType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Reads and converts the document at `file`; refuses what is no Word file, PDF, or UTF-8 text. */
export async function convertDocument(file: string): Promise<ConvertedDocument> {
  const bytes = await readFile(file);
  if (bytes.length > MAX_ATTACHMENT_BYTES)
    throw new KbError('attachmentTooLarge', file, {
      params: { name: path.basename(file), sizeMB: Math.round(bytes.length / 1048576), limitMB: 50 },
    });
  const name = path.basename(file);
  const fallbackTitle = path.parse(name).name;
  const type = await attachmentTypeOfBytes(bytes);
  if (type === DOCX) return fromWord(bytes, fallbackTitle);
  if (type === 'application/pdf') return fromPdf(bytes, name, fallbackTitle);
  if (type === undefined) {
    const text = decodeText(bytes);
    // Markup of the web (a page, an SVG) is no text to bring in, whatever its name says.
    if (text !== undefined && !/^\s*<(!doctype|html|svg|\?xml|head|body|script)\b/i.test(text))
      return fromMarkdown(text, fallbackTitle);
  }
  throw new KbError('attachmentTypeRefused', name, { params: { name } });
}

async function fromWord(bytes: Buffer, fallbackTitle: string): Promise<ConvertedDocument> {
  const files: DocumentFile[] = [];
  const { value: html } = await mammoth.convertToHtml(
    { buffer: bytes },
    {
      convertImage: mammoth.images.imgElement(async (image) => {
        const data = await image.readAsBuffer();
        const type = await attachmentTypeOfBytes(data);
        if (!type?.startsWith('image/')) return { src: '' }; // an embedded file of another kind is left out
        const sha256 = createHash('sha256').update(data).digest('hex');
        files.push({
          name: `bild-${files.length + 1}.${type.slice('image/'.length).replace('jpeg', 'jpg')}`,
          bytes: data,
        });
        return { src: `${ATTACHMENT_REF_PREFIX}${sha256}` };
      }),
    },
  );
  const turndown = new TurndownService({ headingStyle: 'atx', bulletListMarker: '-', codeBlockStyle: 'fenced' });
  turndown.use(gfm);
  const body = turndown.turndown(html).trim();
  return { ...titled(body, fallbackTitle), language: guessLanguage(body), files };
}

async function fromPdf(bytes: Buffer, name: string, fallbackTitle: string): Promise<ConvertedDocument> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js parses on a "fake worker" in Node; given here, it is bundled with the main process instead of looked up beside it.
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  const document = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  const pages: string[] = [];
  try {
    for (let n = 1; n <= document.numPages; n++) {
      const content = await (await document.getPage(n)).getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str + (item.hasEOL ? '\n' : '');
      }
      pages.push(text.replace(/[ \t]+\n/g, '\n').trim());
    }
  } finally {
    await document.destroy();
  }
  const body = pages.filter(Boolean).join('\n\n');
  return {
    title: firstLine(body) ?? fallbackTitle,
    body,
    language: guessLanguage(body),
    files: [{ name, bytes }],
  };
}

function fromMarkdown(text: string, fallbackTitle: string): ConvertedDocument {
  const body = text.replace(/\r\n?/g, '\n').trim();
  return { ...titled(body, fallbackTitle), language: guessLanguage(body), files: [] };
}

/** A first-level heading at the top becomes the title (and leaves the body); otherwise the file's name. */
function titled(body: string, fallbackTitle: string): { title: string; body: string } {
  const match = /^#\s+(.+)\n*/.exec(body);
  return match
    ? { title: match[1]!.trim().slice(0, 300), body: body.slice(match[0].length) }
    : { title: fallbackTitle.slice(0, 300), body };
}

const firstLine = (text: string) =>
  text
    .split('\n')
    .find((line) => line.trim())
    ?.trim()
    .slice(0, 300);

/** UTF-8 text without control characters other than line breaks and tabs, else undefined (a binary file). */
function decodeText(bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return /[\u0000-\u0008\u000e-\u001f]/.test(text) ? undefined : text.replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

const COMMON: Record<Lang, ReadonlySet<string>> = {
  de: new Set([
    'der',
    'die',
    'das',
    'und',
    'ist',
    'nicht',
    'mit',
    'für',
    'auf',
    'den',
    'dem',
    'ein',
    'eine',
    'wir',
    'auch',
    'sich',
    'im',
    'zu',
    'von',
    'werden',
  ]),
  nl: new Set([
    'de',
    'het',
    'een',
    'en',
    'van',
    'is',
    'niet',
    'met',
    'voor',
    'op',
    'zijn',
    'wij',
    'ook',
    'zich',
    'te',
    'worden',
    'dat',
    'in',
    'bij',
    'naar',
  ]),
};

/** German or Dutch, by which language's common words occur more often (German when it cannot tell). */
export function guessLanguage(text: string): Lang {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  let de = 0;
  let nl = 0;
  for (const word of words) {
    if (COMMON.de.has(word)) de++;
    if (COMMON.nl.has(word)) nl++;
  }
  return nl > de ? 'nl' : 'de';
}
