/**
 * Merging versions of one record. The state of a record is the set of its
 * versions that no other version includes (by version vector); merging is
 * the union of two such sets, reduced again. That makes import idempotent,
 * commutative and associative. Of the remaining versions one is shown
 * (deterministically chosen, the same on every installation); the others are
 * conflicts, kept until a person resolves them.
 */
import { isStarterVersion, type VersionVector } from '../../shared/model';
import { compareVersions } from './versioning';
import { recordHash } from './canonical-json';

export interface VersionedRecord {
  id: string;
  version: VersionVector;
  changedBy?: string;
  updatedAt?: string;
  deletedAt?: string;
}

export interface Hashed<T> {
  record: T;
  hash: string;
}

export const hashed = <T>(record: T): Hashed<T> => ({ record, hash: recordHash(record) });

export interface Merged<T> {
  /** The version shown. */
  winner: Hashed<T>;
  /** Concurrent versions kept as conflicts, ordered by hash. */
  others: Hashed<T>[];
}

/** Reduces versions of one record to its merged state. `versions` must not be empty. */
export function mergeVersions<T extends VersionedRecord>(versions: readonly Hashed<T>[]): Merged<T> {
  if (versions.length === 1) return { winner: versions[0]!, others: [] }; // the most common case, by far
  const distinct = [...new Map(versions.map((v) => [v.hash, v])).values()];
  const maximal = distinct.filter(
    (v) => !distinct.some((w) => compareVersions(v.record.version, w.record.version) === 'before'),
  );
  const [winner, ...others] = maximal.sort(byPrecedence);
  return { winner: winner!, others: others.sort((a, b) => compareStrings(a.hash, b.hash)) };
}

/**
 * Which concurrent version is shown: a living record before a deleted one
 * (an edit is never hidden by a deletion it did not know of), a version
 * someone edited before an untouched release of the starter content (a new
 * release never hides a user's edit: it waits beside it as a conflict), then
 * the most recently updated, then fixed tie-breakers so every installation agrees.
 */
function byPrecedence<T extends VersionedRecord>(a: Hashed<T>, b: Hashed<T>): number {
  return (
    Number(a.record.deletedAt !== undefined) - Number(b.record.deletedAt !== undefined) ||
    Number(isStarterVersion(a.record.version)) - Number(isStarterVersion(b.record.version)) ||
    compareInstants(b.record.updatedAt, a.record.updatedAt) ||
    compareStrings(b.record.changedBy ?? '', a.record.changedBy ?? '') ||
    compareStrings(b.hash, a.hash)
  );
}

/**
 * Compares two times as instants: "2026-10-01T10:30:00+02:00" is before
 * "2026-10-01T09:00:00Z", though it sorts after it as a string. Bundles are
 * read in UTC, but a store may hold times imported before that.
 */
function compareInstants(a: string | undefined, b: string | undefined): number {
  return Math.sign((a === undefined ? -Infinity : Date.parse(a)) - (b === undefined ? -Infinity : Date.parse(b))) || 0;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
