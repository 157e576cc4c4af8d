import { describe, expect, it } from 'vitest';
import {
  moved,
  newItem,
  programmeDraft,
  programmeInput,
  type DayDraft,
} from '../../renderer/src/visits/programmeDraft';

const day = (items: DayDraft['items'], date: string | null = '2027-09-15'): DayDraft => ({ id: 'day-1', date, items });
const item = (change: Partial<ReturnType<typeof newItem>> = {}) => ({
  ...newItem(),
  id: 'item-1',
  title: { de: 'Begrüßung', nl: '' },
  ...change,
});

describe('the programme as the editor holds it', () => {
  it('becomes what the knowledge base takes: times on the 24-hour clock, empty texts left out', () => {
    expect(programmeInput([day([item({ from: '9:00', to: '1030', place: { de: ' Rathaus ', nl: '' } })])])).toEqual([
      {
        id: 'day-1',
        date: '2027-09-15',
        items: [
          {
            id: 'item-1',
            from: '09:00',
            to: '10:30',
            title: { de: 'Begrüßung' },
            place: { de: 'Rathaus' },
            practiceIds: [],
            topicIds: [],
            note: {},
          },
        ],
      },
    ]);
  });

  it('names the first problem by day and item: no date, a time that is none, an end before the start, no title', () => {
    expect(programmeInput([day([], null)])).toEqual({ kind: 'date', day: 1 });
    expect(programmeInput([day([item({ from: '25:00' })])])).toEqual({ kind: 'time', day: 1, item: 1 });
    expect(programmeInput([day([item({ from: '11:00', to: '10:00' })])])).toEqual({ kind: 'order', day: 1, item: 1 });
    expect(programmeInput([day([item(), item({ id: 'item-2', title: { de: ' ', nl: '' } })])])).toEqual({
      kind: 'title',
      day: 1,
      item: 2,
    });
  });

  it('round-trips a saved programme', () => {
    const saved = [
      {
        id: 'd',
        date: '2027-09-15',
        items: [
          { id: 'i', from: '09:00', title: { nl: 'Ontvangst' }, place: {}, practiceIds: ['p'], topicIds: [], note: {} },
        ],
      },
    ];
    expect(programmeInput(programmeDraft(saved))).toEqual(saved);
  });

  it('moves an entry up or down, and not past either end', () => {
    expect(moved(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});
