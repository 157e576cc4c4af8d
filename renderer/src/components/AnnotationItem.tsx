import { useTranslation } from 'react-i18next';
import type { AnnotationView } from '../../../shared/contract';
import type { Lang, Visit } from '../../../shared/model';
import { pickText } from '../lib/texts';
import { useNavigation } from '../navigation';
import { useOverview } from '../overview';

/** One annotation: kind, text in its own language, who, when, and its visit and practice as links. */
export function AnnotationItem({
  annotation,
  visits,
  showPractice = false,
  actions,
}: {
  annotation: AnnotationView;
  visits: Visit[];
  showPractice?: boolean;
  actions?: React.ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { overview } = useOverview();
  const { navigate } = useNavigation();
  const org = overview.organisations.find((o) => o.id === annotation.organisationId);
  const visit = visits.find((v) => v.id === annotation.visitId);
  const practiceTitle = pickText(annotation.practiceTitles, lang);
  return (
    <li className={`annotation annotation-${annotation.kind}`}>
      <p className="meta">
        <span className="badge">{t(`annotation.kind.${annotation.kind}`)}</span>
        {annotation.author}
        {org && ` (${org.name[lang]})`} · <time dateTime={annotation.createdAt}>{t('content.date', { date: new Date(annotation.createdAt) })}</time>
        {annotation.importedAt && (
          <>
            {' · '}
            <span className="imported">{t('exchange:origin.annotation', { date: new Date(annotation.importedAt) })}</span>
          </>
        )}
        {visit && (
          <>
            {' · '}
            <button type="button" className="link-button" onClick={() => navigate({ view: 'visit', id: visit.id })}>
              {visitLabel(visit, lang, overview.organisations, t)}
            </button>
          </>
        )}
      </p>
      {showPractice && practiceTitle && (
        <p>
          <button type="button" className="link-button" lang={practiceTitle.lang} onClick={() => navigate({ view: 'practice', id: annotation.practiceId })}>
            {practiceTitle.value}
          </button>
        </p>
      )}
      <p className="annotation-text" lang={annotation.language}>
        {annotation.text}
      </p>
      {actions}
    </li>
  );
}

/** "Besuch von Amstelveen in Tempelhof-Schöneberg (September 2027)": a visit named by who went where. */
export function visitLabel(
  visit: Visit,
  lang: Lang,
  organisations: { id: string; name: Record<Lang, string> }[],
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  const name = (id: string) => organisations.find((o) => o.id === id)?.name[lang] ?? id;
  const label = t('visit.label', { guest: name(visit.guestOrganisationId), host: name(visit.hostOrganisationId) });
  return visit.startDate ? `${label} (${formatCalendarDate(visit.startDate, lang)})` : label;
}

/** A YYYY-MM-DD or YYYY-MM date in the interface language. */
export function formatCalendarDate(date: string, lang: Lang): string {
  const [year, month, day] = date.split('-').map(Number);
  const value = new Date(Date.UTC(year!, (month ?? 1) - 1, day ?? 1));
  const options: Intl.DateTimeFormatOptions = day ? { dateStyle: 'long', timeZone: 'UTC' } : { month: 'long', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(lang, options).format(value);
}
