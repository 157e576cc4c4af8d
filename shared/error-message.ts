/**
 * The message for a failed call, in the interface language. Parameters that
 * name a kind of record or a kind of problem are translated too, so the app
 * and the command line say the same thing.
 */
import type { TFunction } from 'i18next';
import type { ErrorParams } from './errors';

/** Codes whose message is in plain words, with the technical detail (line, column, encoding) kept apart. */
const WITH_DETAIL = new Set(['bundleNotUtf8', 'bundleSyntax']);

export function errorMessage(t: TFunction, code: string, params: ErrorParams = {}): string {
  return t(`errors:${code}`, translatedParams(t, params));
}

/** The technical detail behind a plain message, for a "details" disclosure or a log line; undefined when there is none. */
export function errorDetail(t: TFunction, code: string, params: ErrorParams = {}): string | undefined {
  return WITH_DETAIL.has(code) ? t(`errors:detail.${code}`, translatedParams(t, params)) : undefined;
}

function translatedParams(t: TFunction, params: ErrorParams): Record<string, string | number> {
  const values: Record<string, string | number> = { ...params };
  if (typeof params.collection === 'string')
    values.collection = t(`errors:collection.${params.collection}`, { defaultValue: params.collection });
  if (typeof params.problem === 'string')
    values.problem = t(`errors:issue.${params.problem}`, { defaultValue: params.problem });
  if (typeof params.fileKind === 'string')
    values.fileKind = t(`errors:fileKind.${params.fileKind}`, { defaultValue: params.fileKind });
  return values;
}
