import { describe, expect, it } from 'vitest';
import { Visit } from '../../../shared/model';
import { contract } from '../../../shared/contract';
import { exportBytes } from '../../helpers/bundles';
import type { KbError } from '../../../core/base/errors';
import type { VisitInput } from '../../../shared/requests';
import { openKnowledgeBase } from '../../../core/knowledge-base';
import { AV, germanPractice, TS, writableKnowledgeBase } from '../../helpers/knowledge-base';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (e: KbError) => e.code,
  );
const input = {
  hostOrganisationId: TS,
  guestOrganisationId: AV,
  status: 'planned' as const,
  startDate: '2027-09-13',
  endDate: '2027-09-15',
  participants: [{ name: 'Team Straßenbau', role: ' Leitung ' }, { name: ' ' }],
  topicIds: [],
  notes: { de: 'Programm folgt.' },
  sources: [],
};

describe('visits', () => {
  it('ships the visit to Amstelveen and the planned counter-visit', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const visits = kb.visits.list();
    expect(visits.some((v) => v.hostOrganisationId === AV && v.guestOrganisationId === TS && v.status === 'held')).toBe(
      true,
    );
    expect(
      visits.some((v) => v.hostOrganisationId === TS && v.guestOrganisationId === AV && v.status === 'planned'),
    ).toBe(true);
  });

  it('logs, edits and deletes a visit with undo', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const { visit } = await kb.visits.save(undefined, input);
    expect(visit.participants).toEqual([{ id: expect.any(String), name: 'Team Straßenbau', role: 'Leitung' }]);
    const held = await kb.visits.save(visit.id, { ...input, status: 'held' });
    expect(held.visit).toMatchObject({ id: visit.id, status: 'held', createdAt: visit.createdAt });
    await kb.visits.trash(visit.id);
    expect(kb.visits.list().map((v) => v.id)).not.toContain(visit.id);
    await kb.visits.restore(visit.id);
    expect(kb.visits.get(visit.id).status).toBe('held');
  });

  it('refuses a visit that ends before it starts or names an unknown organisation', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    expect(await code(kb.visits.save(undefined, { ...input, endDate: '2027-09-01' }))).toBe('invalidRequest');
    expect(await code(kb.visits.save(undefined, { ...input, hostOrganisationId: 'org-x' }))).toBe('invalidReference');
  });

  it('reads visits written before participants were structured: each name becomes a participant', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const { visit } = await kb.visits.save(undefined, input);
    // As an older store or bundle holds it: participants as plain names, no programme.
    const { programme: _programme, ...old } = { ...visit, participants: ['Anna Schmidt'] };
    const parsed = Visit.parse(JSON.parse(JSON.stringify(old)));
    expect(parsed.participants).toEqual([{ name: 'Anna Schmidt' }]);
    expect(parsed.programme).toEqual([]);
  });
});

describe('a store written before programmes and structured participants', () => {
  it('opens with its visits read as now: names as participants, an empty programme, nothing lost', async () => {
    const dir = await tempDir();
    const kb = await writableKnowledgeBase(dir);
    const { visit } = await kb.visits.save(undefined, input);
    // As an older version stored it: plain names, no programme, no contacts collection in use.
    const { programme: _programme, participants: _participants, ...rest } = visit;
    const old = { ...rest, participants: ['Anna Schmidt', 'Jan de Vries'] } as unknown as typeof visit;
    await kb.store.apply([{ op: 'put', collection: 'visits', record: old }]);
    await kb.close();

    const reopened = await openKnowledgeBase(dir, { systemLocales: ['de-DE'] });
    const read = reopened.visits.get(visit.id);
    expect(read.participants).toEqual([{ name: 'Anna Schmidt' }, { name: 'Jan de Vries' }]);
    expect(read.programme).toEqual([]);
    expect(reopened.visits.detail(visit.id)).toMatchObject({ contacts: {}, translation: { de: 'current' } });
    expect(reopened.visitReports.report(visit.id).groups).toEqual([]);
    // Exported as it reads now, so the partner's merge sees the same record.
    expect(new TextDecoder().decode(exportBytes(reopened))).toContain('{"name":"Anna Schmidt"}');
    await reopened.close();
  });
});

