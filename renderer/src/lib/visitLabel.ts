/**
 * How a visit is named and dated wherever it appears (its page, lists,
 * annotations, search results, conflicts): who went where, and when.
 */
import type { Lang, Visit } from '../../../shared/model';

/** "Besuch von Amstelveen in Tempelhof-Schöneberg (September 2027)": a visit named by who went where. */
export function visitLabel(
  visit: Visit,
  lang: Lang,
  organisations: { id: string; name: Record<Lang, string> }[],
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  const name = (id: string) => placeName(organisations.find((o) => o.id === id)?.name[lang] ?? id);
  const label = t('visit.label', { guest: name(visit.guestOrganisationId), host: name(visit.hostOrganisationId) });
  return visit.startDate ? `${label} (${formatCalendarDate(visit.startDate, lang)})` : label;
}

/**
 * Where an administration is, as a visit names it: "Gemeinde Amstelveen" is
 * Amstelveen, "Tempelhof-Schöneberg (Berlijn)" is Tempelhof-Schöneberg. So the
 * label needs no articles ("Besuch aus Amstelveen in Tempelhof-Schöneberg",
 * not "Besuch von Gemeinde Amstelveen bei Bezirksamt …") and no brackets in brackets.
 */
export function placeName(organisationName: string): string {
  return organisationName
    .replace(/^(Bezirksamt|Gemeinde|Stadt|Gemeente|Districtsbestuur|Stad)\s+/u, '')
    .replace(/\s*\([^()]*\)$/u, '');
}

/** A YYYY-MM-DD or YYYY-MM date in the interface language, with the day of the week when asked. */
export function formatCalendarDate(date: string, lang: Lang, withWeekday = false): string {
  const [year, month, day] = date.split('-').map(Number);
  const value = new Date(Date.UTC(year!, (month ?? 1) - 1, day ?? 1));
  const options: Intl.DateTimeFormatOptions = day
    ? withWeekday
      ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }
      : { dateStyle: 'long', timeZone: 'UTC' }
    : { month: 'long', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(lang, options).format(value);
}
