import { describe, expect, it } from 'vitest';
import { MemoryState } from '../../../core/storage/memory';

const fields = {
  schemaVersion: 1,
  installationId: '00000000-0000-4000-8000-000000000000',
  settings: { language: 'de' },
};
const record = (id: string, tag = '') => ({ id, tag });

describe('the in-memory state', () => {
  it('adds, replaces and deletes records, ignoring a delete of a missing id', () => {
    const first = record('a');
    const second = record('b');
    const state = new MemoryState(fields, ['practices', 'topics'], {
      practices: [first, second, record('c')],
      topics: [record('t')],
    });
    const topics = state.all('topics');
    state.apply([
      { op: 'put', collection: 'practices', record: record('new') },
      { op: 'put', collection: 'practices', record: record('a', 'x') },
      { op: 'delete', collection: 'practices', id: 'b' },
      { op: 'delete', collection: 'practices', id: 'no-such-id' },
    ]);
    expect(state.all('practices').map((p) => p.id)).toEqual(['a', 'c', 'new']);
    expect(state.get('practices', 'a')).toEqual(record('a', 'x'));
    expect(state.get('practices', 'b')).toBeUndefined();
    expect(first).toEqual(record('a')); // records are replaced, never mutated
    expect(state.all('topics')).toBe(topics); // an untouched collection's list is kept, not rebuilt
  });

  it('merges settings changes key by key', () => {
    const state = new MemoryState({ ...fields, settings: { language: 'de', user: null } }, [], {});
    state.apply([{ op: 'settings', settings: { language: 'nl' } }]);
    expect(state.settings).toEqual({ language: 'nl', user: null });
  });
});
