/**
 * Checking a big bundle on a thread of its own. The main thread meanwhile
 * parses the same bytes itself (parseUnchecked) and plans with them; it uses
 * what it parsed only once the worker has found the file sound and its
 * schema's output the same as the plain parse, which is how this app
 * writes files. Objects are not copied between the threads (that costs as
 * much as parsing): only the verdict travels, and a bundle only when the
 * schema changed something.
 *
 * The worker's script is the module built from check-worker-entry.ts; run
 * from the TypeScript sources (tests, the command line, benchmarks), jiti
 * compiles it in the worker as it does here. Anything that stops the worker
 * from answering is reported as such, so the caller checks on its own thread.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { KbErrorInfo } from '../../shared/errors';
import type { Bundle } from '../../shared/bundle';
import { KbError } from '../base/errors';

export type WorkerVerdict =
  /** Sound, and the schema's output equals the plain parse; `canonical`: its content is written as canonical JSON. */
  | { kind: 'asParsed'; canonical: boolean }
  /** Sound, but the schema changed something (a time normalised, a default filled in): its output. */
  | { kind: 'checked'; canonical: boolean; bundle: Bundle }
  /** Not a sound bundle: the error readBundle throws. */
  | { kind: 'refused'; error: KbErrorInfo }
  /** The check itself failed (not the file). */
  | { kind: 'failed'; message: string };

export type Verdict = Extract<WorkerVerdict, { kind: 'asParsed' | 'checked' }>;

/** Where the worker's script is: the built script, or a TypeScript entry that jiti compiles. */
export type WorkerScript = URL;

/** The worker's script beside this module when it runs from the TypeScript sources; none in a build (the app says where). */
export function sourceWorkerScript(): WorkerScript | undefined {
  return import.meta.url.endsWith('.ts') ? new URL('./check-worker-entry.ts', import.meta.url) : undefined;
}

/**
 * The verdict on `bytes`: resolves for a sound bundle, rejects with the
 * KbError readBundle would throw for one that is not, and with a plain Error
 * when the worker could not give a verdict.
 */
export function checkInWorker(bytes: Uint8Array, maxBytes: number, script: WorkerScript): Promise<Verdict> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = startWorker(script, { bytes, maxBytes });
    } catch (error) {
      reject(error as Error);
      return;
    }
    let answered = false;
    worker.once('message', (verdict: WorkerVerdict) => {
      answered = true;
      if (verdict.kind === 'refused')
        reject(new KbError(verdict.error.code, verdict.error.detail, { params: verdict.error.params }));
      else if (verdict.kind === 'failed') reject(new Error(`the bundle check failed: ${verdict.message}`));
      else resolve(verdict);
    });
    worker.once('error', (error) => reject(error));
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the bundle check ended without a verdict (exit code ${code})`));
    });
  });
}

function startWorker(script: WorkerScript, workerData: unknown): Worker {
  if (!script.pathname.endsWith('.ts')) return new Worker(script, { workerData });
  const jiti = createRequire(import.meta.url).resolve('jiti');
  const entry = fileURLToPath(script);
  const code = `require(${JSON.stringify(jiti)}).createJiti(${JSON.stringify(entry)}).import(${JSON.stringify(entry)});`;
  return new Worker(code, { eval: true, workerData });
}
