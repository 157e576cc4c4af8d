import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../core/base/canonical-json';
import { KbError } from '../../../core/base/errors';
import { checkInWorker, sourceWorkerScript } from '../../../core/bundle/check-in-worker';
import { readBundle } from '../../../core/bundle/read-bundle';
import { bundleText, changed, encode, smallBundle, tampered } from '../../helpers/bundles';

const MAX = 100 * 1024 * 1024;
const script = sourceWorkerScript()!;

/** What readBundle throws for the bytes. */
function refusal(bytes: Uint8Array): KbError {
  try {
    readBundle(bytes);
  } catch (error) {
    return error as KbError;
  }
  throw new Error('readBundle accepted the bytes');
}

describe('checking a bundle on a worker thread', () => {
  it('finds a file written as the app writes it sound, the same as its plain parse, and canonical', async () => {
    await expect(checkInWorker(encode(canonicalJson(smallBundle())), MAX, script)).resolves.toEqual({
      kind: 'asParsed',
      canonical: true,
    });
  });

  it('says when the file is not canonical JSON (indented), though sound and parsed alike', async () => {
    await expect(checkInWorker(encode(bundleText(smallBundle(), 2)), MAX, script)).resolves.toEqual({
      kind: 'asParsed',
      canonical: false,
    });
  });

  it('hands back the bundle as readBundle reads it when the schema changes something (a time in another zone)', async () => {
    const bytes = encode(
      canonicalJson(changed(smallBundle(), (b) => (b.content.practices[0]!.updatedAt = '2026-11-01T11:00:00+01:00'))),
    );
    const verdict = await checkInWorker(bytes, MAX, script);
    expect(verdict).toMatchObject({ kind: 'checked', canonical: true });
    expect(verdict.kind === 'checked' && verdict.bundle).toEqual(readBundle(bytes));
    expect(readBundle(bytes).content.practices[0]!.updatedAt).toBe('2026-11-01T10:00:00.000Z');
  });

  it('refuses what readBundle refuses, with the same error', async () => {
    const bundle = smallBundle();
    const files = [
      encode(canonicalJson(tampered(bundle, (b) => (b.content.practices[0]!.tags = ['anders'])))),
      encode(canonicalJson(changed(bundle, (b) => (b.content.practices[1]!.organisationId = 'org-nowhere')))),
      encode(canonicalJson(bundle).slice(0, -20)),
      encode('{"format":"twinning-kb.bundle","a":1,"a":2}'),
    ];
    for (const bytes of files) {
      const expected = refusal(bytes);
      const error = await checkInWorker(bytes, MAX, script).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KbError);
      expect((error as KbError).info).toEqual(expected.info);
    }
  });

  it('fails with a plain error, not a refusal, when its script cannot be run', async () => {
    const error = await checkInWorker(
      encode(canonicalJson(smallBundle())),
      MAX,
      new URL('file:///nowhere/x.mjs'),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(KbError);
  });
});
