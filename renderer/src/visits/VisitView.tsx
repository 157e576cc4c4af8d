/**
 * A visit's page: its facts, translation states, participants, programme,
 * notes and sources, and the annotations written about it, with the ways to
 * edit it, see its report or its versions, or move it to the trash.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Lang } from '../../../shared/model';
import { useNavigation } from '../app/navigation';
import { useOverview } from '../app/overview';
import { AnnotationItem } from '../components/AnnotationItem';
import { ErrorMessage } from '../components/ErrorMessage';
import { ExternalLink } from '../components/ExternalLink';
import { FallbackBadge } from '../components/FallbackBadge';
import { useFeedback } from '../components/Feedback';
import { Loading } from '../components/Loading';
import { TranslationBadge } from '../components/TranslationBadge';
import { ViewHeading } from '../components/ViewHeading';
import { ConflictNotice } from '../exchange/ConflictNotice';
import { useAction } from '../hooks/useAction';
import { useKbQuery } from '../hooks/useKbQuery';
import { useLang } from '../hooks/useLang';
import { call } from '../lib/kb';
import { pickText } from '../lib/texts';
import { formatCalendarDate, visitLabel } from '../lib/visitLabel';
import { AttachmentsSection } from '../attachments/AttachmentsSection';
import { ParticipantList, ProgrammeView } from './ProgrammeView';
import { VisitHistory } from './VisitHistory';

export function VisitView({ id }: { id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { overview } = useOverview();
  const { navigate } = useNavigation();
  const { confirm, toast } = useFeedback();
  const visit = useKbQuery('getVisit', { id });
  const visits = useKbQuery('listVisits');
  const annotations = useKbQuery('listAnnotations', { visitId: id, limit: 500 });
  const report = useKbQuery('getVisitReport', { id });
  const action = useAction();
  const [showHistory, setShowHistory] = useState(false);

  if (visit.error) return <ErrorMessage error={visit.error} />;
  if (!visit.data) return <Loading />;
  const { visit: v, translation } = visit.data;
  const label = visitLabel(v, lang, overview.organisations, t);
  const notes = pickText(v.notes, lang);
  const topics = overview.topics.filter((topic) => v.topicIds.includes(topic.id));

  async function markChecked(l: Lang) {
    if (await action.run(() => call('markVisitTranslationChecked', { id, language: l }))) visit.reload();
  }

  async function remove() {
    const ok = await confirm({
      title: t('visit.deleteTitle'),
      message: t('visit.deleteMessage', { label }),
      confirmLabel: t('action.moveToTrash'),
      danger: true,
    });
    if (!ok || (await action.run(() => call('deleteVisit', { id }))) === undefined) return;
    toast({
      message: t('visit.deleted'),
      action: {
        label: t('action.undo'),
        run: () => void call('restoreVisit', { id }).then(() => navigate({ view: 'visit', id })),
      },
    });
    navigate({ view: 'visits' }, { replace: true });
  }

  return (
    <article aria-labelledby="view-heading">
      <button type="button" className="back" onClick={() => navigate({ view: 'visits' })}>
        {t('visit.backToList')}
      </button>
      <ViewHeading>{label}</ViewHeading>
      <div className="toolbar">
        <button type="button" onClick={() => navigate({ view: 'visitEdit', id })}>
          {t('action.edit')}
        </button>
        <button type="button" onClick={() => navigate({ view: 'visitReport', id })}>
          {t('visits:report.open')}
        </button>
        <button type="button" onClick={() => setShowHistory(true)}>
          {t('history.open')}
        </button>
        <button type="button" className="danger" onClick={() => void remove()}>
          {t('action.delete')}
        </button>
      </div>
      {action.error && <ErrorMessage error={action.error} />}
      <ConflictNotice count={visit.data.conflictCount} />
      {showHistory && (
        <VisitHistory
          current={v}
          title={label}
          onClose={() => setShowHistory(false)}
          onRestored={() => {
            setShowHistory(false);
            visit.reload();
            report.reload();
          }}
        />
      )}
      <ul className="translation-states" aria-label={t('translation.heading')}>
        {LANGUAGES.map((l) => (
          <li key={l}>
            <TranslationBadge status={translation[l]} lang={l} original={false} />
            {translation[l] === 'outdated' && (
              <button type="button" onClick={() => void markChecked(l)}>
                {t('translation.markChecked', { language: t(`content.languageName.${l}`) })}
              </button>
            )}
            {translation[l] === 'missing' && (
              <button type="button" onClick={() => navigate({ view: 'visitEdit', id })}>
                {t('translation.translate', { language: t(`content.languageName.${l}`) })}
              </button>
            )}
          </li>
        ))}
      </ul>
      <dl className="facts">
        <dt>{t('visit.statusLabel')}</dt>
        <dd>{t(`visit.status.${v.status}`)}</dd>
        {v.startDate && (
          <>
            <dt>{t('visit.dates')}</dt>
            <dd>
              {formatCalendarDate(v.startDate, lang)}
              {v.endDate && v.endDate !== v.startDate && ` – ${formatCalendarDate(v.endDate, lang)}`}
            </dd>
          </>
        )}
        {topics.length > 0 && (
          <>
            <dt>{t('practice.topics')}</dt>
            <dd>{topics.map((topic) => topic.name[lang]).join(', ')}</dd>
          </>
        )}
      </dl>
      <section aria-labelledby="participants-heading">
        <h2 id="participants-heading">{t('visits:participants.heading')}</h2>
        <ParticipantList participants={v.participants} contacts={visit.data.contacts} />
      </section>
      <section aria-labelledby="programme-heading">
        <h2 id="programme-heading">{t('visits:programme.heading')}</h2>
        <ProgrammeView
          programme={v.programme}
          mode={lang}
          practiceTitles={report.data?.practiceTitles ?? {}}
          renderPractice={(practiceId, titles) => {
            const title = pickText(titles, lang);
            return (
              <button
                type="button"
                className="link-button"
                lang={title?.lang}
                onClick={() => navigate({ view: 'practice', id: practiceId })}
              >
                {title?.value ?? t('visits:programme.missingPractice')}
              </button>
            );
          }}
        />
      </section>
      {notes && (
        <section aria-labelledby="notes-heading">
          <h2 id="notes-heading">{t('visit.notes')}</h2>
          {notes.fallback && <FallbackBadge lang={notes.lang} />}
          <p className="notes" lang={notes.lang}>
            {notes.value}
          </p>
        </section>
      )}
      {v.sources.length > 0 && (
        <section aria-labelledby="visit-sources">
          <h2 id="visit-sources">{t('practice.sources')}</h2>
          <ul>
            {v.sources.map((s) => (
              <li key={s.url}>
                <ExternalLink href={s.url}>{s.title}</ExternalLink>
              </li>
            ))}
          </ul>
        </section>
      )}
      <AttachmentsSection owner={{ kind: 'visits', id: v.id }} title={label} />
      <section aria-labelledby="visit-annotations">
        <h2 id="visit-annotations">{t('annotation.heading', { count: annotations.data?.total ?? 0 })}</h2>
        {annotations.data?.items.length === 0 && <p>{t('visit.noAnnotations')}</p>}
        <ul className="annotation-list">
          {annotations.data?.items.map((a) => (
            <AnnotationItem key={a.id} annotation={a} visits={visits.data ?? []} showPractice />
          ))}
        </ul>
      </section>
    </article>
  );
}
