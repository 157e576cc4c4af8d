/**
 * Starter content shipped in data/starter.json: what a new installation is
 * filled with on first start, validated with the same schemas as user data;
 * and removing what is left of it untouched, once users have their own.
 */
import { z } from 'zod';
import starterJson from '../../data/starter.json';
import {
  ComparisonEntry,
  GlossaryTerm,
  LANGUAGES,
  Organisation,
  Practice,
  Topic,
  Visit,
} from '../../shared/model';
import type { StarterContentState } from '../../shared/contract';
import type { KbContext } from './context';
import { recordKey } from './exchange/records';
import type { Change, Store } from './store';
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

/** Where starter content can be removed; organisations and topics frame everything else and stay. */
const REMOVABLE = ['practices', 'visits', 'glossary', 'comparison'] as const;
type Removable = (typeof REMOVABLE)[number];

/**
 * Splits the starter records still marked as such into removable ones and
 * kept ones. Removable: never changed here (the empty version every
 * installation shares), nothing written about it (an annotation, even in the
 * trash), and no partner version waiting in conflict.
 */
function classifyStarter(store: Store): { removable: { collection: Removable; record: { id: string } }[]; kept: number } {
  const referenced = new Set<string>();
  for (const a of store.all('annotations')) {
    referenced.add(recordKey('practices', a.practiceId));
    if (a.visitId) referenced.add(recordKey('visits', a.visitId));
  }
  for (const c of store.all('conflicts')) referenced.add(recordKey(c.collection, c.recordId));
  const removable: { collection: Removable; record: { id: string } }[] = [];
  let kept = 0;
  for (const collection of REMOVABLE) {
    for (const record of store.all(collection)) {
      if (!record.starter) continue;
      const untouched = Object.keys(record.version).length === 0 && !referenced.has(recordKey(collection, record.id));
      if (untouched) removable.push({ collection, record });
      else kept += 1;
    }
  }
  return { removable, kept };
}

export function starterContentState(store: Store): StarterContentState {
  const { removable, kept } = classifyStarter(store);
  return { removable: removable.length, kept };
}

/**
 * Removes the untouched starter content here, in one batch. Purge markers
 * remember the removed versions, so a partner's bundle still holding the same
 * untouched starter content does not bring it back; anything the partner
 * edited still arrives.
 */
export async function removeStarterContent(ctx: KbContext): Promise<StarterContentState & { removed: number }> {
  ctx.author();
  const { removable, kept } = classifyStarter(ctx.store);
  const changes: Change[] = removable.flatMap(({ collection, record }): Change[] => [
    { op: 'delete', collection, id: record.id },
    { op: 'put', collection: 'purged', record: { id: recordKey(collection, record.id), collection, recordId: record.id, version: {} } },
  ]);
  const removed = new Set(removable.map(({ collection, record }) => recordKey(collection, record.id)));
  for (const revision of ctx.store.all('revisions')) {
    if (removed.has(recordKey(revision.collection, revision.recordId))) changes.push({ op: 'delete', collection: 'revisions', id: revision.id });
  }
  if (changes.length > 0) await ctx.apply(changes);
  return { removed: removable.length, removable: 0, kept };
}
