/**
 * The hostile-input suite of the exchange bundle: every file in
 * tests/helpers/bundles.ts#hostileCases (and a file over 100 MB) is refused
 * with the error that names its problem, leaves the knowledge base on disk
 * byte-for-byte as it was, never reaches Object.prototype, and gets a
 * complete message in German and Dutch.
 */
import { createHash } from 'node:crypto';
import { open, rm, truncate, writeFile } from 'node:fs/promises';
import * as fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readBundleFile } from '../../../core/bundle/bundle-file';
import { readBundle } from '../../../core/bundle/read-bundle';
import { KbError } from '../../../core/base/errors';
import type { KnowledgeBase } from '../../../core/knowledge-base';
import { LANGUAGES } from '../../../shared/model';
import {
  bundleText,
  changed,
  encode,
  exportedBundle,
  hostileCases,
  renderError,
  smallBundle,
  snapshotFiles,
  topicRecord,
  type HostileCase,
} from '../../helpers/bundles';
import { AV, germanPractice, writableKnowledgeBase } from '../../helpers/knowledge-base';
import { memoryKnowledgeBase } from '../../helpers/memory-store';
import { useTempDirs } from '../../helpers/temp-dir';

// Passes every call through, and lets a test see which files were read.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const readFile = vi.fn(actual.readFile);
  return { ...actual, readFile, default: { ...actual, readFile } };
});

const tempDir = useTempDirs();
const cases = await hostileCases();
const MB = 1024 * 1024;

/** The error `run` throws (failing the test if it throws none, or something else than a KbError). */
function thrown(run: () => unknown): KbError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(KbError);
    return error as KbError;
  }
  throw new Error('expected the bundle to be refused, but it was accepted');
}

async function thrownAsync(run: () => Promise<unknown>): Promise<KbError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(KbError);
    return error as KbError;
  }
  throw new Error('expected the bundle to be refused, but it was accepted');
}

/** Object.prototype's own property names; a pollution would add one. */
const prototypeKeys = () => Reflect.ownKeys(Object.prototype).map(String).sort();
const cleanPrototype = prototypeKeys();
function expectPrototypeClean(): void {
  expect(prototypeKeys()).toEqual(cleanPrototype);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype.constructor).toBe(Object);
}

/** Every file of the store's folder with its size and SHA-256: equal digests, equal bytes. */
async function storeDigest(dir: string): Promise<Record<string, string>> {
  const files = await snapshotFiles(dir);
  return Object.fromEntries(
    [...files].map(([name, bytes]) => [
      name,
      `${bytes.byteLength} ${createHash('sha256').update(bytes).digest('hex')}`,
    ]),
  );
}

/** Checks a message as the user sees it: complete, translated, and naming what the params say. */
async function expectCompleteMessages(code: string, params?: Record<string, string | number>): Promise<void> {
  for (const language of LANGUAGES) {
    const message = await renderError(language, code, params);
    expect(message, `${language} message for ${code}`).not.toContain('{{');
    expect(message).not.toContain('}}');
    expect(message).not.toBe(code);
    expect(message).not.toMatch(/^errors:|undefined|NaN|\[object Object\]/);
    expect(message.length).toBeGreaterThan(10);
    for (const number of ['line', 'column', 'size', 'limit', 'sizeMiB', 'limitMiB'] as const) {
      const value = params?.[number];
      if (typeof value === 'number') expect(message).toContain(new Intl.NumberFormat(language).format(value));
    }
    for (const text of ['id', 'field', 'target', 'key'] as const) {
      const value = params?.[text];
      if (typeof value === 'string') expect(message).toContain(value);
    }
  }
}

