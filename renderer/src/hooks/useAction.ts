/**
 * Changing the knowledge base from a view: one way for every view to run the
 * call, disable its buttons meanwhile and show what went wrong.
 */
import { useCallback, useState } from 'react';
import { KbCallError } from '../lib/kb';

/** Runs a call that changes something, keeping its busy state and its error for the view to show. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<KbCallError>();
  const run = useCallback(async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await action();
    } catch (e) {
      setError(e instanceof KbCallError ? e : new KbCallError('internal', String(e)));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { run, busy, error, clearError: () => setError(undefined) };
}
