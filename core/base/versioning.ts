/**
 * Version vectors: which changes, of which installation, a version of a
 * record includes. They decide a merge: a version that includes everything
 * another one does replaces it; two versions that each include changes the
 * other lacks were edited independently and are both kept.
 */
import type { VersionVector } from '../../shared/model';

export type Causality = 'equal' | 'before' | 'after' | 'concurrent';

/** How version `a` relates to version `b`. */
export function compareVersions(a: VersionVector, b: VersionVector): Causality {
  let aAhead = false;
  let bAhead = false;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[key] ?? 0;
    const y = b[key] ?? 0;
    if (x > y) aAhead = true;
    if (y > x) bAhead = true;
  }
  if (aAhead && bAhead) return 'concurrent';
  if (aAhead) return 'after';
  if (bAhead) return 'before';
  return 'equal';
}

/** The smallest version that includes all of the given ones. */
export function joinVersions(...versions: VersionVector[]): VersionVector {
  const joined = new Map<string, number>();
  for (const version of versions) {
    for (const [key, count] of Object.entries(version)) joined.set(key, Math.max(joined.get(key) ?? 0, count));
  }
  return sortedVector(joined);
}

/** The version of a change made on `installationId` on top of the given versions. */
export function nextVersion(installationId: string, ...previous: VersionVector[]): VersionVector {
  const joined = joinVersions(...previous);
  return sortedVector(new Map([...Object.entries(joined), [installationId, (joined[installationId] ?? 0) + 1]]));
}

/** Keys in a fixed order, so equal versions serialize identically. */
function sortedVector(entries: Map<string, number>): VersionVector {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
