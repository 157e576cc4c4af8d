/**
 * A visit's page: its facts, notes and sources, and the annotations written
 * about it, with the ways to edit it or move it to the trash.
 */
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../app/navigation';
import { useOverview } from '../app/overview';
import { AnnotationItem } from '../components/AnnotationItem';
import { ErrorMessage } from '../components/ErrorMessage';
import { ExternalLink } from '../components/ExternalLink';
import { FallbackBadge } from '../components/FallbackBadge';
import { useFeedback } from '../components/Feedback';
import { Loading } from '../components/Loading';
import { ViewHeading } from '../components/ViewHeading';
import { useAction } from '../hooks/useAction';
import { useKbQuery } from '../hooks/useKbQuery';
import { useLang } from '../hooks/useLang';
import { call } from '../lib/kb';
import { pickText } from '../lib/texts';
import { formatCalendarDate, visitLabel } from '../lib/visitLabel';
import { AttachmentsSection } from '../attachments/AttachmentsSection';

export function VisitView({ id }: { id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { overview } = useOverview();
  const { navigate } = useNavigation();
  const { confirm, toast } = useFeedback();
  const visit = useKbQuery('getVisit', { id });
  const visits = useKbQuery('listVisits');
  const annotations = useKbQuery('listAnnotations', { visitId: id, limit: 500 });
  const action = useAction();

  if (visit.error) return <ErrorMessage error={visit.error} />;
  if (!visit.data) return <Loading />;
  const v = visit.data;
  const label = visitLabel(v, lang, overview.organisations, t);
  const notes = pickText(v.notes, lang);
  const topics = overview.topics.filter((topic) => v.topicIds.includes(topic.id));

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
        <button type="button" className="danger" onClick={() => void remove()}>
          {t('action.delete')}
        </button>
      </div>
      {action.error && <ErrorMessage error={action.error} />}
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
        {v.participants.length > 0 && (
          <>
            <dt>{t('visit.participants')}</dt>
            <dd>{v.participants.join(', ')}</dd>
          </>
        )}
        {topics.length > 0 && (
          <>
            <dt>{t('practice.topics')}</dt>
            <dd>{topics.map((topic) => topic.name[lang]).join(', ')}</dd>
          </>
        )}
      </dl>
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
