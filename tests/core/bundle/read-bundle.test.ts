import { describe, expect, it } from 'vitest';
import { checkBundle, parseBundleJson, readBundle, readBundleInSlices } from '../../../core/bundle/read-bundle';
import { KbError } from '../../../core/base/errors';
import type { Bundle } from '../../../shared/bundle';
import type { Practice } from '../../../shared/model';
import {
  annotationRecord,
  bundleText,
  changed,
  encode,
  exportedBundle,
  exportText,
  INSTALLATION,
  practiceRecord,
  smallBundle,
  tampered,
  withChecksum,
} from '../../helpers/bundles';
import { germanPractice, writableKnowledgeBase } from '../../helpers/knowledge-base';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

function refusal(input: Bundle | string | Uint8Array): KbError {
  const bytes = input instanceof Uint8Array ? input : encode(typeof input === 'string' ? input : bundleText(input));
  try {
    readBundle(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(KbError);
    return error as KbError;
  }
  throw new Error('expected the bundle to be refused, but it was accepted');
}

/** A small bundle with one practice changed (and the checksum made to match). */
const withPractice = (index: number, change: (p: Practice) => void, bundle = smallBundle()) =>
  changed(bundle, (b) => change(b.content.practices[index]!));

describe('reading a valid bundle', () => {
  it('returns exactly what a knowledge base on disk exported', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const { practice } = await kb.practices.save(undefined, germanPractice(kb));
    await kb.annotations.save(undefined, {
      practiceId: practice.id,
      kind: 'question',
      text: 'Wie teuer war das?',
      language: 'de',
    });
    await kb.practices.trash((await kb.practices.save(undefined, germanPractice(kb, { tags: ['alt'] }))).practice.id);
    const text = exportText(kb);
    const bundle = readBundle(encode(text));
    expect(bundle).toEqual(JSON.parse(text));
    expect(bundle.content.practices.map((p) => p.id)).toContain(practice.id);
    expect(bundle.content.tombstones).toHaveLength(1);
    await kb.store.close();
  });

  it('returns what a knowledge base exported after some use, with tombstones', async () => {
    const { bundle, ids } = await exportedBundle();
    const read = readBundle(encode(bundleText(bundle)));
    expect(read).toEqual(bundle);
    expect(read.content.tombstones.map((t) => t.record.id).sort()).toEqual(
      [ids.trashedAnnotation, ids.trashedPractice].sort(),
    );
  });

  it('returns a bundle whose checksum, computed again, is the same', async () => {
    const { bundle } = await exportedBundle();
    const read = readBundle(encode(bundleText(bundle)));
    expect(withChecksum(read).checksum).toEqual(bundle.checksum);
  });

  it('accepts an indented bundle, with spaces or tabs or Windows line endings', () => {
    const bundle = smallBundle();
    expect(readBundle(encode(bundleText(bundle, 2)))).toEqual(bundle);
    expect(readBundle(encode(JSON.stringify(bundle, null, '\t')))).toEqual(bundle);
    expect(readBundle(encode(bundleText(bundle, 2).replaceAll('\n', '\r\n')))).toEqual(bundle);
  });

  it('accepts a bundle with keys in another order', () => {
    const bundle = smallBundle();
    const reordered = {
      checksum: bundle.checksum,
      content: bundle.content,
      exportedBy: bundle.exportedBy,
      exportedAt: bundle.exportedAt,
      schemaVersion: 1,
      format: bundle.format,
    };
    expect(readBundle(encode(bundleText(reordered)))).toEqual(bundle);
  });

  it('accepts a byte order mark at the start, as some editors write it', () => {
    const bundle = smallBundle();
    expect(readBundle(new Uint8Array([...BOM, ...encode(bundleText(bundle))]))).toEqual(bundle);
  });

  it('counts lines and columns after a byte order mark as an editor shows them', () => {
    const error = refusal(new Uint8Array([...BOM, ...encode('{\n  "format": x\n}')]));
    expect(error.code).toBe('bundleSyntax');
    expect(error.params).toEqual({ line: 2, column: 13, found: 'x' });
  });

  it('accepts a bundle with conflicts carrying several versions of one record', () => {
    const other = practiceRecord(1, { tags: ['andere'], version: { '9d1d6a3c-2f43-4c1e-8a55-0b7e4e5c2d11': 1 } });
    const third = practiceRecord(1, { tags: ['dritte'], version: { '6e0c1b2a-3d4f-4a5b-9c6d-7e8f9a0b1c2d': 1 } });
    const bundle = smallBundle({
      conflicts: [
        { collection: 'practices', record: other },
        { collection: 'practices', record: third },
      ],
    });
    expect(readBundle(encode(bundleText(bundle))).content.conflicts).toHaveLength(2);
  });

  it('accepts a live annotation on a deleted practice: the practice travels as a tombstone', () => {
    const bundle = changed(
      smallBundle({ trashedPractice: 9 }),
      (b) => void b.content.annotations.push(annotationRecord(2, 'practice-09')),
    );
    expect(readBundle(encode(bundleText(bundle))).content.annotations).toHaveLength(2);
  });

  it('reads attachment times with an offset as the same instants in UTC, like every other time of a record', () => {
    const bundle = changed(smallBundle(), (copy) => {
      copy.content.practices[0]!.attachments = [
        {
          sha256: 'b'.repeat(64),
          name: 'rotonde.png',
          type: 'image/png',
          size: 20,
          caption: { nl: 'Turborotonde' },
          addedAt: '2026-10-01T10:30:00+02:00',
          deletedAt: '2026-10-01T12:00:00-01:00',
        },
      ];
    });
    const [attachment] = readBundle(encode(bundleText(bundle))).content.practices[0]!.attachments!;
    expect(attachment!.addedAt).toBe('2026-10-01T08:30:00.000Z');
    expect(attachment!.deletedAt).toBe('2026-10-01T13:00:00.000Z');
  });

  it('accepts the same id in different collections', () => {
    const bundle = changed(smallBundle(), (b) => void (b.content.annotations[0]!.id = 'practice-01'));
    expect(() => readBundle(encode(bundleText(bundle)))).not.toThrow();
  });

  it('refuses a record without a version, which would look like starter content', () => {
    const bundle = changed(smallBundle(), (b) => void delete (b.content.topics[0] as { version?: unknown }).version);
    expect(refusal(bundle)).toMatchObject({
      code: 'bundleInvalidRecord',
      params: { collection: 'topics', position: 1, id: 'topic-green', field: 'version', problem: 'missing' },
    });
  });

  it('refuses the empty version on a record that is not starter content, and accepts it on starter content', () => {
    const empty = changed(smallBundle(), (b) => void (b.content.practices[1]!.version = {}));
    expect(refusal(empty)).toMatchObject({
      code: 'bundleInvalidRecord',
      params: { collection: 'practices', position: 2, field: 'version', problem: 'emptyVersion' },
    });
    const starter = changed(
      smallBundle(),
      (b) => void Object.assign(b.content.topics[0]!, { version: {}, starter: true }),
    );
    expect(readBundle(encode(bundleText(starter))).content.topics[0]!.version).toEqual({});
  });

  it('offers the same checks for text and for an already parsed value', () => {
    const bundle = smallBundle();
    expect(parseBundleJson(bundleText(bundle))).toEqual(bundle);
    expect(checkBundle(JSON.parse(bundleText(bundle)))).toEqual(bundle);
    expect(() => checkBundle(tampered(bundle, (b) => void (b.content.practices[0]!.tags = ['neu'])))).toThrow(KbError);
  });
});

