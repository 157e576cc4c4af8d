/**
 * The order the practice lists are shown in (newest change, title,
 * organisation), remembered on this PC across lists and starts.
 */
import { useCallback, useState } from 'react';
import { PRACTICE_SORTS, type PracticeSort } from '../../../shared/requests';

const SORT_KEY = 'twinning-kb.practiceSort';

function stored(): PracticeSort {
  const value = window.localStorage.getItem(SORT_KEY);
  return (PRACTICE_SORTS as readonly string[]).includes(value ?? '') ? (value as PracticeSort) : 'changed';
}

export function usePracticeSort(): [PracticeSort, (sort: PracticeSort) => void] {
  const [sort, setSort] = useState(stored);
  const choose = useCallback((next: PracticeSort) => {
    window.localStorage.setItem(SORT_KEY, next);
    setSort(next);
  }, []);
  return [sort, choose];
}
