import { describe, expect, it } from 'vitest';
import type { KbError } from '../../../core/base/errors';
import { foreignFileKind } from '../../../core/bundle/foreign-file';
import { readBundle } from '../../../core/bundle/read-bundle';
import { encode, renderError } from '../../helpers/bundles';

/** The first bytes of a ZIP whose first entry has `name`, as Office and LibreOffice write them. */
const zipWith = (name: string, after = '') =>
  new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0, ...encode(`${'\0'.repeat(20)}${name}${after}`)]);

const FILES: [string, Uint8Array, string][] = [
  ['a PDF', encode('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'pdf'],
  ['a Word file', zipWith('[Content_Types].xml', 'word/document.xml'), 'word'],
  ['an Excel file', zipWith('[Content_Types].xml', 'xl/workbook.xml'), 'spreadsheet'],
  ['a PowerPoint file', zipWith('[Content_Types].xml', 'ppt/presentation.xml'), 'presentation'],
  ['a LibreOffice text', zipWith('mimetypeapplication/vnd.oasis.opendocument.text'), 'opendocument'],
  ['a plain ZIP', zipWith('minutes.txt'), 'zip'],
  ['an old .doc', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), 'oldOffice'],
  ['an RTF file', encode('{\\rtf1\\ansi Protokoll}'), 'word'],
  ['a PNG', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'image'],
  ['a JPEG', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image'],
  ['a web page', encode('\n  <!DOCTYPE html><html><body>Bundle</body></html>'), 'html'],
];

describe('a file that is not a bundle', () => {
  it.each(FILES)('is recognised as what it is: %s', (_name, bytes, kind) => {
    expect(foreignFileKind(bytes)).toBe(kind);
  });

  it('leaves JSON and plain text to the JSON checks', () => {
    expect(foreignFileKind(encode('{"format":"twinning-kb.bundle"}'))).toBeUndefined();
    expect(foreignFileKind(encode('\uFEFF{"format":"twinning-kb.bundle"}'))).toBeUndefined();
    expect(foreignFileKind(encode('Protokoll der Sitzung'))).toBeUndefined();
  });

  it('is refused by saying what it is and what was expected, in German and Dutch', async () => {
    let error: KbError | undefined;
    try {
      readBundle(FILES[0]![1]);
    } catch (e) {
      error = e as KbError;
    }
    expect(error).toMatchObject({ code: 'bundleForeignFile', params: { fileKind: 'pdf' } });
    expect(await renderError('de', error!.code, error!.params)).toBe(
      'Diese Datei ist ein PDF-Dokument, kein Austauschpaket. Importieren können Sie hier nur Austauschpakete: ' +
        'Dateien „*.twinning-kb.json“, die jemand in twinning-kb unter „Austausch“ exportiert hat.',
    );
    expect(await renderError('nl', error!.code, error!.params)).toMatch(/^Dit bestand is een pdf-document, geen /);
  });

  it('keeps the technical detail of a text that is not JSON apart from the plain message', async () => {
    let error: KbError | undefined;
    try {
      readBundle(encode('Protokoll der Sitzung'));
    } catch (e) {
      error = e as KbError;
    }
    expect(error!.code).toBe('bundleSyntax');
    expect(await renderError('de', error!.code, error!.params)).toBe(
      'Diese Datei ist kein Austauschpaket von twinning-kb: Ihr Inhalt ist nicht so aufgebaut, wie twinning-kb ' +
        'Pakete schreibt. Vielleicht wurde die falsche Datei gewählt? ' +
        'Kein gültiges JSON: unerwartetes Zeichen „P“ in Zeile 1, Spalte 1.',
    );
  });
});
