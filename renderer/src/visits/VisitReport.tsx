/**
 * The report of a visit: what came of it, on one page that prints. The
 * visit's facts, participants and programme, then the lessons learned,
 * questions and comments linked to it, grouped by topic and practice; in
 * German, in Dutch, or both side by side (each text marked with its
 * language, translations and missing translations marked as such).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PrintedAnnotation } from '../annotations/PrintedAnnotation';
import type { Lang } from '../../../shared/model';
import type { VisitReport as Report } from '../../../shared/responses';
import { useNavigation } from '../app/navigation';
import { useOverview } from '../app/overview';
import { ErrorMessage } from '../components/ErrorMessage';
import { FallbackBadge } from '../components/FallbackBadge';
import { Loading } from '../components/Loading';
import { pdfFileName, PrintToolbar } from '../components/PrintToolbar';
import { ViewHeading } from '../components/ViewHeading';
import { useKbQuery } from '../hooks/useKbQuery';
import { useLang } from '../hooks/useLang';
import { modeLanguages, pickText, type ReadingMode } from '../lib/texts';
import { formatCalendarDate, visitLabel } from '../lib/visitLabel';
import { ParticipantList, ProgrammeView } from './ProgrammeView';

export function VisitReport({ id }: { id: string }) {
  const { t } = useTranslation('visits');
  const { t: tApp } = useTranslation();
  const lang = useLang();
  const { overview } = useOverview();
  const { navigate } = useNavigation();
  const [mode, setMode] = useState<ReadingMode>(lang);
  const report = useKbQuery('getVisitReport', { id });

  if (report.error) return <ErrorMessage error={report.error} />;
  if (!report.data) return <Loading />;
  const { visit } = report.data;
  const label = visitLabel(visit, lang, overview.organisations, tApp);
  return (
    <article aria-labelledby="view-heading" className="print-view visit-report">
      <button type="button" className="back" onClick={() => navigate({ view: 'visit', id })}>
        {t('report.back')}
      </button>
      <ViewHeading>{t('report.heading', { visit: label })}</ViewHeading>
      <PrintToolbar mode={mode} onMode={setMode} fileName={pdfFileName(t('report.fileName', { visit: label }))} />
      <dl className="facts">
        <dt>{t('app:visit.statusLabel')}</dt>
        <dd>{t(`app:visit.status.${visit.status}`)}</dd>
        {visit.startDate && (
          <>
            <dt>{t('app:visit.dates')}</dt>
            <dd>
              {formatCalendarDate(visit.startDate, lang)}
              {visit.endDate && visit.endDate !== visit.startDate && ` – ${formatCalendarDate(visit.endDate, lang)}`}
            </dd>
          </>
        )}
      </dl>
      <section aria-labelledby="report-participants">
        <h2 id="report-participants">{t('participants.heading')}</h2>
        <ParticipantList participants={visit.participants} />
      </section>
      <section aria-labelledby="report-programme">
        <h2 id="report-programme">{t('programme.heading')}</h2>
        <ProgrammeView programme={visit.programme} mode={mode} practiceTitles={report.data.practiceTitles} />
      </section>
      <Notes notes={visit.notes} mode={mode} />
      <Results report={report.data} mode={mode} />
      <footer className="print-origin">
        <p>
          {t('print.madeOn', {
            date: new Date(),
            user: overview.settings.user?.name ?? '—',
          })}
        </p>
      </footer>
    </article>
  );
}

function Notes({ notes, mode }: { notes: Partial<Record<Lang, string>>; mode: ReadingMode }) {
  const { t } = useTranslation('visits');
  if (!notes.de && !notes.nl) return null;
  return (
    <section aria-labelledby="report-notes">
      <h2 id="report-notes">{t('app:visit.notes')}</h2>
      <div className={mode === 'both' ? 'side-by-side' : undefined}>
        {modeLanguages(mode).map((l) => {
          const picked = pickText(notes, l);
          return (
            picked && (
              <div key={l}>
                {picked.fallback && <FallbackBadge lang={picked.lang} />}
                <p className="notes" lang={picked.lang}>
                  {picked.value}
                </p>
              </div>
            )
          );
        })}
      </div>
    </section>
  );
}

/** The annotations linked to the visit, by topic, then practice, lessons learned first. */
function Results({ report, mode }: { report: Report; mode: ReadingMode }) {
  const { t } = useTranslation('visits');
  const lang = useLang();
  const { overview } = useOverview();
  const count = report.groups.reduce((n, g) => n + g.practices.reduce((m, p) => m + p.annotations.length, 0), 0);
  return (
    <section aria-labelledby="report-results" className="report-results">
      <h2 id="report-results">{t('report.results', { count })}</h2>
      {count === 0 && <p>{t('report.noResults')}</p>}
      {report.groups.map((group) => {
        const topic = overview.topics.find((x) => x.id === group.topicId);
        return (
          <section key={group.topicId ?? 'none'} aria-labelledby={`topic-${group.topicId ?? 'none'}`}>
            <h3 id={`topic-${group.topicId ?? 'none'}`}>{topic ? topic.name[lang] : t('report.noTopic')}</h3>
            {group.practices.map((practice) => {
              const title = pickText(practice.titles, lang);
              return (
                <section key={practice.practiceId} className="report-practice">
                  <h4 lang={title?.lang}>{title?.value ?? practice.practiceId}</h4>
                  <ul className="annotation-list">
                    {practice.annotations.map((a) => (
                      <PrintedAnnotation key={a.id} annotation={a} mode={mode} />
                    ))}
                  </ul>
                </section>
              );
            })}
          </section>
        );
      })}
    </section>
  );
}
