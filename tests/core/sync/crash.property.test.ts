/**
 * SIGKILL at random moments: three installations in separate processes
 * write, sync, checkpoint and prune as fast as they can on one shared folder
 * (checkpoints are made small, so kills land in every phase) and are killed
 * and restarted again and again. Afterwards every one of them can still
 * sync, all hold the same content, and every write reported saved is there.
 */
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir';
import { differences, lostWrites, Peer } from './peers';

const tempDir = useTempDirs();
/** 8 by default; SYNC_KILLS=100 for a long soak. */
const KILLS = Number(process.env.SYNC_KILLS ?? 8);

/** A small seeded random generator, so a failing run can be repeated. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('installations killed while they sync', () => {
  it('lose nothing reported saved and can all still sync afterwards', async () => {
    const next = random(Number(process.env.SYNC_SEED ?? 20261205));
    const shared = await tempDir();
    const names = ['Anna', 'Bert', 'Cora'];
    const dirs = await Promise.all(names.map(() => tempDir()));
    const saved: Peer['saved'][number][] = [];
    const start = (i: number) => new Peer(dirs[i]!, shared, 'churn', names[i]!, Math.floor(next() * 2 ** 31));
    const running = names.map((_, i) => start(i));
    for (let kill = 0; kill < KILLS; kill++) {
      const victim = Math.floor(next() * running.length);
      const peer = running[victim]!;
      await peer.ready;
      await new Promise((resolve) => setTimeout(resolve, 200 + next() * 1500));
      const code = await peer.kill();
      expect(code, 'a churning peer stopped by itself').toBeNull();
      saved.push(...peer.saved);
      running[victim] = start(victim);
    }
    for (const peer of running) {
      await peer.ready;
      await peer.kill();
      saved.push(...peer.saved);
    }
    expect(saved.length).toBeGreaterThan(KILLS);

    const peers = names.map((name, i) => new Peer(dirs[i]!, shared, 'serve', name));
    try {
      await Promise.all(peers.map((p) => p.ready));
      for (let pass = 0; pass < 2; pass++) for (const p of peers) await p.send({ op: 'sync' });
      const dumps = await Promise.all(peers.map((p) => p.dump()));
      expect(differences(dumps[1]!, dumps[0]!)).toEqual([]);
      expect(differences(dumps[2]!, dumps[0]!)).toEqual([]);
      expect(lostWrites(saved, dumps[0]!)).toEqual([]);
    } finally {
      await Promise.all(peers.map((p) => p.stop()));
    }
  }, 300_000);
});
