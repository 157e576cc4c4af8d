/**
 * Turns an untrusted IPC call into a typed one: checks the channel exists,
 * validates the payload against the contract, runs the handler, and returns
 * a Result. Never throws, so a bad call can never crash the main process.
 */
import { z } from 'zod';
import { contract, type Channel, type ParsedRequestOf, type ResponseOf } from '../../../shared/contract';
import { type KbErrorInfo, type Result } from '../../../shared/errors';
import { KbError } from '../../../core/base/errors';
import { NO_WINDOW, type CallContext } from './progress';

export type Handlers = {
  [C in Channel]: (request: ParsedRequestOf<C>, context: CallContext) => ResponseOf<C> | Promise<ResponseOf<C>>;
};

export type Dispatch = (channel: string, payload: unknown, context?: CallContext) => Promise<Result<unknown>>;

const fail = (error: KbErrorInfo): Result<never> => ({ ok: false, error });

export function createDispatcher(
  handlers: Handlers,
  log: (message: string, error: unknown) => void = console.error,
): Dispatch {
  return async (name, payload, context = NO_WINDOW) => {
    if (!Object.hasOwn(contract, name)) return fail({ code: 'invalidRequest', detail: `unknown channel ${name}` });
    const channel = name as Channel;
    const parsed = contract[channel].request.safeParse(payload);
    if (!parsed.success) return fail({ code: 'invalidRequest', detail: z.prettifyError(parsed.error) });
    try {
      const handler = handlers[channel] as (request: unknown, context: CallContext) => unknown;
      return { ok: true, value: await handler(parsed.data, context) };
    } catch (error) {
      if (error instanceof KbError) return fail(error.info);
      log(`twinning-kb: ${channel} failed`, error);
      return fail({ code: 'internal', detail: error instanceof Error ? error.message : String(error) });
    }
  };
}