describe('reading a hostile bundle', () => {
  it.each(cases.map((c) => [c.name, c] as const))(
    'refuses %s with the error that names the problem',
    (_name, hostile: HostileCase) => {
      const error = thrown(() => readBundle(hostile.bytes));
      expect(error.code).toBe(hostile.code);
      if (hostile.params) expect(error.params).toMatchObject(hostile.params);
      expectPrototypeClean();
    },
  );

  it.each(cases.map((c) => [c.name, c] as const))(
    'says in German and Dutch why it refuses %s',
    async (_name, hostile: HostileCase) => {
      const error = thrown(() => readBundle(hostile.bytes));
      await expectCompleteMessages(error.code, error.params);
    },
  );

  it('names the first bad record with a position counted from one', () => {
    const bundle = smallBundle({ practices: 4 });
    const error = thrown(() =>
      readBundle(
        encode(
          bundleText(
            changed(bundle, (b) => void delete (b.content.practices[3]!.texts.de as { title?: string }).title),
          ),
        ),
      ),
    );
    expect(error.params).toMatchObject({
      collection: 'practices',
      position: 4,
      id: 'practice-04',
      field: 'texts.de.title',
      problem: 'missing',
    });
  });
});

describe('importing a hostile bundle into a knowledge base', () => {
  let dir: string;
  let kb: KnowledgeBase;

  beforeAll(async () => {
    dir = await tempDir();
    kb = await writableKnowledgeBase(dir);
    const { practice } = await kb.practices.save(undefined, germanPractice(kb));
    await kb.annotations.save(undefined, {
      practiceId: practice.id,
      kind: 'lesson',
      text: 'Gut gelaufen.',
      language: 'de',
    });
    await kb.store.flush();
  });
  afterAll(async () => {
    await kb.store.close();
  });
  beforeEach(async () => {
    await kb.store.flush();
  });

  it('finds the store on disk to compare', async () => {
    const digest = await storeDigest(dir);
    expect(Object.keys(digest).length).toBeGreaterThan(0);
    expect(Object.values(digest).some((d) => !d.startsWith('0 '))).toBe(true);
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    'refuses %s and leaves every file of the store byte-for-byte unchanged',
    async (_name, hostile: HostileCase) => {
      const before = await storeDigest(dir);
      const practicesBefore = kb.store.all('practices').length;
      const error = thrown(() => kb.exchange.preview(hostile.bytes, 'hostile.twinning-kb.json'));
      expect(error.code).toBe(hostile.code);
      await kb.store.flush();
      expect(await storeDigest(dir)).toEqual(before);
      expect(kb.store.all('practices')).toHaveLength(practicesBefore);
      expect(kb.exchange.imports()).toEqual([]);
      expectPrototypeClean();
    },
  );

  it('still imports a valid bundle after refusing all of them', async () => {
    const { bundle } = await exportedBundle();
    const preview = kb.exchange.preview(encode(bundleText(bundle)), 'valid.twinning-kb.json');
    expect(preview.changeCount).toBeGreaterThan(0);
    kb.exchange.cancel(preview.previewId);
  });
});

describe('a bundle file over 100 MB', () => {
  let big: string;

  beforeAll(async () => {
    big = path.join(await tempDir(), 'huge.twinning-kb.json');
    // Sparse: 101 MB as far as the file system says, almost nothing on disk.
    await writeFile(big, '{"format":"twinning-kb.bundle",');
    await truncate(big, 101 * MB);
  });

  it('is refused as too large, with its size and the limit', async () => {
    const error = await thrownAsync(() => readBundleFile(big));
    expect(error.code).toBe('bundleTooLarge');
    expect(error.params).toEqual({ size: 101 * MB, limit: 100 * MB, sizeMiB: 101, limitMiB: 100 });
    await expectCompleteMessages(error.code, error.params);
  });

  it('says MiB and gives the size of a file one byte over the limit, which does not round to the limit', async () => {
    const error = thrown(() => readBundle(new Uint8Array(100 * MB + 1)));
    expect(error.params).toEqual({ size: 100 * MB + 1, limit: 100 * MB, sizeMiB: 100.01, limitMiB: 100 });
    expect(await renderError('nl', error.code, error.params)).toContain(
      'Het bestand is 100,01 MiB (104.857.601 bytes) groot; twinning-kb leest uitwisselingspakketten tot hoogstens 100 MiB (104.857.600 bytes).',
    );
    expect(await renderError('de', error.code, error.params)).toContain('100,01 MiB (104.857.601 Byte)');
  });

  it('is refused before a byte of it is read', async () => {
    const readFile = vi.mocked(fsp.readFile);
    readFile.mockClear();
    await thrownAsync(() => readBundleFile(big));
    expect(readFile.mock.calls.map(([file]) => String(file))).not.toContain(big);
    // The spy does see reads: a small file is read through it.
    const small = path.join(path.dirname(big), 'small.twinning-kb.json');
    await writeFile(small, 'null');
    await readBundleFile(small);
    expect(readFile.mock.calls.map(([file]) => String(file))).toContain(small);
  });

  it('is refused even when it holds a valid bundle padded with spaces', async () => {
    const padded = path.join(path.dirname(big), 'padded.twinning-kb.json');
    const text = bundleText(smallBundle());
    const handle = await open(padded, 'w');
    try {
      await handle.write(text);
      await handle.write(Buffer.alloc(101 * MB - text.length, 0x20));
    } finally {
      await handle.close();
    }
    const bytes = await fsp.readFile(padded);
    expect(thrown(() => readBundle(bytes)).code).toBe('bundleTooLarge');
    // Just under the limit (a limit given in bytes) the same file would be read.
    expect(() => readBundle(bytes, { maxBytes: bytes.byteLength })).not.toThrow();
    await rm(padded);
  });

  it('is refused by the knowledge base, which leaves the store unchanged', async () => {
    const dir = await tempDir();
    const kb = await writableKnowledgeBase(dir);
    await kb.store.flush();
    const before = await storeDigest(dir);
    const error = thrown(() => kb.exchange.preview(new Uint8Array(101 * MB), 'huge.twinning-kb.json'));
    expect(error.code).toBe('bundleTooLarge');
    expect(error.params).toMatchObject({ sizeMiB: 101, limitMiB: 100 });
    await kb.store.flush();
    expect(await storeDigest(dir)).toEqual(before);
    await kb.store.close();
  });

  it('accepts a bundle of exactly the limit', () => {
    const text = bundleText(smallBundle());
    expect(() => readBundle(encode(text), { maxBytes: encode(text).byteLength })).not.toThrow();
    expect(thrown(() => readBundle(encode(text), { maxBytes: encode(text).byteLength - 1 })).code).toBe(
      'bundleTooLarge',
    );
  });
});

describe('words that are dangerous as keys', () => {
  it('are harmless as ids, tags and texts: such a bundle is imported and nothing reaches Object.prototype', async () => {
    const bundle = changed(smallBundle(), (b) => {
      b.content.topics.push(
        topicRecord('constructor', 'Konstruktor', 'Constructor'),
        topicRecord('toString', 'Text', 'Tekst'),
      );
      b.content.practices[0]!.topicIds = ['constructor', 'toString'];
      b.content.practices[1]!.tags = ['__proto__', 'constructor', 'prototype'];
      b.content.practices[1]!.texts.de!.title = '__proto__';
      b.content.annotations[0]!.text = '{"__proto__":{"polluted":true}}';
    });
    expect(readBundle(encode(bundleText(bundle))).content.topics.map((t) => t.id)).toContain('constructor');

    const kb = memoryKnowledgeBase(
      { name: 'Jan de Vries', organisationId: AV },
      { now: Date.parse('2026-12-02T09:00:00Z') },
    );
    const preview = kb.exchange.preview(encode(bundleText(bundle)), 'words.twinning-kb.json');
    expect(preview.counts.topics.added).toBe(4);
    await kb.exchange.confirm(preview.previewId);
    expect(kb.store.get('topics', 'constructor')?.name.de).toBe('Konstruktor');
    expect(kb.practices.get('practice-02').practice.tags).toEqual(['__proto__', 'constructor', 'prototype']);
    expectPrototypeClean();
  });
});