describe('reading a bundle with a syntax error', () => {
  it('names the line and column in multi-line input', () => {
    const text = bundleText(smallBundle(), 2).replace('"schemaVersion": 1,', '"schemaVersion": 1,,');
    const line = text.split('\n').findIndex((l) => l.includes('"schemaVersion"')) + 1;
    const error = refusal(text);
    expect(error.code).toBe('bundleSyntax');
    expect(error.params).toEqual({ line, column: '  "schemaVersion": 1,,'.length, found: ',' });
  });

  it('names the end of the text of a file cut short', () => {
    const text = bundleText(smallBundle(), 2);
    const cut = text.slice(0, text.indexOf('"practices"'));
    const lines = cut.split('\n');
    const error = refusal(cut);
    expect(error.code).toBe('bundleTruncated');
    expect(error.params).toEqual({ line: lines.length, column: lines.at(-1)!.length + 1 });
  });
});

describe('reading a bundle that breaks the schema', () => {
  it('names the first bad record and field: practices[3] without a German title is practice no. 4, field texts.de.title, missing', () => {
    const error = refusal(withPractice(3, (p) => void delete (p.texts.de as { title?: string }).title));
    expect(error.code).toBe('bundleInvalidRecord');
    expect(error.params).toEqual({
      section: 'practices',
      collection: 'practices',
      position: 4,
      id: 'practice-04',
      field: 'texts.de.title',
      problem: 'missing',
    });
  });

  it('names the first of several bad records', () => {
    const bundle = changed(smallBundle(), (b) => {
      b.content.practices[3]!.tags = [''];
      b.content.practices[1]!.originalLanguage = 'fr' as 'de';
    });
    expect(refusal(bundle).params).toMatchObject({
      position: 2,
      id: 'practice-02',
      field: 'originalLanguage',
      problem: 'notAllowed',
    });
  });

  it('names a record in an earlier collection before one in a later collection', () => {
    const bundle = changed(smallBundle(), (b) => {
      b.content.practices[0]!.createdAt = 'gestern';
      b.content.topics[1]!.name.nl = '';
    });
    expect(refusal(bundle).params).toMatchObject({
      collection: 'topics',
      position: 2,
      id: 'topic-traffic',
      field: 'name.nl',
      problem: 'tooShort',
    });
  });

  it.each([
    ['an empty title', (p: Practice) => void (p.texts.de!.title = ''), 'texts.de.title', 'tooShort'],
    [
      'a title of 301 characters',
      (p: Practice) => void (p.texts.de!.title = 'x'.repeat(301)),
      'texts.de.title',
      'tooLong',
    ],
    ['no topic', (p: Practice) => void (p.topicIds = []), 'topicIds', 'tooShort'],
    ['a date that is not one', (p: Practice) => void (p.updatedAt = '1. Oktober 2026'), 'updatedAt', 'badFormat'],
    ['an id with a space', (p: Practice) => void (p.organisationId = 'org tempelhof'), 'organisationId', 'badFormat'],
    [
      'a source that is not a web address',
      (p: Practice) => void (p.sources = [{ title: 'Quelle', url: 'javascript:alert(1)' }]),
      'sources.0.url',
      'badFormat',
    ],
    [
      'a language neither German nor Dutch',
      (p: Practice) => void (p.originalLanguage = 'en' as 'de'),
      'originalLanguage',
      'notAllowed',
    ],
    ['no text in its original language', (p: Practice) => void delete p.texts.de, 'texts.de', 'originalTextMissing'],
    [
      'no text in its original language, Dutch',
      (p: Practice) => {
        p.originalLanguage = 'nl';
        delete p.texts.nl;
      },
      'texts.nl',
      'originalTextMissing',
    ],
    ['a missing updatedAt', (p: Practice) => void delete (p as Partial<Practice>).updatedAt, 'updatedAt', 'missing'],
  ])('names the field and the problem of a practice with %s', (_name, change, field, problem) => {
    const error = refusal(withPractice(1, change));
    expect(error.code).toBe('bundleInvalidRecord');
    expect(error.params).toMatchObject({ collection: 'practices', position: 2, id: 'practice-02', field, problem });
  });

  it('says "wrong type", not "missing", for a field that is there with the wrong type', () => {
    const error = refusal(withPractice(1, (p) => void ((p as { tags: unknown }).tags = 'verkehr')));
    expect(error.params).toMatchObject({ position: 2, field: 'tags', problem: 'wrongType' });
  });

  it('says "wrong type" for a record that is not an object', () => {
    const error = refusal(changed(smallBundle(), (b) => void ((b.content.practices as unknown[])[1] = 'practice-02')));
    expect(error.params).toMatchObject({ collection: 'practices', position: 2, problem: 'wrongType' });
  });

  it('names an unknown field of a record', () => {
    const error = refusal(withPractice(1, (p) => void Object.assign(p, { colour: 'rot' })));
    expect(error.code).toBe('bundleInvalidRecord');
    expect(error.params).toMatchObject({ position: 2, id: 'practice-02', field: 'colour', problem: 'unknownField' });
  });

  it('names an unknown field at the top of the bundle', () => {
    const error = refusal(changed(smallBundle(), (b) => void Object.assign(b, { signature: 'abc' })));
    expect(error.code).toBe('bundleInvalid');
    expect(error.params).toEqual({ field: 'signature', problem: 'unknownField' });
  });

  it('names a bad record among the tombstones by the collection it belongs to, and its field inside the record', () => {
    const bundle = changed(
      smallBundle({ trashedPractice: 9 }),
      (b) => void (b.content.tombstones[0]!.record.updatedAt = 'nie'),
    );
    const error = refusal(bundle);
    expect(error.code).toBe('bundleInvalidRecord');
    expect(error.params).toEqual({
      section: 'tombstones',
      context: 'tombstones',
      collection: 'practices',
      position: 1,
      id: 'practice-09',
      field: 'updatedAt',
      problem: 'badFormat',
    });
  });

  it('refuses a tombstone of a collection that cannot be deleted', () => {
    const bundle = changed(
      smallBundle(),
      (b) => void b.content.tombstones.push({ collection: 'topics', record: b.content.topics[0] } as never),
    );
    expect(refusal(bundle).params).toMatchObject({ section: 'tombstones', field: 'collection', problem: 'notAllowed' });
  });

  it('names a bad field outside the records by its path', () => {
    const error = refusal(changed(smallBundle(), (b) => void (b.exportedBy.installationId = 'not-a-uuid')));
    expect(error.code).toBe('bundleInvalid');
    expect(error.params).toEqual({ field: 'exportedBy.installationId', problem: 'badFormat' });
  });

  it('refuses a checksum of another algorithm or spelling', () => {
    const bundle = smallBundle();
    expect(
      refusal({ ...bundle, checksum: { algorithm: 'md5' as 'sha256', value: bundle.checksum.value } }).params,
    ).toEqual({ field: 'checksum.algorithm', problem: 'notAllowed' });
    expect(
      refusal({ ...bundle, checksum: { ...bundle.checksum, value: bundle.checksum.value.toUpperCase() } }).params,
    ).toEqual({ field: 'checksum.value', problem: 'badFormat' });
  });

  it('cuts a very long id in the message to 100 characters', () => {
    const error = refusal(withPractice(1, (p) => void (p.id = `a${'b'.repeat(5000)}`)));
    expect(String(error.params?.id)).toHaveLength(100);
  });
});

