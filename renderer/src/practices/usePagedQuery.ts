/**
 * A long list fetched page by page as it is scrolled, so a list of 10 000
 * practices never travels to the renderer as one message. `key` stands for
 * the query: when it changes, everything fetched so far is dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../../../shared/responses';
import { KbCallError } from '../lib/kb';

export interface PagedQuery<T> {
  /** undefined until the first page arrived. */
  total: number | undefined;
  /** The item at `index`, or undefined while its page is still on the way. */
  itemAt: (index: number) => T | undefined;
  /** Asks for the pages covering items `start` to `end` (inclusive). */
  ensure: (start: number, end: number) => void;
  error: KbCallError | undefined;
}

export function usePagedQuery<T>(
  key: string,
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
  pageSize = 100,
): PagedQuery<T> {
  const [pages, setPages] = useState<Map<number, T[]>>(new Map());
  const [total, setTotal] = useState<number>();
  const [error, setError] = useState<KbCallError>();
  const requested = useRef(new Set<number>());
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const generation = useRef(0);

  const load = useCallback(
    (page: number) => {
      if (requested.current.has(page)) return;
      requested.current.add(page);
      const current = generation.current;
      fetchRef.current(page * pageSize, pageSize).then(
        (result) => {
          if (current !== generation.current) return;
          setTotal(result.total);
          setPages((before) => new Map(before).set(page, result.items));
        },
        (e: unknown) => {
          if (current !== generation.current) return;
          requested.current.delete(page);
          setError(e instanceof KbCallError ? e : new KbCallError('internal', String(e)));
        },
      );
    },
    [pageSize],
  );

  useEffect(() => {
    generation.current += 1;
    requested.current = new Set();
    setPages(new Map());
    setTotal(undefined);
    setError(undefined);
    load(0);
  }, [key, load]);

  const ensure = useCallback(
    (start: number, end: number) => {
      for (let page = Math.floor(start / pageSize); page <= Math.floor(end / pageSize); page++) load(page);
    },
    [load, pageSize],
  );
  const itemAt = useCallback(
    (index: number) => pages.get(Math.floor(index / pageSize))?.[index % pageSize],
    [pages, pageSize],
  );
  return { total, itemAt, ensure, error };
}