describe('a visit with a programme', () => {
  async function twoDayVisit() {
    const kb = await writableKnowledgeBase(await tempDir());
    const { practice } = await kb.practices.save(undefined, germanPractice(kb));
    const topicId = practice.topicIds[0]!;
    const visitInput: VisitInput = {
      ...input,
      topicIds: [topicId],
      participants: [
        { name: 'Jan de Vries', organisation: 'Gemeente Amstelveen', role: 'Verkeerskundige' },
        { name: 'Anna Schmidt', organisation: 'Bezirksamt Tempelhof-Schöneberg', role: 'Straßenbau' },
      ],
      notes: { de: 'Gegenbesuch im September.' },
      programme: [
        {
          id: 'day-1',
          date: '2027-09-13',
          items: [
            {
              id: 'item-1',
              from: '09:00',
              to: '10:30',
              title: { de: 'Begrüßung im Rathaus' },
              place: { de: 'Rathaus Schöneberg' },
              host: 'Bezirksbürgermeisterin',
              practiceIds: [],
              topicIds: [],
              note: {},
            },
            {
              id: 'item-2',
              from: '11:00',
              title: { de: 'Kreisverkehr besichtigen' },
              place: { de: 'Tempelhofer Damm' },
              practiceIds: [practice.id],
              topicIds: [topicId],
              note: { de: 'Feste Schuhe.' },
            },
          ],
        },
        { id: 'day-2', date: '2027-09-15', items: [] },
      ],
    };
    const { visit } = await kb.visits.save(undefined, visitInput);
    return { kb, practice, visit, visitInput };
  }

  it('is created with two days, its items linked to practices, and structured participants', async () => {
    const { kb, practice, visit } = await twoDayVisit();
    const detail = kb.visits.detail(visit.id);
    expect(detail.visit.programme.map((d) => d.date)).toEqual(['2027-09-13', '2027-09-15']);
    expect(detail.visit.programme[0]!.items.map((i) => i.title.de)).toEqual([
      'Begrüßung im Rathaus',
      'Kreisverkehr besichtigen',
    ]);
    expect(detail.visit.participants[0]).toEqual({
      id: expect.any(String),
      name: 'Jan de Vries',
      organisation: 'Gemeente Amstelveen',
      role: 'Verkeerskundige',
    });
    expect(detail.translation).toEqual({ de: 'current', nl: 'missing' });
    expect(kb.visits.forPractice(practice.id)).toEqual([{ visit: detail.visit, dates: ['2027-09-13'] }]);
  });

  it('is edited (items reordered), translated, and the translation marked outdated when the original changes', async () => {
    const { kb, visit, visitInput } = await twoDayVisit();
    const [first, second] = visitInput.programme![0]!.items;
    const reordered: VisitInput = {
      ...visitInput,
      programme: [{ ...visitInput.programme![0]!, items: [second!, first!] }, visitInput.programme![1]!],
    };
    const edited = await kb.visits.save(visit.id, reordered);
    expect(edited.visit.programme[0]!.items.map((i) => i.id)).toEqual(['item-2', 'item-1']);

    const dutch = (v: VisitInput): VisitInput => ({
      ...v,
      notes: { ...v.notes, nl: 'Tegenbezoek in september.' },
      programme: v.programme!.map((day) => ({
        ...day,
        items: day.items.map((item) => ({ ...item, title: { ...item.title, nl: `NL ${item.title.de}` } })),
      })),
    });
    const translated = await kb.visits.save(visit.id, dutch(reordered));
    expect(translated.translation).toEqual({ de: 'current', nl: 'current' });

    // The German original changes: the Dutch translation is outdated.
    const changed = dutch(reordered);
    changed.programme![0]!.items[0]!.title.de = 'Turbokreisel besichtigen';
    const afterChange = await kb.visits.save(visit.id, changed);
    expect(afterChange.translation).toEqual({ de: 'current', nl: 'outdated' });
    // Checked against the new original: current again, the text unchanged.
    const checked = await kb.visits.markTranslationChecked(visit.id, 'nl');
    expect(checked.translation.nl).toBe('current');
    expect(checked.visit.notes.nl).toBe('Tegenbezoek in september.');
  });

  it('keeps every saved version and restores one as a new save', async () => {
    const { kb, visit, visitInput } = await twoDayVisit();
    await kb.visits.save(visit.id, { ...visitInput, notes: { de: 'Geänderte Notiz.' }, programme: [] });
    const revisions = kb.visits.revisions(visit.id);
    expect(revisions).toHaveLength(1);
    expect(revisions[0]!.record.programme).toHaveLength(2);
    const restored = await kb.visits.restoreRevision(visit.id, revisions[0]!.id);
    expect(restored.visit.programme).toHaveLength(2);
    expect(restored.visit.notes.de).toBe('Gegenbesuch im September.');
    expect(restored.visit.updatedBy?.name).toBe('Erika Muster');
    // The restore itself can be undone: the version it replaced is in the history.
    expect(kb.visits.revisions(visit.id).map((r) => r.record.notes.de)).toContain('Geänderte Notiz.');
  });

  it('refuses an item that ends before it starts, a link to a missing practice, or an id used twice', async () => {
    const { kb, visitInput } = await twoDayVisit();
    const day = visitInput.programme![0]!;
    const item = day.items[0]!;
    const withItem = (changed: typeof item, other = day.items.slice(1)) => ({
      ...visitInput,
      programme: [{ ...day, items: [changed, ...other] }],
    });
    expect(await code(kb.visits.save(undefined, withItem({ ...item, from: '12:00', to: '11:00' })))).toBe(
      'invalidRequest',
    );
    expect(await code(kb.visits.save(undefined, withItem({ ...item, practiceIds: ['practice-missing'] })))).toBe(
      'invalidReference',
    );
    expect(await code(kb.visits.save(undefined, withItem(item, [item])))).toBe('invalidRequest');
  });

  it('reports the annotations linked to it, grouped by topic and practice, lessons first', async () => {
    const { kb, practice, visit } = await twoDayVisit();
    const other = await kb.practices.save(
      undefined,
      germanPractice(kb, {
        topicIds: [kb.store.all('topics')[1]!.id],
        texts: { de: { title: 'Büro', summary: '', body: '' } },
      }),
    );
    const write = (practiceId: string, kind: 'lesson' | 'question' | 'comment', text: string, visitId?: string) =>
      kb.annotations.save(undefined, { practiceId, kind, text, language: 'de', ...(visitId ? { visitId } : {}) });
    await write(practice.id, 'question', 'Wie breit ist die Fahrbahn?', visit.id);
    await write(practice.id, 'lesson', 'Turbokreisel senken Unfälle.', visit.id);
    await write(other.practice.id, 'comment', 'Schöne Büros.', visit.id);
    await write(practice.id, 'lesson', 'Nicht zum Besuch.');
    const report = kb.visitReports.report(visit.id);
    expect(report.groups.map((g) => g.topicId)).toEqual([practice.topicIds[0], other.practice.topicIds[0]]);
    expect(report.groups[0]!.practices[0]!.annotations.map((a) => a.text)).toEqual([
      'Turbokreisel senken Unfälle.',
      'Wie breit ist die Fahrbahn?',
    ]);
    expect(report.groups[1]!.practices[0]!.titles.de).toBe('Büro');
    expect(report.practiceTitles[practice.id]?.de).toBe('Sichere Kreisverkehre');
    expect(report.visit.participants).toHaveLength(2);
  });

  it('keeps programme and participants across a restart', async () => {
    const dir = await tempDir();
    const kb = await writableKnowledgeBase(dir);
    const { visit } = await kb.visits.save(undefined, {
      ...input,
      programme: [
        {
          id: 'd',
          items: [{ id: 'i', title: { nl: 'Rondleiding' }, place: {}, practiceIds: [], topicIds: [], note: {} }],
        },
      ],
    });
    await kb.close();
    const reopened = await openKnowledgeBase(dir, { systemLocales: ['de-DE'] });
    expect(reopened.visits.get(visit.id).programme[0]!.items[0]!.title.nl).toBe('Rondleiding');
    await reopened.close();
  });
});