describe('reading a bundle whose content does not add up', () => {
  it('refuses changed content by its checksum', () => {
    expect(
      refusal(tampered(smallBundle(), (b) => void (b.content.practices[0]!.texts.de!.title = 'Geändert'))).code,
    ).toBe('bundleChecksum');
  });

  it('refuses content reordered after export by its checksum', () => {
    expect(refusal(tampered(smallBundle(), (b) => void b.content.practices.reverse())).code).toBe('bundleChecksum');
  });

  it('checks the schema before the checksum, so a broken field is named even in changed content', () => {
    const bundle = tampered(smallBundle(), (b) => void (b.content.practices[2]!.texts.de!.title = ''));
    expect(refusal(bundle).params).toMatchObject({ position: 3, field: 'texts.de.title' });
  });

  it('refuses a deleted practice in the live list, naming it', () => {
    const error = refusal(withPractice(2, (p) => void (p.deletedAt = '2026-10-02T00:00:00.000Z')));
    expect(error.code).toBe('bundleMisplacedRecord');
    expect(error.params).toEqual({ collection: 'practices', position: 3, id: 'practice-03', field: 'deletedAt' });
  });

  it('refuses a live record among the tombstones, naming it', () => {
    const bundle = changed(
      smallBundle(),
      (b) => void b.content.tombstones.push({ collection: 'annotations', record: b.content.annotations.pop()! }),
    );
    const error = refusal(bundle);
    expect(error.code).toBe('bundleMisplacedRecord');
    expect(error.params).toEqual({
      collection: 'annotations',
      position: 1,
      id: 'annotation-01',
      field: 'deletedAt',
      context: 'tombstones',
    });
  });

  it('refuses an id given twice in one collection', () => {
    const bundle = changed(smallBundle(), (b) => void (b.content.practices[3]!.id = 'practice-02'));
    expect(refusal(bundle).params).toEqual({ collection: 'practices', id: 'practice-02' });
  });

  it('refuses an id that is both live and a tombstone', () => {
    expect(refusal(smallBundle({ trashedPractice: 2 }))).toMatchObject({
      code: 'bundleDuplicateId',
      params: { collection: 'practices', id: 'practice-02' },
    });
  });

  it.each([
    [
      'an annotation on a missing practice',
      (b: Bundle) => void (b.content.annotations[0]!.practiceId = 'practice-99'),
      'annotations',
      'annotation-01',
      'practiceId',
      'practice-99',
    ],
    [
      'an annotation from a missing organisation',
      (b: Bundle) => void (b.content.annotations[0]!.organisationId = 'org-nowhere'),
      'annotations',
      'annotation-01',
      'organisationId',
      'org-nowhere',
    ],
    [
      'an annotation on a missing visit',
      (b: Bundle) => void (b.content.annotations[0]!.visitId = 'visit-99'),
      'annotations',
      'annotation-01',
      'visitId',
      'visit-99',
    ],
    [
      'a practice of a missing organisation',
      (b: Bundle) => void (b.content.practices[1]!.organisationId = 'org-nowhere'),
      'practices',
      'practice-02',
      'organisationId',
      'org-nowhere',
    ],
    [
      'a practice on a missing topic',
      (b: Bundle) => void b.content.practices[1]!.topicIds.push('topic-nowhere'),
      'practices',
      'practice-02',
      'topicIds',
      'topic-nowhere',
    ],
    [
      'a visit with a missing guest',
      (b: Bundle) =>
        void b.content.visits.push({
          id: 'visit-01',
          version: { [INSTALLATION]: 1 },
          hostOrganisationId: 'org-tempelhof-schoeneberg',
          guestOrganisationId: 'org-nowhere',
          status: 'planned',
          participants: [],
          programme: [],
          topicIds: [],
          notes: {},
          sources: [],
          createdAt: '2026-10-01T08:00:00.000Z',
          updatedAt: '2026-10-01T08:00:00.000Z',
        }),
      'visits',
      'visit-01',
      'guestOrganisationId',
      'org-nowhere',
    ],
    [
      'a glossary term on a missing topic',
      (b: Bundle) =>
        void b.content.glossary.push({
          id: 'term-01',
          version: { [INSTALLATION]: 1 },
          term: { de: 'Bezirk', nl: 'stadsdeel' },
          definition: { de: '', nl: '' },
          topicIds: ['topic-nowhere'],
          createdAt: '2026-10-01T08:00:00.000Z',
          updatedAt: '2026-10-01T08:00:00.000Z',
        }),
      'glossary',
      'term-01',
      'topicIds',
      'topic-nowhere',
    ],
  ])('refuses %s as a dangling reference', (_name, change, collection, id, field, target) => {
    const error = refusal(changed(smallBundle(), change));
    expect(error.code).toBe('bundleDanglingReference');
    expect(error.params).toEqual({ collection, id, field, target });
  });
});

