/**
 * The search index as the knowledge base keeps it: not ready until built,
 * current after every kind of change, saved at close and reused (or rebuilt
 * when its copy is stale or damaged) at the next start.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../../electron/main/ipc/dispatch';
import { createHandlers, type Shell } from '../../../electron/main/ipc/handlers';
import { KnowledgeBase, openKnowledgeBase } from '../../../core/knowledge-base';
import { SEARCH_INDEX_VERSION } from '../../../core/search/index';
import { SEARCH_INDEX_FILE } from '../../../core/search/live-search';
import { loadStarterContent } from '../../../core/store/starter-content';
import { openStore, seedData } from '../../../core/store/store';
import type { SearchKind, SearchQuery } from '../../../shared/search';
import { exportText, encode } from '../../helpers/bundles';
import { AV, germanPractice, TS, writableKnowledgeBase } from '../../helpers/knowledge-base';
import { MemoryStore, memoryKnowledgeBase } from '../../helpers/memory-store';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const user = { name: 'Erika Muster', organisationId: TS };

/** Ids found for a query, of one kind. */
function found(
  kb: KnowledgeBase,
  text: string,
  kind: SearchKind = 'practices',
  query: Omit<SearchQuery, 'text'> = {},
): string[] {
  const response = kb.search.search({ text, ...query });
  expect(response.status).toEqual({ state: 'ready' });
  return response.results[kind].map((item) => item.id);
}

async function readyMemoryKb(): Promise<KnowledgeBase> {
  const kb = memoryKnowledgeBase(user, { now: Date.parse('2026-11-20T09:00:00Z') });
  await kb.search.ready();
  return kb;
}

const garages = (kb: KnowledgeBase) =>
  germanPractice(kb, {
    texts: {
      de: {
        title: 'Quartiersgaragen mit Dachgärten',
        summary: 'Parken gebündelt.',
        body: 'Weniger Autos am Straßenrand.',
      },
    },
  });

describe('before the index is ready', () => {
  it('answers “building” with no results, then finds once built', async () => {
    const data = { ...seedData(loadStarterContent()), settings: { language: 'de' as const, user } };
    const kb = new KnowledgeBase(new MemoryStore(data), undefined, { chunkSize: 10 });
    const first = kb.search.search({ text: 'Kreisverkehr' });
    expect(first.status.state).toBe('building');
    expect(first.results.totals).toEqual({ practices: 0, annotations: 0, visits: 0, glossary: 0, comparison: 0 });
    expect(first.results.practices).toEqual([]);

    await new Promise((resolve) => setImmediate(resolve));
    const during = kb.search.status;
    expect(during.state).toBe('building');
    if (during.state === 'building') {
      expect(during.done).toBeGreaterThan(0);
      expect(during.total).toBeGreaterThan(during.done);
    }

    await kb.search.ready();
    expect(found(kb, 'Kreisverkehr')).toContain('practice-nl-roundabout-cyclist-priority');
  });

  it('replays changes made while it was being built', async () => {
    const data = { ...seedData(loadStarterContent()), settings: { language: 'de' as const, user } };
    const kb = new KnowledgeBase(new MemoryStore(data), () => new Date('2026-11-20T09:00:00Z'), { chunkSize: 5 });
    kb.search.start();
    const { practice } = await kb.practices.save(undefined, garages(kb));
    await kb.practices.trash('practice-de-sponge-city');
    expect(kb.search.status.state).toBe('building');

    await kb.search.ready();
    expect(found(kb, 'Quartiersgarage')).toEqual([practice.id]);
    expect(found(kb, 'Schwammstadt')).not.toContain('practice-de-sponge-city');
  });
});

