/**
 * Three installations in separate processes sync through one temporary
 * folder while fast-check drives the schedule: creates, edits, deletes,
 * restores, attached photos and rounds of syncing on each, in any
 * interleaving, edits of the same record on several sides included. After the
 * last rounds all hold the same content, with the same conflicts, every write
 * reported saved is there, and every attachment's bytes are whole everywhere.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir';
import { differences, lostWrites, Peer } from './peers';

const tempDir = useTempDirs();
const RUNS = Number(process.env.SYNC_RUNS ?? 3);
const step = fc.record({
  peer: fc.integer({ min: 0, max: 2 }),
  op: fc.constantFrom('create', 'edit', 'edit', 'delete', 'restore', 'attach', 'sync', 'sync'),
  pick: fc.nat({ max: 20 }),
});

describe('installations in separate processes on one shared folder', () => {
  it('converge to the same content, conflicts alike, nothing saved lost, whatever the schedule', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 15, maxLength: 40 }), async (schedule) => {
        const shared = await tempDir();
        const peers = await Promise.all(
          ['Anna', 'Bert', 'Cora'].map(async (name) => new Peer(await tempDir(), shared, 'serve', name)),
        );
        try {
          await Promise.all(peers.map((p) => p.ready));
          for (const { peer, op, pick } of schedule) await peers[peer]!.send({ op, pick });
          for (let pass = 0; pass < 2; pass++) for (const p of peers) await p.send({ op: 'sync' });
          const dumps = await Promise.all(peers.map((p) => p.dump()));
          expect(differences(dumps[1]!, dumps[0]!)).toEqual([]);
          expect(differences(dumps[2]!, dumps[0]!)).toEqual([]);
          expect((dumps[0]!.attachmentBytes ?? []).filter((line) => !line.endsWith(' ok'))).toEqual([]);
          const saved = peers.flatMap((p) => p.saved);
          expect(lostWrites(saved, dumps[0]!)).toEqual([]);
        } finally {
          await Promise.all(peers.map((p) => p.stop()));
        }
      }),
      // A failing schedule is reported as found: shrinking it would cost minutes of child processes.
      { numRuns: RUNS, endOnFailure: true },
    );
  }, 300_000);
});
