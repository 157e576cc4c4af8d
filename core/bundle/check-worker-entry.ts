/**
 * The worker thread's side of checkInWorker (check-in-worker.ts): reads the
 * bytes it was given with every check a bundle gets (readBundle) and posts
 * the verdict, then ends. A thread of its own, so that the main thread can
 * meanwhile parse and plan the same file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { KbError } from '../base/errors';
import type { WorkerVerdict } from './check-in-worker';
import { readBundleReporting } from './read-bundle';

const { bytes, maxBytes } = workerData as { bytes: Uint8Array; maxBytes: number };
let verdict: WorkerVerdict;
try {
  const { bundle, asParsed, canonical } = readBundleReporting(bytes, { maxBytes });
  // A bundle the main thread parsed the same need not be copied back.
  verdict = asParsed ? { kind: 'asParsed', canonical } : { kind: 'checked', canonical, bundle };
} catch (error) {
  verdict =
    error instanceof KbError
      ? { kind: 'refused', error: error.info }
      : { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
}
parentPort!.postMessage(verdict);