describe('keeping the index current', () => {
  it('finds a saved practice, its edits, and no longer finds it in the trash or after purging', async () => {
    const kb = await readyMemoryKb();
    expect(found(kb, 'Quartiersgarage')).toEqual([]);
    const { practice } = await kb.practices.save(undefined, garages(kb));
    expect(found(kb, 'Quartiersgarage')).toEqual([practice.id]);
    const item = kb.search.search({ text: 'Quartiersgarage' }).results.practices[0]!;
    expect(item.titles).toEqual({ de: 'Quartiersgaragen mit Dachgärten' });
    expect(item.snippet.text.slice(...item.snippet.highlights[0]!)).toBe('Quartiersgaragen');

    await kb.practices.save(
      practice.id,
      { ...garages(kb), texts: { de: { title: 'Fahrradparkhäuser', summary: '', body: '' } } },
      practice.updatedAt,
    );
    expect(found(kb, 'Quartiersgarage')).toEqual([]);
    expect(found(kb, 'Fahrradparkhaus')).toEqual([practice.id]);

    await kb.practices.trash(practice.id);
    expect(found(kb, 'Fahrradparkhaus')).toEqual([]);
    await kb.practices.restore(practice.id);
    expect(found(kb, 'Fahrradparkhaus')).toEqual([practice.id]);
    await kb.practices.trash(practice.id);
    await kb.practices.purge(practice.id);
    expect(found(kb, 'Fahrradparkhaus')).toEqual([]);
  });

  it('finds annotations after saving, not after deleting, and hides them with their practice', async () => {
    const kb = await readyMemoryKb();
    const { practice } = await kb.practices.save(undefined, garages(kb));
    const note = await kb.annotations.save(undefined, {
      practiceId: practice.id,
      kind: 'lesson',
      text: 'Die Anwohnerparkausweise früh klären.',
      language: 'de',
    });
    expect(found(kb, 'Anwohnerparkausweis', 'annotations')).toEqual([note.id]);
    const item = kb.search.search({ text: 'Anwohnerparkausweis' }).results.annotations[0]!;
    expect(item).toMatchObject({
      practiceId: practice.id,
      annotationKind: 'lesson',
      titles: { de: 'Quartiersgaragen mit Dachgärten' },
    });
    expect(found(kb, 'Anwohnerparkausweis', 'annotations', { filters: { annotationKind: 'question' } })).toEqual([]);

    await kb.practices.trash(practice.id);
    expect(found(kb, 'Anwohnerparkausweis', 'annotations')).toEqual([]);
    await kb.practices.restore(practice.id);
    expect(found(kb, 'Anwohnerparkausweis', 'annotations')).toEqual([note.id]);
    await kb.annotations.trash(note.id);
    expect(found(kb, 'Anwohnerparkausweis', 'annotations')).toEqual([]);
  });

  it('finds visits and uses a new glossary term across languages at once', async () => {
    const kb = await readyMemoryKb();
    const { visit } = await kb.visits.save(undefined, {
      hostOrganisationId: AV,
      guestOrganisationId: TS,
      status: 'planned',
      participants: [{ name: 'Jana Beispiel' }],
      topicIds: [],
      notes: { de: 'Besichtigung der Quartiersgaragen.' },
      sources: [],
      startDate: '2027-03',
    });
    expect(found(kb, 'Quartiersgarage', 'visits')).toEqual([visit.id]);
    expect(kb.search.search({ text: 'Quartiersgarage' }).results.visits[0]!.visit).toEqual({
      hostOrganisationId: AV,
      guestOrganisationId: TS,
      startDate: '2027-03',
    });

    expect(found(kb, 'buurtgarage', 'visits')).toEqual([]);
    const term = await kb.glossary.save(undefined, {
      term: { de: 'Quartiersgarage', nl: 'buurtgarage' },
      definition: { de: 'Ein Parkhaus für ein Wohnviertel.', nl: 'Een parkeergarage voor een woonwijk.' },
      note: { de: '', nl: '' },
      topicIds: [],
    });
    const hit = kb.search.search({ text: 'buurtgarage' }).results.visits[0];
    expect(hit).toMatchObject({ id: visit.id, viaGlossary: term.id, language: 'de' });
    expect(found(kb, 'buurtgarage', 'glossary')).toEqual([term.id]);

    await kb.glossary.delete(term.id);
    expect(found(kb, 'buurtgarage', 'visits')).toEqual([]);
    await kb.visits.trash(visit.id);
    expect(found(kb, 'Quartiersgarage', 'visits')).toEqual([]);
  });

  it('finds a comparison cell saved while the app runs, with the row and organisation it belongs to', async () => {
    const kb = await readyMemoryKb();
    expect(found(kb, 'Quartiersgarage', 'comparison')).toEqual([]);
    const cell = await kb.comparison.save({
      dimension: 'council',
      organisationId: AV,
      text: { de: 'Der Rat beschließt über jede Quartiersgarage.', nl: '' },
      baseUpdatedAt:
        kb.comparison.table().cells.find((c) => c.entry.dimension === 'council' && c.entry.organisationId === AV)?.entry
          .updatedAt ?? null,
    });
    const [item] = kb.search.search({ text: 'Quartiersgarage' }).results.comparison;
    expect(item).toMatchObject({
      id: cell.entry.id,
      cell: { dimension: 'council', organisationId: AV },
      language: 'de',
    });
  });

  it('finds what an import brought and forgets it when the import is undone', async () => {
    const partner = memoryKnowledgeBase(
      { name: 'Jan Jansen', organisationId: AV },
      { now: Date.parse('2026-11-21T09:00:00Z') },
    );
    const { practice } = await partner.practices.save(undefined, {
      ...germanPractice(partner),
      organisationId: AV,
      originalLanguage: 'nl',
      texts: {
        nl: {
          title: 'Buurtgarages in Amstelveen',
          summary: 'Parkeren gebundeld.',
          body: 'Minder auto’s langs de stoep.',
        },
      },
    });
    const kb = await writableKnowledgeBase(await tempDir());
    await kb.search.ready();
    expect(found(kb, 'buurtgarages')).toEqual([]);

    const preview = kb.exchange.preview(encode(exportText(partner)), 'amstelveen.twinning-kb.json');
    await kb.exchange.confirm(preview.previewId);
    expect(found(kb, 'buurtgarages')).toEqual([practice.id]);
    await kb.exchange.undoLast();
    expect(found(kb, 'buurtgarages')).toEqual([]);
    await kb.close();
  });
});

