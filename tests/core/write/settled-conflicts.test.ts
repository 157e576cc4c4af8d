import { describe, expect, it } from 'vitest';
import { recordHash } from '../../../core/base/canonical-json';
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
