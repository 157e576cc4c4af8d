import { describe, expect, it } from 'vitest';
import { recordHash } from '../../../core/base/canonical-json';
import { hashed, mergeVersions } from '../../../core/base/merge';
import { put } from '../../../core/store/store';
import type { Practice } from '../../../shared/model';
import { germanPractice, writableKnowledgeBase } from '../../helpers/knowledge-base';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const OTHER = '7d1c0e4a-5b6f-4c3d-8e9f-0a1b2c3d4e5f';
const THIRD = '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d';

const asConflict = (record: Practice) => {
  const hash = recordHash(record);
  return {
    id: `practices:${record.id}:${hash.slice(0, 16)}`,
    collection: 'practices' as const,
    recordId: record.id,
    hash,
    record,
  };
};

describe('a version saved here', () => {
  it('settles the versions in conflict it includes, as a merge elsewhere does, and keeps the concurrent ones', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const { practice: first } = await kb.practices.save(undefined, germanPractice(kb));
    const me = kb.store.installationId;
    // Our own second edit lost a merge against a partner's edit of our first version …
    const { practice: ours } = await kb.practices.save(first.id, germanPractice(kb, { tags: ['unsere'] }));
    const theirs: Practice = { ...first, version: { ...first.version, [OTHER]: 1 }, changedBy: OTHER, tags: ['ihre'] };
    const concurrent: Practice = { ...first, version: { [THIRD]: 1 }, changedBy: THIRD, tags: ['dritte'] };
    await kb.store.apply([
      put('practices', theirs),
      put('conflicts', asConflict(ours)),
      put('conflicts', asConflict(concurrent)),
    ]);
    // … and the next edit here counts on from the partner's version: it includes ours by its version vector.
    const { practice: next } = await kb.practices.save(first.id, germanPractice(kb, { tags: ['neu'] }));
    expect(next.version).toEqual({ [me]: 2, [OTHER]: 1 });
    expect(kb.store.all('conflicts').map((c) => c.record.changedBy)).toEqual([THIRD]);
  });
});

describe('a version saved here beside a version in conflict it does not include', () => {
  /** A practice saved here, and a partner's concurrent edit of it waiting in conflict. */
  async function practiceWithWaitingEdit(theirUpdatedAt?: string) {
    const kb = await writableKnowledgeBase(await tempDir());
    const { practice: ours } = await kb.practices.save(undefined, germanPractice(kb));
    const theirs: Practice = {
      ...ours,
      version: { [OTHER]: 1 },
      changedBy: OTHER,
      tags: ['ihre'],
      ...(theirUpdatedAt ? { updatedAt: theirUpdatedAt } : {}),
    };
    await kb.store.apply([put('conflicts', asConflict(theirs))]);
    return { kb, ours, theirs };
  }

  it('is shown only if a merge would show it: a deletion waits behind the living edit, as it would elsewhere', async () => {
    const { kb, ours, theirs } = await practiceWithWaitingEdit();
    await kb.practices.trash(ours.id);
    const shown = kb.store.get('practices', ours.id)!;
    const waiting = kb.store.all('conflicts').map((c) => c.record as Practice);
    expect(shown).toEqual(theirs);
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.deletedAt).toBeDefined();
    // Another installation merging the same two versions shows the same one.
    expect(mergeVersions([hashed(waiting[0]!), hashed(theirs)]).winner.record).toEqual(shown);
  });

  it('waits itself when the version in conflict was made later by its own clock', async () => {
    const { kb, ours, theirs } = await practiceWithWaitingEdit('2099-01-01T00:00:00.000Z');
    const { practice: edited } = await kb.practices.save(ours.id, germanPractice(kb, { tags: ['unsere'] }));
    expect(kb.store.get('practices', ours.id)).toEqual(theirs);
    expect(kb.store.all('conflicts').map((c) => c.record)).toEqual([edited]);
  });

  it('is shown when a merge would show it, and the version in conflict keeps waiting', async () => {
    const { kb, ours, theirs } = await practiceWithWaitingEdit('2020-01-01T00:00:00.000Z');
    const { practice: edited } = await kb.practices.save(ours.id, germanPractice(kb, { tags: ['unsere'] }));
    expect(kb.store.get('practices', ours.id)).toEqual(edited);
    expect(kb.store.all('conflicts').map((c) => c.record)).toEqual([theirs]);
  });
});
