/**
 * Progress of a long transfer as the window sees it: the core's `(done, total)`
 * callbacks turned into TransferProgress events, at most one per whole percent
 * (a container of 500 MB would otherwise send thousands), the last one always.
 */
import type { TransferOperation, TransferProgress } from '../../../shared/contract';
import type { Progress } from '../../../core/bundle/container';

/** What a handler may tell the window whose call it runs. */
export interface CallContext {
  /** Sends a progress event to the window that made the call, and to no other. */
  progress(event: TransferProgress): void;
}

/** A context for calls made outside a window (tests, a dispatcher called directly): progress goes nowhere. */
export const NO_WINDOW: CallContext = { progress: () => undefined };

/** The core's progress callback for one transfer, reporting to `context`. */
export function transferProgress(operation: TransferOperation, context: CallContext): Progress {
  let sent = -1;
  return (done, total) => {
    const percent = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
    if (percent === sent) return;
    sent = percent;
    context.progress({ operation, done: Math.min(done, total), total });
  };
}
