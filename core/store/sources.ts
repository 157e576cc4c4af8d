/**
 * Sources as records keep them: where a reader can check what a comparison
 * cell or a glossary term says. The list is optional on those records (they
 * had none before), so an empty list is not stored and an absent one reads
 * as empty; that way saving a record without sources does not make a new
 * version of it just by adding `sources: []`.
 */
import type { Source } from '../../shared/model';

/** `{ sources }` when there are any, otherwise nothing, to spread into a record. */
export const nonEmpty = (sources: readonly Source[] | undefined): { sources?: Source[] } =>
  sources && sources.length > 0 ? { sources: sources.map(({ title, url }) => ({ title: title.trim(), url })) } : {};

/** Whether two lists name the same sources in the same order. */
export const sameSources = (a: readonly Source[], b: readonly Source[]): boolean =>
  a.length === b.length &&
  a.every((source, i) => source.title.trim() === b[i]!.title.trim() && source.url === b[i]!.url);
