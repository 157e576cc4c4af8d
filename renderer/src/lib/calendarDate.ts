/**
 * Dates as the user's language writes them, whatever the browser's or the
 * operating system's locale: TT.MM.JJJJ in German, dd-mm-jjjj in Dutch (a
 * month alone: MM.JJJJ, mm-jjjj). The knowledge base stores YYYY-MM-DD (or
 * YYYY-MM); these turn one into the other, and refuse what is no date.
 */
import type { Lang } from '../../../shared/model';

const SEPARATOR: Record<Lang, string> = { de: '.', nl: '-' };

/** "2027-09-15" → "15.09.2027" (de) or "15-09-2027" (nl); "2027-09" → "09.2027" / "09-2027". */
export function formatDateInput(iso: string, lang: Lang): string {
  const [year, month, day] = iso.split('-');
  if (!year || !month) return iso;
  return [day, month, year].filter(Boolean).join(SEPARATOR[lang]);
}

/**
 * What the user typed → YYYY-MM-DD (or YYYY-MM when `allowMonth`), '' for
 * nothing, null for what is no valid date. Accepts the language's separator,
 * and also ".", "-" or "/" (always day first), one-digit days and months.
 */
export function parseDateInput(text: string, options: { allowMonth?: boolean } = {}): string | null {
  const value = text.trim();
  if (value === '') return '';
  const parts = value.split(/[.\-/]/);
  if (parts.some((p) => !/^\d+$/.test(p))) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (parts.length === 2 && options.allowMonth) {
    const [month, year] = parts.map(Number) as [number, number];
    if (parts[1]!.length !== 4 || month < 1 || month > 12) return null;
    return `${year}-${pad(month)}`;
  }
  if (parts.length !== 3 || parts[2]!.length !== 4) return null;
  const [day, month, year] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** "9:5" or "0905" → "09:05"; '' for nothing, null for no time of day. */
export function parseTimeInput(text: string): string | null {
  const value = text.trim();
  if (value === '') return '';
  const match = /^(\d{1,2})[:.]?(\d{2})$/.exec(value);
  if (!match) return null;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}
