import { describe, expect, it } from 'vitest';
import { KbError } from '../../../core/base/errors';
import { createContext } from '../../../core/write/context';
import { purgeChanges } from '../../../core/write/purge';
import { requireRecord, requireReference } from '../../../core/write/references';
import { memoryKnowledgeBase } from '../../helpers/memory-store';
import { germanPractice, TS } from '../../helpers/knowledge-base';

const user = { name: 'Erika Muster', organisationId: TS };

async function setUp() {
  const kb = memoryKnowledgeBase(user, { now: Date.parse('2026-11-20T09:00:00Z') }, 'minimal');
  const ctx = createContext(kb.store, () => new Date('2026-11-21T10:00:00Z'));
  const { practice } = await kb.practices.save(undefined, germanPractice(kb));
  return { kb, ctx, practice };
}

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as KbError).code;
  }
  return undefined;
};

describe('the write path', () => {
  it('tells a missing record (notFound) from a missing or trashed reference (invalidReference)', async () => {
    const { kb, ctx, practice } = await setUp();
    expect(requireRecord(ctx.store, 'practices', practice.id).id).toBe(practice.id);
    expect(codeOf(() => requireRecord(ctx.store, 'practices', 'practice-none'))).toBe('notFound');
    expect(codeOf(() => requireReference(ctx.store, 'topics', 'topic-none'))).toBe('invalidReference');
    await kb.practices.trash(practice.id);
    expect(codeOf(() => requireReference(ctx.store, 'practices', practice.id))).toBeUndefined();
    expect(codeOf(() => requireReference(ctx.store, 'practices', practice.id, { live: true }))).toBe(
      'invalidReference',
    );
  });

  it('keeps replaced versions only of the collections with a history', async () => {
    const { kb, ctx, practice } = await setUp();
    const now = ctx.clock.now();
    expect(ctx.history.keepReplaced('practices', practice, now)).toEqual([
      {
        op: 'put',
        collection: 'revisions',
        record: expect.objectContaining({
          collection: 'practices',
          recordId: practice.id,
          record: practice,
          savedAt: now,
        }),
      },
    ]);
    expect(ctx.history.keepReplaced('topics', kb.store.all('topics')[0]!, now)).toEqual([]);
  });

  it('purges a record with a marker of its version, its history and its waiting conflicts', async () => {
    const { kb, ctx, practice } = await setUp();
    const { practice: edited } = await kb.practices.save(practice.id, germanPractice(kb, { tags: ['edited'] }));
    const conflict = {
      id: `practices:${practice.id}:c`,
      collection: 'practices' as const,
      recordId: practice.id,
      hash: 'a'.repeat(64),
      record: practice,
    };
    await ctx.writer.apply([{ op: 'put', collection: 'conflicts', record: conflict }]);
    const revisions = kb.store.all('revisions').filter((r) => r.recordId === practice.id);
    expect(revisions).toHaveLength(1);

    expect(purgeChanges(ctx.store, ctx.history, 'practices', edited)).toEqual([
      { op: 'delete', collection: 'practices', id: practice.id },
      {
        op: 'put',
        collection: 'purged',
        record: {
          id: `practices:${practice.id}`,
          collection: 'practices',
          recordId: practice.id,
          version: edited.version,
        },
      },
      { op: 'delete', collection: 'conflicts', id: conflict.id },
      { op: 'delete', collection: 'revisions', id: revisions[0]!.id },
    ]);
  });

  it('moves a record to the trash and back as changes made here, with new versions', async () => {
    const { ctx, practice } = await setUp();
    await ctx.trash.move('practices', practice, user);
    const trashed = ctx.store.get('practices', practice.id)!;
    expect(trashed).toMatchObject({
      deletedAt: '2026-11-21T10:00:00.000Z',
      updatedAt: '2026-11-21T10:00:00.000Z',
      updatedBy: user,
    });
    expect(Object.values(trashed.version)).toEqual([2]);

    const restored = await ctx.trash.restore('practices', trashed, user);
    expect(restored.deletedAt).toBeUndefined();
    expect(ctx.store.get('practices', practice.id)).toEqual(restored);
    expect(Object.values(restored.version)).toEqual([3]);
  });

  it('counts only successful writes, and tells listeners after each', async () => {
    const { ctx, practice } = await setUp();
    const heard: number[] = [];
    ctx.writer.onApplied((changes) => heard.push(changes.length));
    const before = ctx.writer.generation;
    await ctx.trash.move('practices', practice, user);
    expect(ctx.writer.generation).toBe(before + 1);
    expect(heard).toEqual([1]);
  });
});
