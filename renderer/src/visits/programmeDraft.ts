/**
 * A visit's programme while it is edited: days and items as the form holds
 * them (texts in both languages, times as typed), turned into what the
 * knowledge base takes, and moved up or down.
 */
import { LANGUAGES, type Lang, type ProgrammeDay, type ProgrammeItem } from '../../../shared/model';
import { parseTimeInput } from '../lib/calendarDate';

export type Texts = Record<Lang, string>;
const noTexts = (): Texts => ({ de: '', nl: '' });
const textsOf = (texts: Partial<Record<Lang, string>>): Texts => ({ de: texts.de ?? '', nl: texts.nl ?? '' });

export interface ItemDraft {
  id: string;
  from: string;
  to: string;
  title: Texts;
  place: Texts;
  host: string;
  practiceIds: string[];
  topicIds: string[];
  note: Texts;
}

export interface DayDraft {
  id: string;
  /** YYYY-MM-DD, '' for none, null while what is typed is no date. */
  date: string | null;
  items: ItemDraft[];
}

export const newItem = (): ItemDraft => ({
  id: crypto.randomUUID(),
  from: '',
  to: '',
  title: noTexts(),
  place: noTexts(),
  host: '',
  practiceIds: [],
  topicIds: [],
  note: noTexts(),
});

export const newDay = (): DayDraft => ({ id: crypto.randomUUID(), date: '', items: [newItem()] });

export function programmeDraft(programme: ProgrammeDay[]): DayDraft[] {
  return programme.map((day) => ({
    id: day.id,
    date: day.date ?? '',
    items: day.items.map((item) => ({
      id: item.id,
      from: item.from ?? '',
      to: item.to ?? '',
      title: textsOf(item.title),
      place: textsOf(item.place),
      host: item.host ?? '',
      practiceIds: item.practiceIds,
      topicIds: item.topicIds,
      note: textsOf(item.note),
    })),
  }));
}

/** Where the programme is not yet what the knowledge base accepts. */
export type ProgrammeProblem =
  | { kind: 'date'; day: number }
  | { kind: 'time'; day: number; item: number }
  | { kind: 'order'; day: number; item: number }
  | { kind: 'title'; day: number; item: number };

const given = (texts: Texts): Partial<Record<Lang, string>> =>
  Object.fromEntries(LANGUAGES.filter((l) => texts[l].trim()).map((l) => [l, texts[l].trim()]));

/** The programme as the knowledge base takes it, or the first problem (days and items counted from 1). */
export function programmeInput(days: DayDraft[]): ProgrammeDay[] | ProgrammeProblem {
  const result: ProgrammeDay[] = [];
  for (const [d, day] of days.entries()) {
    if (day.date === null) return { kind: 'date', day: d + 1 };
    const items: ProgrammeItem[] = [];
    for (const [i, item] of day.items.entries()) {
      const at = { day: d + 1, item: i + 1 };
      const from = parseTimeInput(item.from);
      const to = parseTimeInput(item.to);
      if (from === null || to === null) return { kind: 'time', ...at };
      if (from && to && to < from) return { kind: 'order', ...at };
      const title = given(item.title);
      if (!title.de && !title.nl) return { kind: 'title', ...at };
      items.push({
        id: item.id,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        title,
        place: given(item.place),
        ...(item.host.trim() ? { host: item.host.trim() } : {}),
        practiceIds: item.practiceIds,
        topicIds: item.topicIds,
        note: given(item.note),
      });
    }
    result.push({ id: day.id, ...(day.date ? { date: day.date } : {}), items });
  }
  return result;
}

/** `list` with the entry at `index` moved by `by` places (clamped to the list). */
export function moved<T>(list: readonly T[], index: number, by: number): T[] {
  const to = Math.max(0, Math.min(list.length - 1, index + by));
  if (to === index) return [...list];
  const copy = [...list];
  const [entry] = copy.splice(index, 1);
  copy.splice(to, 0, entry!);
  return copy;
}
