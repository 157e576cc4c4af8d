import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { KbError } from '../../../core/base/errors';
import { STORE_FILE, STORE_NAME } from '../../../core/store/store';
import { useTempDirs } from '../../helpers/temp-dir';
import { annotationIds, open, putAnnotations } from './helpers';

const tempDir = useTempDirs();
const here = path.dirname(fileURLToPath(import.meta.url));
const jiti = path.join(here, '../../../node_modules/.bin/jiti');
const lockPath = (dir: string) => path.join(dir, `${STORE_NAME}.lock`);

const refusal = (opening: Promise<unknown>) =>
  opening.then(
    () => 'opened',
    (error: KbError) => error.code,
  );

/** Starts the lock-holder child on `dir`; resolves with its first line and the child. */
function holder(dir: string): Promise<{ said: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(jiti, [path.join(here, 'lock-holder.ts'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.on('error', reject);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n')) resolve({ said: out.split('\n')[0]!, child });
    });
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.on('close', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Every file under `dir` with its content, to show that nothing changed. */
async function contents(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    result[path.relative(dir, file)] = await readFile(file, 'base64');
  }
  return result;
}

describe('the store folder lock', () => {
  it('refuses a second opener, which changes nothing, while the first keeps saving', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await putAnnotations(first, ['a-1']);
    await first.flush();
    // A snapshot being written at this moment: the second opener must not take it for a crash's leftover.
    await writeFile(path.join(dir, `.${STORE_FILE}.0123456789ab.tmp`), 'half a snapshot');
    const before = await contents(dir);

    expect(await refusal(open(dir))).toBe('storeLocked');
    expect(await contents(dir)).toEqual(before);

    await putAnnotations(first, ['a-2']);
    await first.close();
    const reopened = await open(dir);
    expect(reopened.notices).toEqual([]);
    expect(annotationIds(reopened)).toEqual(['a-1', 'a-2']);
    await reopened.close();
  });

  it('refuses another process, and takes the lock over at once when that process has crashed', async () => {
    const dir = await tempDir();
    const { said, child } = await holder(dir);
    expect(said).toBe('ready');
    expect(await refusal(open(dir))).toBe('storeLocked');

    const second = await holder(dir);
    expect(second.said).toBe('refused storeLocked');

    await killed(child);
    const store = await open(dir); // no waiting for the lock to go stale: its process is gone
    expect(annotationIds(store)).toEqual(['from-the-child']);
    await store.close();
  });

  it('waits out a lock from another machine until it is stale, then takes it over', async () => {
    const dir = await tempDir();
    await mkdir(lockPath(dir));
    await writeFile(`${lockPath(dir)}.owner`, JSON.stringify({ pid: process.pid, host: `not-${hostname()}` }));
    expect(await refusal(open(dir))).toBe('storeLocked');

    const minuteAgo = new Date(Date.now() - 60_000);
    await utimes(lockPath(dir), minuteAgo, minuteAgo); // its holder stopped refreshing it a minute ago
    const store = await open(dir);
    expect(store.all('practices').length).toBeGreaterThan(0);
    await store.close();
    expect((await readdir(dir)).filter((name) => name.includes('.lock'))).toEqual([]);
  });

  it('is released when opening fails, so the next start is not refused', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, STORE_FILE)); // a folder where the snapshot belongs: opening fails with EISDIR
    await expect(open(dir)).rejects.toThrow(/EISDIR/);
    expect((await readdir(dir)).filter((name) => name.includes('.lock'))).toEqual([]);
  });
});

describe('a store whose folder lock was taken over', () => {
  it('refuses further writes instead of writing beside the new holder', { timeout: 20_000 }, async () => {
    const dir = await tempDir();
    const store = await open(dir);
    await putAnnotations(store, ['a-1']);
    // What a takeover does to a holder that stopped refreshing its lock (a PC suspended for long).
    await rm(lockPath(dir), { recursive: true });
    await mkdir(lockPath(dir));
    await writeFile(`${lockPath(dir)}.owner`, JSON.stringify({ pid: process.pid, host: `not-${hostname()}` }));

    // The lock is refreshed every 5 s: the next refresh finds it is no longer this store's.
    await expect
      .poll(
        () =>
          putAnnotations(store, ['a-2']).then(
            () => 'saved',
            () => 'refused',
          ),
        { timeout: 8_000, interval: 500 },
      )
      .toBe('refused');
    await store.close();
    expect(await readFile(`${lockPath(dir)}.owner`, 'utf8')).toContain('not-'); // the new holder's lock is left alone
  });
});