describe('a big batch', () => {
  it('is not indexed record by record but answered by building the index afresh in the background', async () => {
    const data = { ...seedData(loadStarterContent()), settings: { language: 'de' as const, user } };
    const kb = new KnowledgeBase(new MemoryStore(data), () => new Date('2026-11-20T09:00:00Z'), {
      chunkSize: 5,
      rebuildFrom: 3,
    });
    await kb.search.ready();
    expect(kb.search.origin).toBe('built');
    const { practice } = await kb.practices.save(undefined, garages(kb)); // one practice, one revision: below the limit
    expect(kb.search.status.state).toBe('ready');
    expect(found(kb, 'Quartiersgarage')).toEqual([practice.id]);

    // Three practices in one batch, as a sync merge writes them.
    const ids = ['p-big-1', 'p-big-2', 'p-big-3'];
    await kb.store.apply(
      ids.map((id) => ({
        op: 'put' as const,
        collection: 'practices' as const,
        record: { ...practice, id, texts: { de: { ...practice.texts.de!, title: `Fahrradparkhaus ${id}` } } },
      })),
    );
    // kb.store.apply bypasses the writer: tell the index as the writer would.
    kb.search.applied(
      ids.map((id) => ({ op: 'put', collection: 'practices', record: kb.store.get('practices', id)! })),
    );
    expect(kb.search.status.state).toBe('building');
    await kb.practices.trash(practice.id); // a change while it builds is replayed afterwards
    await kb.search.ready();
    expect(found(kb, 'Fahrradparkhaus').sort()).toEqual(ids);
    expect(found(kb, 'Quartiersgarage')).toEqual([]);
  });
  it('waits with the rebuild while held (a sync round) and starts it once released', async () => {
    const data = { ...seedData(loadStarterContent()), settings: { language: 'de' as const, user } };
    const kb = new KnowledgeBase(new MemoryStore(data), () => new Date('2026-11-20T09:00:00Z'), {
      chunkSize: 5,
      rebuildFrom: 3,
      rebuildDelayMs: 0,
    });
    await kb.search.ready();
    const { practice } = await kb.practices.save(undefined, garages(kb));
    const release = kb.search.hold();
    const ids = ['p-held-1', 'p-held-2', 'p-held-3'];
    const changes = ids.map((id) => ({
      op: 'put' as const,
      collection: 'practices' as const,
      record: { ...practice, id, texts: { de: { ...practice.texts.de!, title: `Fahrradparkhaus ${id}` } } },
    }));
    await kb.store.apply(changes);
    kb.search.applied(changes);
    let ready = false;
    const readying = kb.search.ready().then(() => (ready = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ready).toBe(false);
    expect(kb.search.status.state).toBe('building');
    release();
    release(); // a second call changes nothing
    await readying;
    expect(found(kb, 'Fahrradparkhaus').sort()).toEqual(ids);
    await kb.close();
  });
});

describe('the saved index', () => {
  it('is saved at close and reused at the next start, brought up to date with changes made without it', async () => {
    const dir = await tempDir();
    const kb = await writableKnowledgeBase(dir);
    await kb.search.ready();
    expect(kb.search.origin).toBe('built');
    const { practice } = await kb.practices.save(undefined, garages(kb));
    await kb.close();
    expect(JSON.parse(await readFile(path.join(dir, SEARCH_INDEX_FILE), 'utf8'))).toMatchObject({
      version: SEARCH_INDEX_VERSION,
    });

    // A knowledge base with an index that is never saved changes the store behind the saved copy's back.
    const store = await openStore(dir, loadStarterContent);
    const other = new KnowledgeBase(store);
    await other.practices.trash(practice.id);
    const bikes = await other.practices.save(undefined, {
      ...garages(other),
      texts: { de: { title: 'Fahrradparkhäuser', summary: '', body: '' } },
    });
    await other.close();

    const reopened = await openKnowledgeBase(dir, { systemLocales: ['de-DE'] });
    await reopened.search.ready();
    expect(reopened.search.origin).toBe('saved');
    expect(found(reopened, 'Quartiersgarage')).toEqual([]);
    expect(found(reopened, 'Fahrradparkhaus')).toEqual([bikes.practice.id]);
    expect(found(reopened, 'Kreisverkehr')).toContain('practice-nl-roundabout-cyclist-priority');
    await reopened.close();
  });

  it.each([
    [
      'of another version',
      (saved: string) => saved.replace(`"version":${SEARCH_INDEX_VERSION}`, `"version":${SEARCH_INDEX_VERSION + 1}`),
    ],
    ['damaged', (saved: string) => saved.slice(0, saved.length / 2)],
    ['not an index at all', () => '{"hello":"world"}'],
  ])('is rebuilt when the copy is %s, and replaced by a good one', async (_case, spoil) => {
    const dir = await tempDir();
    const kb = await writableKnowledgeBase(dir);
    await kb.search.ready();
    await kb.close();
    const file = path.join(dir, SEARCH_INDEX_FILE);
    await writeFile(file, spoil(await readFile(file, 'utf8')));

    const reopened = await openKnowledgeBase(dir, { systemLocales: ['de-DE'] });
    await reopened.search.ready();
    expect(reopened.search.origin).toBe('built');
    expect(found(reopened, 'Kreisverkehr')).toContain('practice-nl-roundabout-cyclist-priority');
    await reopened.close();
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: SEARCH_INDEX_VERSION });

    const again = await openKnowledgeBase(dir, { systemLocales: ['de-DE'] });
    await again.search.ready();
    expect(again.search.origin).toBe('saved');
    await again.close();
  });

  it('is saved a while after the last change, without waiting for the close', async () => {
    const dir = await tempDir();
    const kb = new KnowledgeBase(await openStore(dir, loadStarterContent), undefined, {
      file: path.join(dir, SEARCH_INDEX_FILE),
      saveDelayMs: 20,
    });
    await kb.settings.setUser(user);
    await kb.search.ready();
    await expect
      .poll(() =>
        readFile(path.join(dir, SEARCH_INDEX_FILE), 'utf8').then(
          () => true,
          () => false,
        ),
      )
      .toBe(true);
    await kb.close();
  });
});

