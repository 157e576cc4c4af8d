/**
 * What a file that is not a bundle is, told by its first bytes, so that
 * opening a PDF or a Word file by mistake is answered with "this is a PDF
 * document", not with a JSON parser's complaint about a "%" in line 1.
 * Only the kinds people mix up with a bundle; anything else is left to the
 * JSON checks.
 */
export type ForeignFileKind =
  'pdf' | 'word' | 'spreadsheet' | 'presentation' | 'opendocument' | 'oldOffice' | 'zip' | 'image' | 'html';

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  signature.every((byte, i) => bytes[at + i] === byte);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The OOXML part a ZIP names near its start tells Word, Excel and PowerPoint apart; ODF files start with their mimetype. */
function zipKind(bytes: Uint8Array): ForeignFileKind {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  if (head.includes('mimetypeapplication/vnd.oasis.opendocument')) return 'opendocument';
  if (head.includes('word/')) return 'word';
  if (head.includes('xl/')) return 'spreadsheet';
  if (head.includes('ppt/')) return 'presentation';
  return 'zip';
}

export function foreignFileKind(bytes: Uint8Array): ForeignFileKind | undefined {
  if (startsWith(bytes, ascii('%PDF-'))) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return zipKind(bytes);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'oldOffice';
  if (startsWith(bytes, ascii('{\\rtf'))) return 'word';
  if (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) ||
    startsWith(bytes, [0xff, 0xd8, 0xff]) ||
    startsWith(bytes, ascii('GIF8')) ||
    (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8))
  )
    return 'image';
  const start = Buffer.from(bytes.subarray(0, 256))
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  if (/^\s*<(!doctype html|html[\s>])/i.test(start)) return 'html';
  return undefined;
}
