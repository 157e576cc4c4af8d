import { useTranslation } from 'react-i18next';
import type { AnnotationKind, Lang } from '../../../shared/model';
import { AnnotationItem, visitLabel } from '../components/AnnotationItem';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { ViewHeading } from '../components/ViewHeading';
import { useKbQuery } from '../hooks/useKbQuery';
import { useNavigation, type LessonFilter } from '../navigation';
import { useOverview } from '../overview';

const KINDS: AnnotationKind[] = ['lesson', 'question', 'comment'];

/** Every annotation across all practices, newest first, filtered by visit, topic, organisation and kind. */
export function Lessons({ filter }: { filter: LessonFilter }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { overview } = useOverview();
  const { navigate } = useNavigation();
  const visits = useKbQuery('listVisits');
  const annotations = useKbQuery('listAnnotations', { ...filter, limit: 500 });
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
          <select value={filter.topicId ?? ''} onChange={(e) => set({ topicId: e.target.value })}>
            <option value="">{t('lessons.all')}</option>
            {overview.topics.map((topic) => (
              <option key={topic.id} value={topic.id}>
                {topic.name[lang]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('practice.organisation')}
          <select value={filter.organisationId ?? ''} onChange={(e) => set({ organisationId: e.target.value })}>
            <option value="">{t('lessons.all')}</option>
            {overview.organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name[lang]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('annotation.kindLabel')}
          <select value={filter.kind ?? ''} onChange={(e) => set({ kind: (e.target.value || undefined) as AnnotationKind | undefined })}>
            <option value="">{t('lessons.all')}</option>
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`annotation.kind.${kind}`)}
              </option>
            ))}
          </select>
        </label>
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
