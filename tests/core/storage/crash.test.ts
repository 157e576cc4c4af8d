import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Annotation } from '../../../shared/model';
import { STORE_FILE, StoreData } from '../../../core/store/store';
import { abandon } from '../../helpers/abandon';
import { useTempDirs } from '../../helpers/temp-dir';
import { open } from './helpers';

const tempDir = useTempDirs();
const here = path.dirname(fileURLToPath(import.meta.url));
const jiti = path.join(here, '../../../node_modules/.bin/jiti');
/** 25 by default; CRASH_ROUNDS=500 for a long soak. */
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 25);

/** A small seeded random generator, so a failing run can be repeated. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Runs the writer child and kills it with SIGKILL `killAfterMs` after it said
 * it was ready (or, when `duringStartup`, that long after starting it, while
 * it may still be opening the store). Returns what it reported.
 */
function runAndKill(
  dir: string,
  round: number,
  killAfterMs: number,
  duringStartup: boolean,
): Promise<{ saved: string[]; gone: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(jiti, [path.join(here, 'crash-writer.ts'), dir, String(round)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const saved: string[] = [];
    const gone: string[] = [];
    let pending = '';
    let errors = '';
    const kill = () => setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    if (duringStartup) kill();
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop()!; // only complete lines count as reported
      for (const line of lines) {
        if (line === 'ready' && !duringStartup) kill();
        if (line.startsWith('saved ')) saved.push(line.slice('saved '.length));
        if (line.startsWith('deleted ')) gone.push(line.slice('deleted '.length));
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ saved, gone });
      else reject(new Error(`the writer stopped by itself (${code}): ${errors}`));
    });
  });
}

describe('a store whose writer is killed at random moments', () => {
  it(
    `opens intact after each of ${ROUNDS} kills, holding every change reported saved`,
    { timeout: Math.max(60_000, ROUNDS * 2_400) },
    async () => {
      const dir = await tempDir();
      const seed = Date.now() % 100_000;
      const next = random(seed);
      const expected = new Set<string>();
      const gone = new Set<string>();
      for (let round = 0; round < ROUNDS; round++) {
        // One kill in five lands while the store is opening (replaying, recovering, backing up).
        const duringStartup = next() < 0.2;
        const { saved, gone: deleted } = await runAndKill(
          dir,
          round,
          Math.floor(next() * (duringStartup ? 600 : 400)),
          duringStartup,
        );
        for (const id of saved) expected.add(id);
        for (const id of deleted) gone.add(id);

        const store = await open(dir);
        const context = `seed ${seed}, round ${round}`;
        expect(store.notices, context).toEqual([]);
        const missing = [...expected].filter((id) => !store.get('annotations', id));
        expect(missing, context).toEqual([]);
        expect(
          [...gone].filter((id) => store.get('annotations', id)),
          context,
        ).toEqual([]);
        for (const record of store.all('annotations')) Annotation.parse(record);
        await store.flush();
        // Sometimes the journal is folded in, sometimes left for the next writer as by a crash.
        if (next() < 0.3) await store.close();
        else await abandon(dir);
      }
      StoreData.parse(JSON.parse(await readFile(path.join(dir, STORE_FILE), 'utf8')));
    },
  );
});
