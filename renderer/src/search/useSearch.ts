/**
 * Searches as the user types: lightly debounced, answers to older requests
 * ignored, and asked again while the index reports it is still being built.
 */
import { useEffect, useState } from 'react';
import type { SearchFilters, SearchResponse } from '../../../shared/search';
import { call, KbCallError } from '../lib/kb';

/** Typing pauses shorter than this are one search. */
const DEBOUNCE_MS = 120;
/** How often to ask again while the index is still being built. */
const BUILDING_POLL_MS = 500;

export interface SearchState {
  /** The answer for the current text and filters; undefined while the text is empty. */
  response: SearchResponse | undefined;
  /** The text `response` answers (it may lag behind what is typed). */
  answeredText: string;
  error: KbCallError | undefined;
  /** A search for the current text and filters is on its way. */
  searching: boolean;
}

export function useSearch(text: string, filters: SearchFilters): SearchState {
  const [state, setState] = useState<SearchState>({
    response: undefined,
    answeredText: '',
    error: undefined,
    searching: false,
  });
  const [poll, setPoll] = useState(0);
  const filtersKey = JSON.stringify(filters);

  useEffect(() => {
    let active = true; // cleared when a newer search replaces this one
    if (text.trim() === '') {
      setState({ response: undefined, answeredText: '', error: undefined, searching: false });
      return;
    }
    setState((s) => ({ ...s, searching: true }));
    let pollTimer: ReturnType<typeof setTimeout> | undefined;
    const timer = setTimeout(() => {
      call('search', { text, filters: JSON.parse(filtersKey) as SearchFilters }).then(
        (response) => {
          if (!active) return; // a newer search is under way
          setState({ response, answeredText: text, error: undefined, searching: false });
          if (response.status.state === 'building')
            pollTimer = setTimeout(() => setPoll((p) => p + 1), BUILDING_POLL_MS);
        },
        (error: unknown) => {
          if (!active) return;
          const failure = error instanceof KbCallError ? error : new KbCallError('internal', String(error));
          setState((s) => ({ ...s, error: failure, searching: false }));
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      active = false; // whatever is still on its way answers a question no longer asked
      clearTimeout(timer);
      clearTimeout(pollTimer);
    };
  }, [text, filtersKey, poll]);

  return state;
}
