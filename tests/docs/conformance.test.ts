/**
 * The conformance suite in docs/conformance/: up to date with its generator,
 * and every case given the documented outcome by the command line
 * (`twinning-kb validate`) and by the app's import path.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/twinning-kb';
import { readBundle } from '../../core/bundle/read-bundle';
import { KbError } from '../../core/base/errors';
import type { KnowledgeBase } from '../../core/knowledge-base';
import { BUNDLE_COLLECTIONS } from '../../shared/bundle';
import {
  CONFORMANCE_DIR,
  conformanceCases,
  conformanceReadme,
  type ConformanceCase,
} from '../../scripts/generate-conformance';
import { renderError } from '../helpers/bundles';
import { AV } from '../helpers/knowledge-base';
import { memoryKnowledgeBase } from '../helpers/memory-store';

const generated = conformanceCases();
const published = JSON.parse(readFileSync(path.join(CONFORMANCE_DIR, 'cases.json'), 'utf8')) as ConformanceCase[];
const fileOf = (name: string) => path.join(CONFORMANCE_DIR, name);

function refusalOf(bytes: Uint8Array): KbError | undefined {
  try {
    readBundle(bytes);
    return undefined;
  } catch (error) {
    if (error instanceof KbError) return error;
    throw error;
  }
}

/** A new installation: starter content only. */
const newInstallation = () =>
  memoryKnowledgeBase({ name: 'Erika Muster', organisationId: AV }, { now: Date.parse('2026-12-02T09:00:00Z') });

async function importFile(kb: KnowledgeBase, name: string) {
  const preview = kb.exchange.preview(readFileSync(fileOf(name)), name);
  await kb.exchange.confirm(preview.previewId);
  return preview;
}

const at = (record: unknown, field: string): unknown =>
  field.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], record);

describe('the conformance suite', () => {
  it('is up to date with scripts/generate-conformance.ts (run npm run conformance)', () => {
    expect(published).toEqual(generated.map((c) => c.case));
    for (const { case: c, bytes } of generated)
      expect(readFileSync(fileOf(c.file)), c.file).toEqual(Buffer.from(bytes));
    expect(readFileSync(fileOf('README.md'), 'utf8')).toBe(conformanceReadme(published));
  });

  it('covers acceptance and refusal, and every check of the documented list', () => {
    const codes = new Set(published.flatMap((c) => (c.expect.outcome === 'refused' ? [c.expect.code] : [])));
    for (const code of [
      'bundleNotUtf8',
      'bundleSyntax',
      'bundleLoneSurrogate',
      'bundleTooDeep',
      'bundleForbiddenKey',
      'bundleDuplicateKey',
      'notABundle',
      'bundleTooNew',
      'bundleInvalidRecord',
      'bundleChecksum',
      'bundleMisplacedRecord',
      'bundleDuplicateId',
      'bundleDuplicateCell',
      'bundleDanglingReference',
    ])
      expect(codes, code).toContain(code);
    expect(published.filter((c) => c.expect.outcome === 'accepted').length).toBeGreaterThan(10);
  });

  describe.each(published.map((c) => [c.file, c] as const))('%s', (file, c) => {
    const bytes = readFileSync(fileOf(file));

    it('gets the documented outcome from twinning-kb validate', async () => {
      const out: string[] = [];
      const err: string[] = [];
      const exit = await runCli(['validate', fileOf(file)], {
        out: (line) => out.push(line),
        err: (line) => err.push(line),
        env: { LANG: 'nl_NL.UTF-8' },
      });
      if (c.expect.outcome === 'accepted') {
        expect({ exit, err }).toEqual({ exit: 0, err: [] });
        expect(out).toHaveLength(1);
      } else {
        const error = refusalOf(bytes)!;
        expect(error, 'refused by readBundle').toBeDefined();
        expect(error.code).toBe(c.expect.code);
        expect(error.params).toMatchObject(c.expect.params ?? {});
        expect({ exit, out }).toEqual({ exit: 1, out: [] });
        expect(err).toEqual([`${file}: ${await renderError('nl', error.code, error.params)}`]);
      }
    });

    it('gets the documented outcome from the import path', async () => {
      const kb = newInstallation();
      for (const first of c.importFirst ?? []) await importFile(kb, first);
      if (c.expect.outcome === 'refused') {
        const before = JSON.stringify(BUNDLE_COLLECTIONS.map((collection) => kb.store.all(collection)));
        let code: string | undefined;
        try {
          kb.exchange.preview(bytes, file);
        } catch (error) {
          code = (error as KbError).code;
        }
        expect(code).toBe(c.expect.code);
        expect(JSON.stringify(BUNDLE_COLLECTIONS.map((collection) => kb.store.all(collection)))).toBe(before);
        return;
      }
      const { counts } = await importFile(kb, file);
      for (const collection of BUNDLE_COLLECTIONS) {
        const expected = { added: 0, updated: 0, deleted: 0, conflicts: 0, ...c.expect.import[collection] };
        expect(counts[collection], collection).toMatchObject(expected);
      }
      for (const { collection, id, field, value } of c.expect.stored ?? [])
        expect(at(kb.store.get(collection as never, id), field), `${collection} ${id} ${field}`).toEqual(value);
      for (const { practice, ...status } of c.expect.translations ?? [])
        expect(kb.practices.get(practice).translation).toEqual(status);
      // Importing it again changes nothing.
      const again = kb.exchange.preview(bytes, file);
      for (const collection of BUNDLE_COLLECTIONS)
        expect(again.counts[collection], collection).toMatchObject({ added: 0, updated: 0, deleted: 0, conflicts: 0 });
    });
  });
});
