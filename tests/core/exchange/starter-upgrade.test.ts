/**
 * A new release of the starter content reaching installations that hold an
 * older one: on start, and through bundles between an upgraded installation
 * and one that is not yet, without conflicts or duplicates for untouched
 * records, and without hiding anything a user edited.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import releaseOneJson from '../../data/starter-release-1.json';
import { recordHash } from '../../../core/base/canonical-json';
import { KnowledgeBase, openKnowledgeBase } from '../../../core/knowledge-base';
import { loadStarterContent, StarterContent } from '../../../core/store/starter-content';
import { openStore, seedData } from '../../../core/store/store';
import { STARTER_RELEASES, type Author } from '../../../shared/model';
import { abandon } from '../../helpers/abandon';
import { bundleText, encode, exportText } from '../../helpers/bundles';
import { AV, TS } from '../../helpers/knowledge-base';
import { MemoryStore } from '../../helpers/memory-store';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const releaseOne = StarterContent.parse({ release: 1, ...releaseOneJson });
const releaseTwo = loadStarterContent();
const COLLECTIONS = ['organisations', 'topics', 'practices', 'visits', 'glossary', 'comparison', 'tagLabels'] as const;

/** An installation in memory, filled from the given starter release (not upgraded). */
function installation(starter: StarterContent, user: Author, clock = { now: Date.parse('2026-12-06T09:00:00Z') }) {
  const data = { ...seedData(starter), installationId: randomUUID(), settings: { language: 'de' as const, user } };
  return new KnowledgeBase(new MemoryStore(data), () => new Date((clock.now += 1000)));
}
const ts = () => installation(releaseOne, { name: 'Erika Muster', organisationId: TS });
const av = (starter = releaseTwo) => installation(starter, { name: 'Jan de Vries', organisationId: AV });

/** Exports everything from `from` and imports it into `to`; returns the preview's counts. */
async function send(from: KnowledgeBase, to: KnowledgeBase) {
  const preview = to.exchange.preview(encode(exportText(from)), 'partner.twinning-kb.json');
  await to.exchange.confirm(preview.previewId);
  return preview.counts;
}

/** Every starter collection's records by id, with a hash each: equal when the content is equal. */
const snapshot = (kb: KnowledgeBase) =>
  Object.fromEntries(
    COLLECTIONS.map((c) => [c, Object.fromEntries(kb.store.all(c).map((r) => [r.id, recordHash(r)]))]),
  );
const releaseHashes = (starter: StarterContent) =>
  Object.fromEntries(COLLECTIONS.map((c) => [c, Object.fromEntries(starter[c].map((r) => [r.id, recordHash(r)]))]));

const changedInReleaseTwo = releaseTwo.practices.find((p) => p.id === 'practice-nl-fietsstraat')!;

describe('upgrading the starter content', () => {
  it('brings an untouched installation of release 1 to release 2 when it opens, keeping the old text in the history', async () => {
    const dir = await tempDir();
    const store = await openStore(dir, () => releaseOne);
    expect(store.get('practices', changedInReleaseTwo.id)!.scope).toBeUndefined();
    await store.close();

    const kb = await openKnowledgeBase(dir, { systemLocales: ['de-DE'] });
    expect(snapshot(kb)).toEqual(releaseHashes(releaseTwo));
    expect(kb.store.all('conflicts')).toEqual([]);
    expect(kb.store.all('origins')).toEqual([]);
    expect(kb.store.get('practices', changedInReleaseTwo.id)!.scope?.level).toBe('national');
    expect(kb.practices.revisions(changedInReleaseTwo.id).map((r) => r.record.scope)).toEqual([undefined]);
    await abandon(dir);

    const again = await openKnowledgeBase(dir, { systemLocales: ['de-DE'] });
    expect(await again.upgradeStarter(releaseTwo)).toBe(0);
    expect(again.practices.revisions(changedInReleaseTwo.id)).toHaveLength(1);
    await again.close();
  });

  it('leaves a starter practice the user edited as it is, and offers the new release beside it as a conflict', async () => {
    const kb = ts();
    const before = kb.practices.get(changedInReleaseTwo.id).practice;
    const { practice: edited } = await kb.practices.save(
      before.id,
      { ...before, texts: { ...before.texts, de: { ...before.texts.de!, title: 'Unsere Fahrradstraße' } } },
      before.updatedAt,
    );
    await kb.upgradeStarter(releaseTwo);

    expect(kb.store.get('practices', before.id)).toEqual(edited);
    const conflict = kb.conflicts.list().find((c) => c.recordId === before.id)!;
    expect(conflict.others.map((o) => recordHash(o.record))).toEqual([recordHash(changedInReleaseTwo)]);
    // Untouched records were upgraded all the same.
    const untouched = releaseTwo.practices.find((p) => p.id === 'practice-de-mobility-act')!;
    expect(kb.store.get('practices', untouched.id)).toEqual(untouched);
  });

  it('does not bring back starter content the user removed, nor add what is new in the release', async () => {
    const kb = ts();
    const { removed } = await kb.starterContent.remove();
    expect(removed).toBeGreaterThan(0);
    expect(kb.store.settings.starterRemoved).toBe(true);
    expect(await kb.upgradeStarter(releaseTwo)).toBe(0);
    for (const collection of ['practices', 'visits', 'glossary', 'comparison'] as const)
      expect(kb.store.all(collection), collection).toEqual([]);
  });

  it('keeps a starter record the user deleted for good deleted', async () => {
    const kb = ts();
    await kb.glossary.delete('term-kreisverkehr');
    await kb.upgradeStarter(releaseTwo);
    expect(kb.store.get('glossary', 'term-kreisverkehr')).toBeUndefined();
    expect(kb.store.get('glossary', 'term-radweg')!.sources).toBeDefined();
    // Deleting one term is not removing the starter content: what is new in the release arrives.
    expect(kb.store.get('comparison', 'cmp-size-av')).toBeDefined();
  });
});

