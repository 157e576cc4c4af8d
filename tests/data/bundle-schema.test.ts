import { existsSync, readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../core/bundle/read-bundle';
import { bundleJsonSchema, SCHEMA_FILE } from '../../scripts/generate-bundle-schema';
import type { Bundle } from '../../shared/bundle';
import { BUNDLE_SCHEMA_VERSION } from '../../shared/bundle';
import { bundleText, changed, encode, exportedBundle, practiceRecord, smallBundle, tampered } from '../helpers/bundles';

const checkedIn = readFileSync(SCHEMA_FILE, 'utf8');
const schema = JSON.parse(checkedIn) as Record<string, unknown>;

/**
 * Ajv for draft 2020-12. Without ajv-formats installed, Ajv refuses to compile
 * a schema with "format" ("unknown format date-time ignored"), so formats are
 * switched off; zod writes a "pattern" next to date-time and uuid, and those
 * patterns are checked. Strict mode stays on: the schema must be clean.
 */
const validate = new Ajv2020({ allErrors: true, validateFormats: false }).compile(schema);
const errorsOf = (value: unknown) => (validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

describe('the published JSON Schema of the exchange bundle (data/bundle.schema.json)', () => {
  it('is up to date with the zod schema', () => {
    expect(checkedIn, 'data/bundle.schema.json is stale: run `node_modules/.bin/jiti scripts/generate-bundle-schema.ts` and commit the result').toBe(
      bundleJsonSchema(),
    );
  });

  it('is a draft 2020-12 schema with an id naming the schema version', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(`https://twinning-kb.invalid/bundle/v${BUNDLE_SCHEMA_VERSION}.schema.json`);
    expect(schema.title).toBeTruthy();
    expect(schema.required).toEqual(expect.arrayContaining(['format', 'schemaVersion', 'exportedAt', 'exportedBy', 'content', 'checksum']));
  });

  it('accepts a bundle exported by a knowledge base, with tombstones', async () => {
    const { bundle } = await exportedBundle();
    expect(bundle.content.tombstones.length).toBeGreaterThan(0);
    expect(errorsOf(bundle)).toEqual([]);
  });

  it('accepts a bundle with versions in conflict', () => {
    const conflict = practiceRecord(1, { tags: ['andere'], version: { '9d1d6a3c-2f43-4c1e-8a55-0b7e4e5c2d11': 2 } });
    const bundle = smallBundle({ trashedPractice: 7, conflicts: [{ collection: 'practices', record: conflict }] });
    expect(() => readBundle(encode(bundleText(bundle)))).not.toThrow();
    expect(errorsOf(bundle)).toEqual([]);
  });

  it('accepts a bundle as a file holds it, after a JSON round trip', async () => {
    const { bundle } = await exportedBundle();
    expect(errorsOf(JSON.parse(bundleText(bundle, 2)))).toEqual([]);
  });

  it.each<[string, (b: Bundle) => void]>([
    ['another format', (b) => void (b.format = 'other' as Bundle['format'])],
    ['a future schema version', (b) => void (b.schemaVersion = 2 as 1)],
    ['an export time that is not one', (b) => void (b.exportedAt = 'gestern')],
    ['an installation id that is not a UUID', (b) => void (b.exportedBy.installationId = 'installation-1')],
    ['an unknown field at the top', (b) => void Object.assign(b, { signature: 'x' })],
    ['an unknown field in a practice', (b) => void Object.assign(b.content.practices[0]!, { colour: 'rot' })],
    ['a practice without a title', (b) => void delete (b.content.practices[0]!.texts.de as { title?: string }).title],
    ['a practice with an empty title', (b) => void (b.content.practices[0]!.texts.de!.title = '')],
    ['an id with a space', (b) => void (b.content.practices[0]!.id = 'practice 1')],
    ['a language neither German nor Dutch', (b) => void (b.content.practices[0]!.originalLanguage = 'en' as 'de')],
    ['a version vector keyed by something else than an installation', (b) => void (b.content.practices[0]!.version = { 'not-a-uuid': 1 })],
    ['a version counter of zero', (b) => void (b.content.practices[0]!.version = { '9d1d6a3c-2f43-4c1e-8a55-0b7e4e5c2d11': 0 })],
    ['a tombstone of a topic', (b) => void b.content.tombstones.push({ collection: 'topics', record: b.content.topics[0] } as never)],
  ])('refuses, as the app does, a bundle with %s', (_name, change) => {
    const bad = changed(smallBundle(), change);
    expect(errorsOf(bad)).not.toEqual([]);
    expect(() => readBundle(encode(bundleText(bad)))).toThrow();
  });

  // These change the checksum itself, or leave nothing to compute it over.
  it.each<[string, (b: Bundle) => void]>([
    ['a checksum in capitals', (b) => void (b.checksum.value = b.checksum.value.toUpperCase())],
    ['a checksum of another algorithm', (b) => void (b.checksum.algorithm = 'md5' as 'sha256')],
    ['no checksum', (b) => void delete (b as Partial<Bundle>).checksum],
    ['no content', (b) => void delete (b as Partial<Bundle>).content],
  ])('refuses, as the app does, a bundle with %s', (_name, change) => {
    const bad = tampered(smallBundle(), change);
    expect(errorsOf(bad)).not.toEqual([]);
    expect(() => readBundle(encode(bundleText(bad)))).toThrow();
  });

  it('refers to a page documenting the format that exists', () => {
    const page = /See (docs\/[\w./-]+\.md)/.exec(String(schema.description))?.[1];
    expect(page).toBeDefined();
    expect(existsSync(new URL(`../../${page}`, import.meta.url)), `${page} is missing`).toBe(true);
  });

  it('accepts the example the format page links to, as the app does', () => {
    const page = new URL('../../docs/bundle-format.md', import.meta.url);
    const example = /\]\(([\w.-]+\.twinning-kb\.json)\)/.exec(readFileSync(page, 'utf8'))?.[1];
    expect(example, 'docs/bundle-format.md links to an example bundle').toBeDefined();
    const bytes = readFileSync(new URL(`../../docs/${example}`, import.meta.url));
    const bundle = readBundle(bytes);
    expect(errorsOf(JSON.parse(bytes.toString('utf8')))).toEqual([]);
    expect(bundle.content.practices.length).toBeGreaterThan(0);
  });
});