describe('the contacts of participants', () => {
  const withContacts = (): VisitInput => ({
    ...input,
    participants: [
      { name: 'Jan de Vries', email: 'j.devries@amstelveen.example', phone: '+31 20 123 45 67' },
      { name: 'Anna Schmidt' },
    ],
  });

  it('are kept apart from the visit, by participant, and deleted for good when removed', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const saved = await kb.visits.save(undefined, withContacts());
    const [jan, anna] = saved.visit.participants;
    expect(JSON.stringify(saved.visit)).not.toContain('amstelveen.example');
    expect(saved.contacts).toEqual({
      [jan!.id!]: { email: 'j.devries@amstelveen.example', phone: '+31 20 123 45 67' },
    });
    expect(kb.store.get('contacts', jan!.id!)).toMatchObject({ visitId: saved.visit.id });

    // Saved again as loaded (ids kept): the contact is not written again.
    const contactBefore = kb.store.get('contacts', jan!.id!);
    const again = await kb.visits.save(saved.visit.id, {
      ...withContacts(),
      participants: [
        { id: jan!.id!, name: 'Jan de Vries', email: 'j.devries@amstelveen.example', phone: '+31 20 123 45 67' },
        { id: anna!.id!, name: 'Anna Schmidt' },
      ],
    });
    expect(again.visit.participants.map((p) => p.id)).toEqual([jan!.id, anna!.id]);
    expect(kb.store.get('contacts', jan!.id!)).toEqual(contactBefore);

    await kb.visits.save(saved.visit.id, {
      ...withContacts(),
      participants: [{ id: anna!.id!, name: 'Anna Schmidt' }],
    });
    expect(kb.store.get('contacts', jan!.id!)).toBeUndefined();
    expect(kb.visits.detail(saved.visit.id).contacts).toEqual({});
  });

  it('refuses an e-mail address or phone number that is none', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const bad = (participant: VisitInput['participants'][number]) =>
      contract.saveVisit.request.safeParse({ visit: { ...input, participants: [participant] } }).success;
    expect(bad({ name: 'Jan', email: 'j.devries' })).toBe(false);
    expect(bad({ name: 'Jan', phone: 'call me' })).toBe(false);
    expect(bad({ name: 'Jan', email: 'j@x.example', phone: '+31 (0)20 1234' })).toBe(true);
    expect(kb.store.all('contacts')).toEqual([]);
  });

  it('travel to the partner only when the exporting user ticks it, and a bundle without them loses none here', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    const { visit } = await kb.visits.save(undefined, withContacts());
    const plain = new TextDecoder().decode(exportBytes(kb));
    expect(plain).not.toContain('amstelveen.example');
    expect(plain).not.toContain('123 45 67');
    expect(JSON.parse(plain).content).not.toHaveProperty('contacts');
    const withThem = exportBytes(kb, { includeContacts: true });
    expect(new TextDecoder().decode(withThem)).toContain('j.devries@amstelveen.example');

    // The partner imports with contacts, then sends back a bundle without them: nothing is lost either side.
    const partner = await writableKnowledgeBase(await tempDir(), { name: 'Jan de Vries', organisationId: AV });
    await partner.exchange.confirm(partner.exchange.preview(withThem, 'ts.twinning-kb.json').previewId);
    expect(partner.visits.detail(visit.id).contacts).toEqual(kb.visits.detail(visit.id).contacts);
    const back = exportBytes(partner);
    const preview = kb.exchange.preview(back, 'av.twinning-kb.json');
    await kb.exchange.confirm(preview.previewId);
    expect(Object.values(kb.visits.detail(visit.id).contacts)).toEqual([
      { email: 'j.devries@amstelveen.example', phone: '+31 20 123 45 67' },
    ]);
    expect(kb.store.all('conflicts')).toEqual([]);
  });
});
