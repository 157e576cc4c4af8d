/**
 * The rows of the comparison: the structure dimensions, then one row per
 * exchange topic, in the order the user chose, and whether the rows nobody
 * has filled are shown. Both are preferences of this installation, kept in
 * the app's own web storage.
 */
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STRUCTURE_DIMENSIONS, topicDimension } from '../../../shared/model';
import { useOverview } from '../app/overview';
import { useLang } from '../hooks/useLang';

export type RowGroup = 'structure' | 'topics';
export const ROW_GROUPS: readonly RowGroup[] = ['structure', 'topics'];

export interface CompareRow {
  dimension: string;
  group: RowGroup;
  label: string;
  topicId?: string;
}

const ORDER_KEY = 'twinning-kb.compare.rowOrder';
const SHOW_EMPTY_KEY = 'twinning-kb.compare.showEmpty';

function readOrder(): string[] {
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(ORDER_KEY) ?? '[]');
    return Array.isArray(stored) ? stored.filter((d): d is string => typeof d === 'string') : [];
  } catch {
    return []; // unreadable or unavailable storage: the default order
  }
}

function write(key: string, value: unknown): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or unavailable: the choice holds until the app closes.
  }
}

function readShowEmpty(): boolean {
  try {
    return window.localStorage.getItem(SHOW_EMPTY_KEY) === 'true';
  } catch {
    return false;
  }
}

/** Whether the rows nobody has filled are shown (they say nothing, so not at first), remembered across starts. */
export function useShowEmptyRows(): [boolean, (show: boolean) => void] {
  const [show, setShow] = useState(readShowEmpty);
  const choose = useCallback((next: boolean) => {
    write(SHOW_EMPTY_KEY, next);
    setShow(next);
  }, []);
  return [show, choose];
}

/** Every row in the chosen order, grouped (structure first), and a way to move one within its group. */
export function useCompareRows(): { rows: CompareRow[]; move: (dimension: string, by: -1 | 1) => void } {
  const { t } = useTranslation('compare');
  const lang = useLang();
  const { overview } = useOverview();
  const [order, setOrder] = useState(readOrder);

  const rows = useMemo(() => {
    const defaults: CompareRow[] = [
      ...STRUCTURE_DIMENSIONS.map((dimension): CompareRow => ({
        dimension,
        group: 'structure',
        label: t(`dimension.${dimension}`),
      })),
      ...overview.topics.map((topic): CompareRow => ({
        dimension: topicDimension(topic.id),
        group: 'topics',
        label: topic.name[lang],
        topicId: topic.id,
      })),
    ];
    // Rows not ordered yet (a new topic) keep their default place after the ordered ones.
    const rank = (row: CompareRow) => {
      const index = order.indexOf(row.dimension);
      return index === -1 ? order.length + defaults.indexOf(row) : index;
    };
    return ROW_GROUPS.flatMap((group) =>
      defaults.filter((row) => row.group === group).sort((a, b) => rank(a) - rank(b)),
    );
  }, [order, overview.topics, lang, t]);

  const move = useCallback(
    (dimension: string, by: -1 | 1) => {
      const index = rows.findIndex((row) => row.dimension === dimension);
      const target = rows[index + by];
      if (index === -1 || !target || target.group !== rows[index]!.group) return;
      const next = rows.map((row) => row.dimension);
      [next[index], next[index + by]] = [next[index + by]!, next[index]!];
      write(ORDER_KEY, next);
      setOrder(next);
    },
    [rows],
  );

  return { rows, move };
}
