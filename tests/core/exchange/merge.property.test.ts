/**
 * Property tests of the merge: random histories of edits, deletions,
 * annotations and exchanges between three installations, then the laws an
 * exchange must keep whatever order bundles arrive in.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordHash } from '../../../core/base/canonical-json';
import { compareVersions } from '../../../core/base/versioning';
import { KnowledgeBase } from '../../../core/knowledge-base';
import { BUNDLE_COLLECTIONS } from '../../../shared/bundle';
import { AV, germanPractice, TS } from '../../helpers/knowledge-base';
import { MemoryStore, memoryKnowledgeBase } from '../../helpers/memory-store';
import { exportText } from '../../helpers/bundles';

const RUNS = 200;
const bytes = (text: string) => new TextEncoder().encode(text);

type Step =
  | { op: 'edit'; kb: number; slot: number; tag: string }
  | { op: 'trash'; kb: number; slot: number }
  | { op: 'annotate'; kb: number; slot: number }
  | { op: 'send'; from: number; to: number };

const kbIndex = fc.integer({ min: 0, max: 2 });
const slot = fc.integer({ min: 0, max: 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('edit' as const), kb: kbIndex, slot, tag: fc.constantFrom('a', 'b', 'c', 'd') }),
  fc.record({ op: fc.constant('trash' as const), kb: kbIndex, slot }),
  fc.record({ op: fc.constant('annotate' as const), kb: kbIndex, slot }),
  fc.record({ op: fc.constant('send' as const), from: kbIndex, to: kbIndex }).filter((s) => s.from !== s.to),
);
const history = fc.array(step, { minLength: 1, maxLength: 14 });

interface World {
  kbs: KnowledgeBase[];
  practiceIds: string[];
  annotationIds: Set<string>;
  clock: { now: number };
}

async function send(from: KnowledgeBase, to: KnowledgeBase): Promise<void> {
  await importText(to, exportText(from));
}

async function importText(to: KnowledgeBase, text: string): Promise<number> {
  const preview = to.exchange.preview(bytes(text), 'bundle');
  await to.exchange.confirm(preview.previewId);
  return preview.changeCount;
}

/** Three installations that share two practices, then live through `steps`. */
async function play(steps: Step[]): Promise<World> {
  const clock = { now: Date.parse('2026-12-01T09:00:00Z') };
  const users = [
    { name: 'Erika', organisationId: TS },
    { name: 'Jan', organisationId: AV },
    { name: 'Anna', organisationId: TS },
  ];
  const kbs = users.map((user) => memoryKnowledgeBase(user, clock, 'minimal'));
  const practiceIds: string[] = [];
  for (const tag of ['x', 'y'])
    practiceIds.push((await kbs[0]!.practices.save(undefined, germanPractice(kbs[0]!, { tags: [tag] }))).practice.id);
  await send(kbs[0]!, kbs[1]!);
  await send(kbs[0]!, kbs[2]!);
  const annotationIds = new Set<string>();

  for (const s of steps) {
    if (s.op === 'send') {
      await send(kbs[s.from]!, kbs[s.to]!);
      continue;
    }
    const kb = kbs[s.kb]!;
    const id = practiceIds[s.slot]!;
    const practice = kb.store.get('practices', id);
    if (!practice) continue;
    if (s.op === 'edit') {
      if (practice.deletedAt) await kb.practices.restore(id);
      await kb.practices.save(id, germanPractice(kb, { tags: [s.tag] }));
    } else if (s.op === 'trash') {
      if (!practice.deletedAt) await kb.practices.trash(id);
    } else if (!practice.deletedAt) {
      annotationIds.add(
        (
          await kb.annotations.save(undefined, {
            practiceId: id,
            kind: 'lesson',
            text: `note ${annotationIds.size}`,
            language: 'de',
          })
        ).id,
      );
    }
  }
  return { kbs, practiceIds, annotationIds, clock };
}

/** What an exchange must agree on: the exchanged records and the versions in conflict. */
function exchanged(kb: KnowledgeBase) {
  const sorted = <T extends { id: string }>(records: readonly T[]) =>
    [...records].sort((a, b) => a.id.localeCompare(b.id));
  return Object.fromEntries([...BUNDLE_COLLECTIONS, 'conflicts' as const].map((c) => [c, sorted(kb.store.all(c))]));
}

