/**
 * The order a list is shown in (newest change, title, organisation),
 * remembered on this PC per kind of list (practices, lessons) across starts.
 */
import { useCallback, useState } from 'react';
import { PRACTICE_SORTS, type PracticeSort } from '../../../shared/requests';

const sortKey = (list: 'practices' | 'lessons') =>
  list === 'practices' ? 'twinning-kb.practiceSort' : 'twinning-kb.lessonSort';

function stored(list: 'practices' | 'lessons'): PracticeSort {
  const value = window.localStorage.getItem(sortKey(list));
  return (PRACTICE_SORTS as readonly string[]).includes(value ?? '') ? (value as PracticeSort) : 'changed';
}

export function useListSort(list: 'practices' | 'lessons'): [PracticeSort, (sort: PracticeSort) => void] {
  const [sort, setSort] = useState(() => stored(list));
  const choose = useCallback(
    (next: PracticeSort) => {
      window.localStorage.setItem(sortKey(list), next);
      setSort(next);
    },
    [list],
  );
  return [sort, choose];
}
