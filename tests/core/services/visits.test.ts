import { describe, expect, it } from 'vitest';
import type { KbError } from '../../../core/base/errors';
import { AV, TS, writableKnowledgeBase } from '../../helpers/knowledge-base';
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
  participants: ['Team Straßenbau', ' '],
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
    const visit = await kb.visits.save(undefined, input);
    expect(visit.participants).toEqual(['Team Straßenbau']);
    const held = await kb.visits.save(visit.id, { ...input, status: 'held' });
    expect(held).toMatchObject({ id: visit.id, status: 'held', createdAt: visit.createdAt });
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
});