function clone(kb: KnowledgeBase, clock: { now: number }): KnowledgeBase {
  const data = structuredClone((kb.store as MemoryStore).data);
  return new KnowledgeBase(new MemoryStore(data), () => new Date((clock.now += 1000)));
}

/** Every installation sends to every other, twice: afterwards all have seen everything. */
async function syncAll(kbs: KnowledgeBase[]): Promise<void> {
  for (let round = 0; round < 2; round++) {
    for (const from of kbs) for (const to of kbs) if (from !== to) await send(from, to);
  }
}

describe('merging bundles (property tests)', { timeout: 180_000 }, () => {
  it('is idempotent: importing the same bundle again changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(history, kbIndex, kbIndex, async (steps, from, to) => {
        fc.pre(from !== to);
        const { kbs } = await play(steps);
        const text = exportText(kbs[from]!);
        await importText(kbs[to]!, text);
        const before = exchanged(kbs[to]!);
        expect(await importText(kbs[to]!, text)).toBe(0);
        expect(exchanged(kbs[to]!)).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('is commutative: A then B gives the same knowledge base as B then A', async () => {
    await fc.assert(
      fc.asyncProperty(history, async (steps) => {
        const { kbs, clock } = await play(steps);
        const [a, b] = [exportText(kbs[0]!), exportText(kbs[1]!)];
        const first = clone(kbs[2]!, clock);
        const second = clone(kbs[2]!, clock);
        await importText(first, a);
        await importText(first, b);
        await importText(second, b);
        await importText(second, a);
        expect(exchanged(first)).toEqual(exchanged(second));
      }),
      { numRuns: RUNS },
    );
  });

  it('is associative: importing A and B one by one equals importing their merge', async () => {
    await fc.assert(
      fc.asyncProperty(history, async (steps) => {
        const { kbs, clock } = await play(steps);
        const [a, b] = [exportText(kbs[0]!), exportText(kbs[1]!)];
        const oneByOne = clone(kbs[2]!, clock);
        await importText(oneByOne, a);
        await importText(oneByOne, b);
        const merger = clone(kbs[0]!, clock);
        await importText(merger, b);
        const viaMerge = clone(kbs[2]!, clock);
        await importText(viaMerge, exportText(merger));
        expect(exchanged(viaMerge)).toEqual(exchanged(oneByOne));
      }),
      { numRuns: RUNS },
    );
  });

  it('never loses an annotation, and every installation converges to the same knowledge base', async () => {
    await fc.assert(
      fc.asyncProperty(history, async (steps) => {
        const { kbs, annotationIds } = await play(steps);
        await syncAll(kbs);
        for (const kb of kbs) {
          const ids = new Set(kb.store.all('annotations').map((a) => a.id));
          for (const id of annotationIds) expect(ids.has(id)).toBe(true);
        }
        expect(exchanged(kbs[1]!)).toEqual(exchanged(kbs[0]!));
        expect(exchanged(kbs[2]!)).toEqual(exchanged(kbs[0]!));
      }),
      { numRuns: RUNS },
    );
  });

  it('preserves conflicts: every version no other version includes is still there after syncing, shown or waiting', async () => {
    await fc.assert(
      fc.asyncProperty(history, async (steps) => {
        const { kbs, practiceIds } = await play(steps);
        const versionsOf = (kb: KnowledgeBase, id: string) => [
          ...(kb.store.get('practices', id) ? [kb.store.get('practices', id)!] : []),
          ...kb.store
            .all('conflicts')
            .filter((c) => c.recordId === id)
            .map((c) => c.record as typeof c.record & { version: Record<string, number> }),
        ];
        const expected = practiceIds.map((id) => {
          const all = kbs.flatMap((kb) => versionsOf(kb, id));
          const maximal = all.filter((v) => !all.some((w) => compareVersions(v.version, w.version) === 'before'));
          return new Set(maximal.map(recordHash));
        });
        await syncAll(kbs);
        for (const kb of kbs) {
          practiceIds.forEach((id, i) => expect(new Set(versionsOf(kb, id).map(recordHash))).toEqual(expected[i]));
        }
      }),
      { numRuns: RUNS },
    );
  });
});
