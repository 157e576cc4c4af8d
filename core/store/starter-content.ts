/**
 * Starter content shipped in data/starter.json: what a new installation is
 * filled with on first start, validated with the same schemas as user data.
 * The file holds the exact records (versions, translations' `basedOn`
 * included), so that a partner who copies a starter record from the published
 * file sends what every installation already has.
 *
 * `release` counts the releases of the file. A record changed in release n
 * carries the version `{ [STARTER_RELEASES]: n }`, one unchanged since the
 * first release `{}`; installations holding an older release are brought to
 * this one on start (core/exchange/starter-upgrade.ts).
 */
import { z } from 'zod';
import starterJson from '../../data/starter.json';
import { ComparisonEntry, GlossaryTerm, Organisation, Practice, TagLabel, Topic, Visit } from '../../shared/model';

export const StarterContent = z
  .object({
    release: z.number().int().min(1),
    organisations: z.array(Organisation),
    topics: z.array(Topic),
    practices: z.array(Practice),
    visits: z.array(Visit),
    glossary: z.array(GlossaryTerm),
    comparison: z.array(ComparisonEntry),
    /** German and Dutch labels of the starter practices' tags. */
    tagLabels: z.array(TagLabel).default([]),
  })
  .strict();
export type StarterContent = z.infer<typeof StarterContent>;

/** The starter content bundled with the app, validated, as the store holds it. */
export function loadStarterContent(): StarterContent {
  return StarterContent.parse(starterJson);
}
