/**
 * The renderer's only way to the knowledge base: `window.kb`, unwrapped.
 * A failed call throws a KbCallError whose code names a message in `errors:`.
 */
import type { Channel, KbApi, RequestOf, ResponseOf } from '../../../shared/contract';
import type { ErrorCode, ErrorParams, Result } from '../../../shared/errors';

declare global {
  interface Window {
    kb?: KbApi;
  }
}

export class KbCallError extends Error {
  readonly code: ErrorCode | 'unavailable';
  readonly params: ErrorParams;
  constructor(code: ErrorCode | 'unavailable', detail?: string, params: ErrorParams = {}) {
    super(detail ?? code);
    this.name = 'KbCallError';
    this.code = code;
    this.params = params;
  }
}

export async function call<C extends Channel>(
  channel: C,
  ...request: RequestOf<C> extends undefined ? [] : [RequestOf<C>]
): Promise<ResponseOf<C>> {
  const api = window.kb;
  if (!api) throw new KbCallError('unavailable');
  const method = api[channel] as (payload?: unknown) => Promise<Result<ResponseOf<C>>>;
  const result = await method(request[0]);
  if (!result.ok) throw new KbCallError(result.error.code, result.error.detail, result.error.params);
  return result.value;
}
