/**
 * What the store keeps about exchanging, besides the records themselves:
 * versions waiting in conflict, where imported records came from, the log of
 * imports (with what undoing the last one needs), and what was deleted for good.
 */
import { z } from 'zod';
import { BUNDLE_COLLECTIONS, collectionRecord, ExportedBy, type BundleCollection } from '../../shared/bundle';
import { ImportCounts } from '../../shared/responses';
import { Id, Timestamp, VersionVector } from '../../shared/model';

/** Store key of one record: its collection and id. */
export const recordKey = (collection: BundleCollection, id: string): string => `${collection}:${id}`;

const Key = z.string().min(1).max(250);

/** A version that lost a merge, kept until someone resolves the conflict. */
export const StoredConflict = collectionRecord(BUNDLE_COLLECTIONS, {
  id: Key,
  recordId: Id,
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type StoredConflict = z.infer<typeof StoredConflict>;

/** The versions in conflict by the key of the record they are versions of. */
export function groupConflicts(conflicts: Iterable<StoredConflict>): Map<string, StoredConflict[]> {
  const groups = new Map<string, StoredConflict[]>();
  for (const conflict of conflicts) {
    const key = recordKey(conflict.collection, conflict.recordId);
    groups.set(key, [...(groups.get(key) ?? []), conflict]);
  }
  return groups;
}

/** Where the current version of a record came from, when it came from a bundle. */
export const Origin = z
  .object({ id: Key, importId: Id, importedAt: Timestamp, fileName: z.string().max(500), exportedBy: ExportedBy })
  .strict();
export type Origin = z.infer<typeof Origin>;

/** The collections an import writes to: the bundle's records and what the store keeps about them. */
const IMPORTED_INTO = [...BUNDLE_COLLECTIONS, 'revisions', 'conflicts', 'origins'] as const;
export const isImportedInto = (collection: string): collection is (typeof IMPORTED_INTO)[number] =>
  (IMPORTED_INTO as readonly string[]).includes(collection);

/** How to take back one change of an import: the record before it, and a hash of what the import left. */
export const UndoStep = z
  .object({
    collection: z.enum(IMPORTED_INTO),
    id: Key,
    before: z.unknown().optional(),
    afterHash: z.string().nullable(),
  })
  .strict();
export type UndoStep = z.infer<typeof UndoStep>;

export const ImportEntry = z
  .object({
    id: Id,
    importedAt: Timestamp,
    fileName: z.string().max(500),
    exportedAt: Timestamp,
    exportedBy: ExportedBy,
    counts: z.record(z.string(), ImportCounts),
    /** Kept for the latest import only: only the last import can be undone. */
    undo: z.array(UndoStep),
    undoneAt: Timestamp.optional(),
    /** The backup of the store taken just before, if the store keeps backups. */
    backup: z.string().max(1000).optional(),
  })
  .strict();
export type ImportEntry = z.infer<typeof ImportEntry>;

/** A record deleted for good here: versions it already included are not brought back by a later import. */
export const PurgeMarker = z
  .object({ id: Key, collection: z.enum(BUNDLE_COLLECTIONS), recordId: Id, version: VersionVector })
  .strict();
export type PurgeMarker = z.infer<typeof PurgeMarker>;
