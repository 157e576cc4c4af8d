/**
 * Lessons learned across all practices: every annotation, newest change
 * first or by practice or organisation, filtered by visit, topic,
 * organisation and kind. The filter lives in the
 * route, so going back returns to the same selection.
 */
import { useTranslation } from 'react-i18next';
import { AnnotationKind } from '../../../shared/model';
import { useNavigation, type LessonFilter } from '../app/navigation';
import { useOverview } from '../app/overview';
import { AnnotationItem } from '../components/AnnotationItem';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { OrganisationSelect, TopicSelect } from '../components/OverviewSelect';
import { ViewHeading } from '../components/ViewHeading';
import { useKbQuery } from '../hooks/useKbQuery';
import { useLang } from '../hooks/useLang';
import { visitLabel } from '../lib/visitLabel';
import { SortChoice } from '../practices/SortChoice';
import { useListSort } from '../practices/useListSort';

export function Lessons({ filter }: { filter: LessonFilter }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { overview } = useOverview();
  const { navigate } = useNavigation();
  const visits = useKbQuery('listVisits');
  const [sort, setSort] = useListSort('lessons');
  const annotations = useKbQuery('listAnnotations', { ...filter, sort, lang, limit: 500 });
  const set = (change: Partial<LessonFilter>) => {
    const next = { ...filter, ...change };
    for (const key of Object.keys(next) as (keyof LessonFilter)[]) if (!next[key]) delete next[key];
    navigate({ view: 'lessons', filter: next }, { replace: true });
  };

  return (
    <section aria-labelledby="view-heading">
      <ViewHeading>{t('lessons.heading')}</ViewHeading>
      <div className="filters" role="group" aria-label={t('lessons.filters')}>
        <label>
          {t('annotation.visit')}
          <select value={filter.visitId ?? ''} onChange={(e) => set({ visitId: e.target.value })}>
            <option value="">{t('lessons.all')}</option>
            {(visits.data ?? []).map((v) => (
              <option key={v.id} value={v.id}>
                {visitLabel(v, lang, overview.organisations, t)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('practice.topics')}
          <TopicSelect
            value={filter.topicId ?? ''}
            onChange={(topicId) => set({ topicId })}
            anyLabel={t('lessons.all')}
          />
        </label>
        <label>
          {t('practice.organisation')}
          <OrganisationSelect
            value={filter.organisationId ?? ''}
            onChange={(organisationId) => set({ organisationId })}
            anyLabel={t('lessons.all')}
          />
        </label>
        <label>
          {t('annotation.kindLabel')}
          <select
            value={filter.kind ?? ''}
            onChange={(e) => set({ kind: (e.target.value || undefined) as AnnotationKind | undefined })}
          >
            <option value="">{t('lessons.all')}</option>
            {AnnotationKind.options.map((kind) => (
              <option key={kind} value={kind}>
                {t(`annotation.kind.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        <SortChoice value={sort} onChange={setSort} lessons />
      </div>
      {annotations.error && <ErrorMessage error={annotations.error} />}
      {!annotations.data ? (
        <Loading />
      ) : (
        <>
          <p className="list-count" role="status">
            {t('lessons.count', { count: annotations.data.total })}
          </p>
          {annotations.data.items.length === 0 ? (
            <p>{t('lessons.empty')}</p>
          ) : (
            <ul className="annotation-list">
              {annotations.data.items.map((a) => (
                <AnnotationItem key={a.id} annotation={a} visits={visits.data ?? []} showPractice />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