describe('the size limit', () => {
  it('refuses bytes over the limit before looking at them, and accepts them at the limit', () => {
    const bytes = encode(bundleText(smallBundle()));
    expect(() => readBundle(bytes, { maxBytes: bytes.byteLength })).not.toThrow();
    try {
      readBundle(new Uint8Array(3 * 1024 * 1024).fill(0xff), { maxBytes: 2 * 1024 * 1024 });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({
        code: 'bundleTooLarge',
        params: { size: 3 * 1024 * 1024, limit: 2 * 1024 * 1024, sizeMiB: 3, limitMiB: 2 },
      });
    }
  });
});

describe('reading comparison cells', () => {
  const cell = (id: string, dimension: string, organisationId = 'org-tempelhof-schoeneberg') => ({
    id,
    version: { [INSTALLATION]: 1 },
    dimension,
    organisationId,
    text: { de: 'Text' },
    createdAt: '2026-10-01T08:00:00.000Z',
    updatedAt: '2026-10-01T08:00:00.000Z',
  });

  it('accepts the documented dimensions: the structure rows and the row of a topic in the bundle', () => {
    const bundle = changed(smallBundle(), (b) => {
      b.content.comparison = [cell('c1', 'council'), cell('c2', 'topic:topic-traffic'), cell('c3', 'legal-status')];
    });
    expect(readBundle(encode(bundleText(bundle))).content.comparison).toHaveLength(3);
  });

  it('refuses a dimension that is not documented', () => {
    const bundle = changed(smallBundle(), (b) => void (b.content.comparison = [cell('c1', 'budget')]));
    expect(refusal(bundle)).toMatchObject({
      code: 'bundleInvalidRecord',
      params: { collection: 'comparison', position: 1, id: 'c1', field: 'dimension', problem: 'badFormat' },
    });
  });

  it('refuses a topic row naming a topic that is not in the bundle', () => {
    const bundle = changed(smallBundle(), (b) => void (b.content.comparison = [cell('c1', 'topic:topic-nowhere')]));
    expect(refusal(bundle)).toMatchObject({
      code: 'bundleDanglingReference',
      params: { collection: 'comparison', id: 'c1', field: 'dimension', target: 'topic-nowhere' },
    });
  });

  it('refuses two records for one cell, which would hide one behind the other', () => {
    const bundle = changed(smallBundle(), (b) => {
      b.content.comparison = [cell('c1', 'council'), cell('c2', 'council', 'org-amstelveen'), cell('c3', 'council')];
    });
    expect(refusal(bundle)).toMatchObject({
      code: 'bundleDuplicateCell',
      params: { id: 'c3', other: 'c1', dimension: 'council', organisation: 'org-tempelhof-schoeneberg' },
    });
  });
});