describe('an upgraded installation and one still on the older release', () => {
  it('exchange bundles without conflicts or duplicates: the older one takes the new release as an update', async () => {
    const [old, upgraded] = [ts(), av()];
    const intoUpgraded = await send(old, upgraded);
    for (const collection of COLLECTIONS) {
      expect(intoUpgraded[collection], collection).toMatchObject({ added: 0, updated: 0, conflicts: 0 });
    }
    expect(upgraded.conflicts.list()).toEqual([]);

    const intoOld = await send(upgraded, old);
    expect(intoOld.practices).toMatchObject({ added: 0, updated: releaseTwo.practices.length, conflicts: 0 });
    expect(intoOld.comparison).toMatchObject({ added: 4, conflicts: 0 }); // the new size and green spaces rows
    expect(old.conflicts.list()).toEqual([]);
    expect(snapshot(old)).toEqual(snapshot(upgraded));

    // Once the older one upgrades itself, there is nothing left to do.
    expect(await old.upgradeStarter(releaseTwo)).toBe(0);
  });

  it('converge on the same conflict for a starter record edited on the older one, before and after it upgrades', async () => {
    const [old, upgraded] = [ts(), av()];
    const before = old.practices.get(changedInReleaseTwo.id).practice;
    await old.practices.save(
      before.id,
      { ...before, texts: { ...before.texts, de: { ...before.texts.de!, title: 'Unsere Fahrradstraße' } } },
      before.updatedAt,
    );
    await send(old, upgraded);
    await send(upgraded, old);
    const shown = (kb: KnowledgeBase) => kb.practices.get(before.id).practice.texts.de!.title;
    expect(shown(old)).toBe('Unsere Fahrradstraße');
    expect(shown(upgraded)).toBe('Unsere Fahrradstraße');
    const conflicts = (kb: KnowledgeBase) =>
      kb.store
        .all('conflicts')
        .map((c) => c.hash)
        .sort();
    expect(conflicts(old)).toEqual(conflicts(upgraded));
    expect(conflicts(old)).toEqual([recordHash(changedInReleaseTwo)]);

    expect(await old.upgradeStarter(releaseTwo)).toBe(0);
    expect(snapshot(old)).toEqual(snapshot(upgraded));
  });

  it('do not bring back, through a bundle of the newer release, starter content the older one removed', async () => {
    const [old, upgraded] = [ts(), av()];
    await old.starterContent.remove();
    const counts = await send(upgraded, old);
    expect(counts.practices).toMatchObject({ added: 0, updated: 0, conflicts: 0 });
    expect(old.store.all('practices')).toEqual([]);
    // An edit the partner made to a starter record is news, and arrives.
    const mobility = upgraded.practices.get('practice-de-mobility-act').practice;
    await upgraded.practices.save(mobility.id, { ...mobility, tags: [...mobility.tags, 'neu'] }, mobility.updatedAt);
    expect((await send(upgraded, old)).practices).toMatchObject({ added: 1 });
  });

  it('reads a bundle of the older release, without scopes or sources, as unchanged starter content', async () => {
    const upgraded = av();
    const bundle = JSON.parse(exportText(ts()));
    expect(JSON.stringify(bundle.content)).not.toContain('"scope"');
    const preview = upgraded.exchange.preview(encode(bundleText(bundle)), 'old.twinning-kb.json');
    for (const collection of COLLECTIONS) {
      expect(preview.counts[collection], collection).toMatchObject({ added: 0, updated: 0, conflicts: 0 });
    }
  });

  it('marks a starter release with the reserved installation id, never that of a real installation', () => {
    const versions = COLLECTIONS.flatMap((c) => releaseTwo[c].map((r) => r.version));
    expect(versions.some((v) => v[STARTER_RELEASES] === releaseTwo.release)).toBe(true);
    expect(av().store.installationId).not.toBe(STARTER_RELEASES);
  });
});
