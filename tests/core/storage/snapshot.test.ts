import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { JSONFile } from 'lowdb/node';
import { describe, expect, it } from 'vitest';
import { DamageError } from '../../../core/storage/damage';
import { readSnapshot, SnapshotFile, snapshotPieces, type Snapshot } from '../../../core/storage/snapshot';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

const snapshot: Snapshot = {
  journalSeq: 7,
  savedAt: '2026-03-01T09:00:00.000Z',
  fields: { schemaVersion: 1, settings: { language: 'nl' } },
  collections: {
    notes: [
      { id: 'n-1', text: 'Zeile eins\nZeile zwei, mit "Anführungszeichen" und \\ Backslash' },
      { id: 'n-2', text: 'ideeën, coördinatie, Yılmaz, Straße – \u2028 ende' },
    ],
    empty: [],
    'odd "name"': [{ id: 'o-1' }],
  },
};

async function written(): Promise<string> {
  const file = path.join(await tempDir(), 'store.json');
  await new SnapshotFile(file).write(snapshot);
  return file;
}

describe('the snapshot file', () => {
  it('reads back exactly what it wrote', async () => {
    expect(await readSnapshot(await written())).toEqual({ layout: 'lines', snapshot, canonical: true });
  });

  it('writes every record with its keys in canonical order, whatever order it came in', async () => {
    const file = path.join(await tempDir(), 'store.json');
    await new SnapshotFile(file).write({
      ...snapshot,
      collections: { notes: [{ text: 'b', id: 'n-1', meta: { z: 1, a: 2 } }] },
    });
    expect((await readFile(file, 'utf8')).split('\n')).toContain('{"id":"n-1","meta":{"a":2,"z":1},"text":"b"}');
  });

  it('copies the JSON of records known already (as text or as bytes): the same bytes as serialising them', () => {
    const bytes = (s: Snapshot) => Buffer.concat([...snapshotPieces(s)]);
    const canonical: Snapshot = { ...snapshot, canonical: true };
    const [first, second] = canonical.collections.notes!;
    const json = new Map<object, string | Uint8Array>([
      [first!, JSON.stringify(first)],
      [second!, Buffer.from(JSON.stringify(second))],
    ]);
    expect(bytes({ ...canonical, json })).toEqual(bytes(canonical));
  });

  it('is plain JSON, one record per line, that lowdb itself can read', async () => {
    const file = await written();
    const text = await readFile(file, 'utf8');
    expect(text.split('\n')).toContain('{"id":"o-1"}');
    const data = (await new JSONFile<Record<string, unknown>>(file).read())!;
    expect(data.notes).toEqual(snapshot.collections.notes);
    expect(data.settings).toEqual({ language: 'nl' });
    expect(data.journalSeq).toBe(7);
  });

  it('is refused when cut short anywhere', async () => {
    const file = await written();
    const bytes = await readFile(file);
    for (let length = 0; length < bytes.length - 1; length += 5) {
      await writeFile(file, bytes.subarray(0, length));
      await expect(readSnapshot(file), `cut at ${length}`).rejects.toThrow(DamageError);
    }
  });

  it('is refused when a single byte changed, even where the JSON stays valid', async () => {
    const file = await written();
    await writeFile(file, (await readFile(file, 'utf8')).replace('Zeile eins', 'Zeile 1ins'));
    await expect(readSnapshot(file)).rejects.toThrow(/checksum/);
  });

  it('is refused with anything after its last line', async () => {
    const file = await written();
    await writeFile(file, `${await readFile(file, 'utf8')}{"id":"extra"}\n`);
    await expect(readSnapshot(file)).rejects.toThrow(DamageError);
  });

  it('hands any other JSON document back whole, for the caller to check', async () => {
    const file = path.join(await tempDir(), 'old.json');
    await writeFile(file, JSON.stringify({ schemaVersion: 1, notes: [] }, null, 2));
    expect(await readSnapshot(file)).toEqual({ layout: 'document', value: { schemaVersion: 1, notes: [] } });
  });

  it('reads a missing file as nothing, not as damage', async () => {
    expect(await readSnapshot(path.join(await tempDir(), 'none.json'))).toBeNull();
  });
});
