/** Drives sync-peer.ts child processes: each one installation with its own store on one shared folder. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareVersions } from '../../../core/base/versioning';
import type { VersionVector } from '../../../shared/model';

const here = path.dirname(fileURLToPath(import.meta.url));
const jiti = path.join(here, '../../../node_modules/.bin/jiti');

export interface Saved {
  id: string;
  version: VersionVector;
  deleted: boolean;
}

/** One child process; `saved` collects every write it reported saved. */
export class Peer {
  readonly saved: Saved[] = [];
  readonly #child: ChildProcess;
  #buffer = '';
  #errors = '';
  #waiting: ((line: string) => void)[] = [];
  readonly exited: Promise<number | null>;
  readonly ready: Promise<void>;

  constructor(dir: string, shared: string, mode: 'serve' | 'churn', name: string, seed = 1) {
    this.#child = spawn(jiti, [path.join(here, 'sync-peer.ts'), dir, shared, mode, name, String(seed)], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.#child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.#errors += chunk));
    this.#child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (this.#buffer + chunk).split('\n');
      this.#buffer = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('saved ')) this.saved.push(JSON.parse(line.slice(6)) as Saved);
        else this.#waiting.shift()?.(line);
      }
    });
    this.exited = new Promise((resolve) => this.#child.on('exit', (code) => resolve(code)));
    this.ready = this.#next().then(() => undefined);
  }

  #next(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.#waiting.push(resolve);
      void this.exited.then((code) => reject(new Error(`peer exited (${code}): ${this.#errors.slice(-2000)}`)));
    });
  }

  /** Sends one command and waits until it is done. */
  async send(command: { op: string; pick?: number }): Promise<void> {
    const done = this.#next();
    this.#child.stdin!.write(`${JSON.stringify(command)}\n`);
    const line = await done;
    if (line !== 'done') throw new Error(`unexpected ${line}`);
  }

  async dump(): Promise<Record<string, string[]>> {
    const dumped = this.#next();
    const done = this.#next();
    this.#child.stdin!.write(`${JSON.stringify({ op: 'dump' })}\n`);
    const line = await dumped;
    await done;
    return JSON.parse(line.slice('dump '.length)) as Record<string, string[]>;
  }

  async stop(): Promise<void> {
    this.#child.stdin!.end();
    await this.exited;
  }

  kill(): Promise<number | null> {
    this.#child.kill('SIGKILL');
    return this.exited;
  }
}

/**
 * Every version saved is there: as the current version, as a version kept in
 * conflict, or included in one of them (a later edit on top of it). Returns
 * what is missing.
 */
export function lostWrites(saved: readonly Saved[], dump: Record<string, string[]>): Saved[] {
  const versions = new Map<string, VersionVector[]>();
  const add = (id: string, version: VersionVector) => versions.set(id, [...(versions.get(id) ?? []), version]);
  for (const line of dump.practices ?? []) {
    const record = JSON.parse(line) as { id: string; version: VersionVector };
    add(record.id, record.version);
  }
  for (const line of dump.conflicts ?? []) {
    const conflict = JSON.parse(line) as { recordId: string; record: { version: VersionVector } };
    add(conflict.recordId, conflict.record.version);
  }
  return saved.filter(
    (s) => !(versions.get(s.id) ?? []).some((v) => ['equal', 'before'].includes(compareVersions(s.version, v))),
  );
}

/** What one dump holds that the other does not, shortened to read. */
export function differences(a: Record<string, string[]>, b: Record<string, string[]>): string[] {
  return Object.keys({ ...a, ...b }).flatMap((collection) => {
    const other = new Set(b[collection]);
    const mine = new Set(a[collection]);
    return [
      ...(a[collection] ?? []).filter((r) => !other.has(r)).map((r) => `only first ${collection} ${r.slice(0, 400)}`),
      ...(b[collection] ?? []).filter((r) => !mine.has(r)).map((r) => `only second ${collection} ${r.slice(0, 400)}`),
    ];
  });
}