describe('failures', () => {
  it('reports a save that fails and still closes', async () => {
    const dir = await tempDir();
    const onError = vi.fn();
    const kb = new KnowledgeBase(await openStore(dir, loadStarterContent), undefined, {
      file: path.join(dir, 'missing-folder', SEARCH_INDEX_FILE),
      onError,
    });
    await kb.settings.setUser(user);
    await kb.search.ready();
    await kb.close();
    expect(onError).toHaveBeenCalledTimes(1);
    expect((onError.mock.calls[0]![0] as NodeJS.ErrnoException).code).toBe('ENOENT');
  });
});

describe('the search channel', () => {
  const dispatcher = async () => createDispatcher(createHandlers(await readyMemoryKb(), {} as Shell));

  it('answers a valid request with the status and the results', async () => {
    const dispatch = await dispatcher();
    const result = await dispatch('search', { text: 'rotonde', filters: { language: 'nl' }, limitPerKind: 1 });
    expect(result).toMatchObject({
      ok: true,
      value: { status: { state: 'ready' }, results: { totals: { practices: 2 } } },
    });
    if (result.ok) expect((result.value as { results: { practices: unknown[] } }).results.practices).toHaveLength(1);
  });

  it.each([
    ['no text', {}],
    ['an unknown filter', { text: 'rotonde', filters: { everything: true } }],
    ['a language that does not exist', { text: 'rotonde', filters: { language: 'en' } }],
    ['a translation status that does not exist', { text: 'rotonde', filters: { translationStatus: 'perfect' } }],
    ['an overlong text', { text: 'x'.repeat(1_001) }],
    ['no limit', { text: 'rotonde', limitPerKind: 0 }],
    ['an extra field', { text: 'rotonde', admin: true }],
  ])('refuses a request with %s', async (_case, request) => {
    const dispatch = await dispatcher();
    expect(await dispatch('search', request)).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
  });
});
