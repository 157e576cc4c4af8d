/** The counts of an import per kind of change, as its preview, its result and the history of imports show them. */
import type { ImportCounts } from '../../../shared/responses';

export const COUNT_KINDS = [
  'added',
  'updated',
  'unchanged',
  'deleted',
  'conflicts',
] as const satisfies readonly (keyof ImportCounts)[];

/** What an import changed, over all kinds of record. */
export function totalCounts(counts: Record<string, ImportCounts>): ImportCounts {
  const total: ImportCounts = { added: 0, updated: 0, unchanged: 0, deleted: 0, conflicts: 0 };
  for (const c of Object.values(counts)) for (const k of COUNT_KINDS) total[k] += c[k];
  return total;
}
