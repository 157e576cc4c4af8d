/**
 * Bringing a new release of the starter content (data/starter.json) to an
 * installation that holds an older one, on every start.
 *
 * Every installation holds the same starter records; a record nobody edited
 * is identical everywhere. A release that changes a starter record gives it
 * the version `{ [STARTER_RELEASES]: n }` (n the release), as though one more
 * installation had edited it. So the versions of a starter record follow each
 * other by the ordinary merge rules: release 2 includes release 1 (`{}`), and
 * an edit made here (`{ <this installation>: 1 }`) is concurrent with release
 * 2. The upgrade is then nothing but an import of the new release, with the
 * same merge (core/exchange/plan-import.ts), minus the provenance of an import:
 *
 * - untouched starter records are replaced by the new release (the old text
 *   kept in their history);
 * - a starter record edited here stays as the user left it (an edited version
 *   is shown before an untouched starter one, see merge.ts); a release that
 *   changed it offers its new text beside it, as a conflict to resolve;
 * - a starter record deleted here for good, or starter content removed with
 *   "remove starter content", stays away (a purge of a starter version holds
 *   for every starter release, see plan-import.ts), and a record new in the
 *   release is not added where the starter content was removed.
 *
 * Why installations on different releases never conflict or duplicate when
 * they exchange bundles or sync: A (upgraded) sends `{S:2}`, B (not yet
 * upgraded) holds `{}`; `{S:2}` follows `{}`, so B takes it as an update, and
 * A drops B's `{}` as included. Records are the same ids everywhere (starter
 * ids), so nothing is duplicated. A record edited on B meets A's `{S:2}` as
 * the same conflict B's own upgrade would make, with the same version shown,
 * so both converge; once B upgrades, its records equal A's byte for byte, and
 * the upgrade finds nothing left to do. Because the upgrade is an import,
 * running it twice, or after a partner's bundle already brought the release,
 * changes nothing.
 */
import { BUNDLE_COLLECTIONS, BUNDLE_FORMAT, BUNDLE_SCHEMA_VERSION, type Bundle } from '../../shared/bundle';
import { comparisonCellKey, isStarterVersion, STARTER_RELEASES } from '../../shared/model';
import { recordKey } from '../store/exchange-records';
import type { StarterContent } from '../store/starter-content';
import type { Change, Store } from '../store/store';
import type { KbContext } from '../write/context';
import { planImport } from './plan-import';

/** The starter collections a user who removed the starter content gets nothing new of (see core/services/starter-removal.ts). */
const REMOVABLE = new Set(['practices', 'visits', 'glossary', 'comparison', 'tagLabels']);

/** The changes that bring the store to the starter release; none when it holds it already. */
export function planStarterUpgrade(
  store: Store,
  history: KbContext['history'],
  starter: StarterContent,
  now: string,
): Change[] {
  // Removed with "remove starter content" (before that was remembered: an untouched starter practice, visit or cell
  // can only have been purged by it; a glossary term can be deleted alone).
  const removedStarter =
    store.settings.starterRemoved === true ||
    store.all('purged').some((marker) => marker.collection !== 'glossary' && isStarterVersion(marker.version));
  const cells = new Set(store.all('comparison').map((c) => comparisonCellKey(c.dimension, c.organisationId)));
  const wanted = <T extends { id: string; dimension?: string; organisationId?: string }>(
    collection: (typeof BUNDLE_COLLECTIONS)[number],
    records: readonly T[],
  ) =>
    records.filter((record) => {
      if (store.get('purged', recordKey(collection, record.id))) return false; // deleted here for good
      const held =
        store.get(collection, record.id) !== undefined ||
        (collection === 'comparison' &&
          cells.has(
            comparisonCellKey(
              (record as { dimension: string }).dimension,
              (record as { organisationId: string }).organisationId,
            ),
          ));
      return held || !(removedStarter && REMOVABLE.has(collection));
    });
  const release: Bundle = {
    format: BUNDLE_FORMAT,
    schemaVersion: BUNDLE_SCHEMA_VERSION,
    exportedAt: now,
    exportedBy: { installationId: STARTER_RELEASES, organisationId: starter.organisations[0]!.id },
    content: {
      organisations: wanted('organisations', starter.organisations),
      topics: wanted('topics', starter.topics),
      practices: wanted('practices', starter.practices),
      visits: wanted('visits', starter.visits),
      annotations: [],
      glossary: wanted('glossary', starter.glossary),
      comparison: wanted('comparison', starter.comparison),
      tagLabels: wanted('tagLabels', starter.tagLabels),
      tombstones: [],
      conflicts: [],
    } as unknown as Bundle['content'],
    checksum: { algorithm: 'sha256', value: '0'.repeat(64) },
  };
  const plan = planImport(release, {
    store,
    history,
    now,
    origin: { importId: 'starter', importedAt: now, fileName: '', exportedBy: release.exportedBy },
  });
  // Starter content came with the app, not from a partner's file: no origin to show.
  return plan.changes.filter((change) => !(change.op === 'put' && change.collection === 'origins'));
}

/** Brings the store to the starter release in one batch; returns how many changes that took. */
export async function upgradeStarter(ctx: KbContext, starter: StarterContent): Promise<number> {
  const changes = planStarterUpgrade(ctx.store, ctx.history, starter, ctx.clock.now());
  if (changes.length > 0) await ctx.writer.apply(changes);
  return changes.length;
}