describe('reading text that is no text', () => {
  it('refuses an escaped lone surrogate, naming where it is', () => {
    const text = bundleText(withPractice(0, (p) => void (p.texts.de!.title = 'Kreisverkehr X')));
    const error = refusal(text.replace('Kreisverkehr X', 'Kreisverkehr \\ud83d'));
    expect(error.code).toBe('bundleLoneSurrogate');
    expect(error.params).toMatchObject({ line: 1, escape: '\\ud83d' });
  });
});

describe('reading in slices (sync, for big files)', () => {
  it('returns exactly what reading in one go returns', async () => {
    const bytes = encode(bundleText(smallBundle({ practices: 30, trashedPractice: 31 })));
    expect((await readBundleInSlices(bytes)).bundle).toEqual(readBundle(bytes));
  });

  it('names the same first problem, in the order the schema checks, even when a later part is wrong too', async () => {
    // A broken record deep in the content and a malformed checksum after it: the record comes first.
    const bundle = changed(smallBundle({ practices: 30 }), (b) => void (b.content.practices[27]!.version = {}));
    const text = bundleText(bundle).replace('"sha256"', '"sha1"');
    const expected = refusal(text);
    expect(expected).toMatchObject({ code: 'bundleInvalidRecord', params: { position: 28, field: 'version' } });
    await expect(readBundleInSlices(encode(text))).rejects.toMatchObject({
      code: expected.code,
      params: expected.params,
    });
    // Only the top is wrong: named as in one go.
    const top = bundleText(smallBundle()).replace('"format":', '"extra":1,"format":');
    await expect(readBundleInSlices(encode(top))).rejects.toMatchObject({
      code: refusal(top).code,
      params: refusal(top).params,
    });
  });
});
