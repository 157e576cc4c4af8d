/**
 * Starter content shipped in data/starter.json: what a new installation is
 * filled with on first start, validated with the same schemas as user data.
 */
import { z } from 'zod';
import starterJson from '../../data/starter.json';
import { ComparisonEntry, GlossaryTerm, LANGUAGES, Organisation, Practice, Topic, Visit } from '../../shared/model';
import { textHash } from './translation';

export const StarterContent = z
  .object({
    organisations: z.array(Organisation),
    topics: z.array(Topic),
    practices: z.array(Practice),
    visits: z.array(Visit),
    glossary: z.array(GlossaryTerm),
    comparison: z.array(ComparisonEntry),
  })
  .strict();
export type StarterContent = z.infer<typeof StarterContent>;

/**
 * The starter content bundled with the app, validated. Its translations were
 * written together with their originals, so they start out current.
 */
export function loadStarterContent(): StarterContent {
  const content = StarterContent.parse(starterJson);
  for (const practice of content.practices) {
    const original = practice.texts[practice.originalLanguage]!;
    for (const lang of LANGUAGES) {
      const text = practice.texts[lang];
      if (text && lang !== practice.originalLanguage) text.basedOn ??= textHash(original);
    }
  }
  return content;
}
