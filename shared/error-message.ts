/**
 * The message for a failed call, in the interface language. Parameters that
 * name a kind of record or a kind of problem are translated too, so the app
 * and the command line say the same thing.
 */
import type { TFunction } from 'i18next';
import type { ErrorParams } from './errors';

export function errorMessage(t: TFunction, code: string, params: ErrorParams = {}): string {
  const values: Record<string, string | number> = { ...params };
  if (typeof params.collection === 'string')
    values.collection = t(`errors:collection.${params.collection}`, { defaultValue: params.collection });
  if (typeof params.problem === 'string')
    values.problem = t(`errors:issue.${params.problem}`, { defaultValue: params.problem });
  return t(`errors:${code}`, values);
}
