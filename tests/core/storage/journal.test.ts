import { appendFile, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { segmentName } from '../../../core/storage/journal';
import { STORE_FILE, STORE_NAME } from '../../../core/store/store';
import { useTempDirs } from '../../helpers/temp-dir';
import { annotationIds, open, putAnnotations, storeFiles } from './helpers';
import { abandon } from '../../helpers/abandon';

const tempDir = useTempDirs();
const firstSegment = (dir: string) => path.join(dir, segmentName(STORE_NAME, 1));

describe('the journal', () => {
  it('saves a change by appending one line, leaving the snapshot alone', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    await store.flush();
    const snapshotBefore = await readFile(path.join(dir, STORE_FILE));
    await putAnnotations(store, ['a-1']);
    await putAnnotations(store, ['a-2', 'a-3']);

    expect(await readFile(path.join(dir, STORE_FILE))).toEqual(snapshotBefore);
    const lines = (await readFile(firstSegment(dir), 'utf8')).split('\n');
    expect(lines).toHaveLength(3); // two batches and the empty rest after the last newline
    expect(lines[0]).toMatch(/^[0-9a-f]{8}\t\{"seq":1,"at":"[^"]+","changes":\[\{"op":"put"/);
    expect(lines[1]).toMatch(/^[0-9a-f]{8}\t\{"seq":2,/);
  });

  it('replays the batches saved after the snapshot when the store is opened again', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await putAnnotations(first, ['a-1', 'a-2']);
    await first.apply([
      { op: 'delete', collection: 'annotations', id: 'a-1' },
      { op: 'settings', settings: { language: 'nl' } },
    ]);
    await putAnnotations(first, ['a-3']);
    await first.flush();

    await abandon(dir);
    const second = await open(dir);
    expect(second.notices).toEqual([]);
    expect(annotationIds(second)).toEqual(['a-2', 'a-3']);
    expect(second.settings.language).toBe('nl');
    await putAnnotations(second, ['a-4']); // numbering continues in the same segment
    await second.flush();
    expect((await readFile(firstSegment(dir), 'utf8')).split('\n')[3]).toMatch(/"seq":4,/);
  });

  it('drops a last batch that a crash cut short, and appends cleanly after it', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await putAnnotations(first, ['a-1']);
    await putAnnotations(first, ['a-2']);
    await first.flush();
    const complete = (await stat(firstSegment(dir))).size;
    await truncate(firstSegment(dir), complete - 20); // the second batch, cut mid-line

    await abandon(dir);
    const second = await open(dir);
    expect(second.notices).toEqual([]);
    expect(annotationIds(second)).toEqual(['a-1']);
    await putAnnotations(second, ['a-3']);
    await second.flush();

    await abandon(dir);
    const third = await open(dir);
    expect(third.notices).toEqual([]);
    expect(annotationIds(third)).toEqual(['a-1', 'a-3']);
  });

  it('treats zeros after the last batch as a write cut short by a power cut', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await putAnnotations(first, ['a-1']);
    await first.flush();
    await appendFile(firstSegment(dir), Buffer.alloc(4096));

    await abandon(dir);
    const second = await open(dir);
    expect(second.notices).toEqual([]);
    expect(annotationIds(second)).toEqual(['a-1']);
  });

  it('keeps the batches before damage in the middle of the journal and sets the damaged files aside', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    for (const id of ['a-1', 'a-2', 'a-3']) await putAnnotations(first, [id]);
    await first.flush();
    const journal = await readFile(firstSegment(dir), 'utf8');
    const damaged = journal.replace('"a-2"', '"a-X"'); // same length, wrong checksum
    await writeFile(firstSegment(dir), damaged);

    await abandon(dir);
    const second = await open(dir);
    expect(annotationIds(second)).toEqual(['a-1']);
    expect(second.notices).toHaveLength(1);
    const notice = second.notices[0]!;
    expect(notice.kind).toBe('storePartlyRestored');
    expect(await readFile(path.join(notice.movedTo, path.basename(firstSegment(dir))), 'utf8')).toBe(damaged);
    expect(await storeFiles(dir)).toEqual([STORE_FILE]);
    await putAnnotations(second, ['a-4']);
    await second.flush();

    await abandon(dir);
    const third = await open(dir);
    expect(third.notices).toEqual([]);
    expect(annotationIds(third)).toEqual(['a-1', 'a-4']);
  });

  it('takes one changed byte in the newest complete batch for damage: tells the user and keeps the segment', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await putAnnotations(first, ['a-1']);
    await putAnnotations(first, ['a-2']);
    await first.flush();
    await abandon(dir);
    const damaged = (await readFile(firstSegment(dir), 'utf8')).replace('"a-2"', '"a-X"'); // the last line, still complete

    await writeFile(firstSegment(dir), damaged);
    const second = await open(dir);
    expect(annotationIds(second)).toEqual(['a-1']);
    expect(second.notices).toMatchObject([{ kind: 'storePartlyRestored' }]);
    const notice = second.notices[0]!;
    expect(await readFile(path.join(notice.movedTo, path.basename(firstSegment(dir))), 'utf8')).toBe(damaged);
    await second.close();
  });

  it('drops a last batch that a power cut left complete in length but with zeros for blocks never written', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await putAnnotations(first, ['a-1']);
    await putAnnotations(first, ['a-2']);
    await first.flush();
    await abandon(dir);
    const [line1, line2] = (await readFile(firstSegment(dir), 'utf8')).split('\n');
    const torn = Buffer.from(`${line2}\n`);
    torn.fill(0, 20, torn.length - 10); // the middle block lost, its end written
    await writeFile(firstSegment(dir), Buffer.concat([Buffer.from(`${line1}\n`), torn]));

    const second = await open(dir);
    expect(second.notices).toEqual([]);
    expect(annotationIds(second)).toEqual(['a-1']);
    await second.close();
  });

  it('takes a gap in the numbering of the segments for damage', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await putAnnotations(first, ['a-1']);
    await first.flush();
    const json = (await readFile(firstSegment(dir), 'utf8')).trim().split('\t')[1]!.replace('"seq":1', '"seq":3');
    const intactLine = `${crc32(json).toString(16).padStart(8, '0')}\t${json}\n`;
    await writeFile(path.join(dir, segmentName(STORE_NAME, 3)), intactLine); // batch 2 is missing

    await abandon(dir);
    const second = await open(dir);
    expect(second.notices.map((n) => n.kind)).toEqual(['storePartlyRestored']);
    expect(annotationIds(second)).toEqual(['a-1']);
  });
});
