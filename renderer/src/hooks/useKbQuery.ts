/**
 * Reading from the knowledge base in a view: the answer, its error and
 * whether it is on its way, asked again when the request changes.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Channel, RequestOf, ResponseOf } from '../../../shared/contract';
import { call, KbCallError } from '../lib/kb';

export interface Query<T> {
  data: T | undefined;
  error: KbCallError | undefined;
  loading: boolean;
  reload: () => void;
}

/** Calls a channel and re-calls it whenever the request (by value) or `reload` changes. */
export function useKbQuery<C extends Channel>(
  channel: C,
  ...request: RequestOf<C> extends undefined ? [] : [RequestOf<C>]
): Query<ResponseOf<C>> {
  const key = JSON.stringify(request[0] ?? null);
  const [state, setState] = useState<{ data?: ResponseOf<C>; error?: KbCallError; loading: boolean }>({
    loading: true,
  });
  const [generation, setGeneration] = useState(0);

  // The request as of the latest render; `key` stands for it in the effect's dependencies, compared by value.
  const latestRequest = useRef(request);
  latestRequest.current = request;

  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    call(channel, ...latestRequest.current).then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) =>
        current &&
        setState({
          error: error instanceof KbCallError ? error : new KbCallError('internal', String(error)),
          loading: false,
        }),
    );
    return () => {
      current = false;
    };
  }, [channel, key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
