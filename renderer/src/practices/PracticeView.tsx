/**
 * A practice's page: its text in the interface language (or the other one,
 * marked), translation states, facts, the visits it is to be seen on,
 * sources and annotations, with the ways to edit it, print it, see its
 * versions or move it to the trash.
 */
import { useTranslation } from 'react-i18next';
import { PracticeScopeText } from './PracticeScopeText';
import { LANGUAGES, type Lang } from '../../../shared/model';
import { AnnotationsSection } from '../annotations/AnnotationsSection';
import { AttachmentsSection } from '../attachments/AttachmentsSection';
import { useNavigation } from '../app/navigation';
import { useOverview } from '../app/overview';
import { ErrorMessage } from '../components/ErrorMessage';
import { ExternalLink } from '../components/ExternalLink';
import { FallbackBadge } from '../components/FallbackBadge';
import { useFeedback } from '../components/Feedback';
import { Loading } from '../components/Loading';
import { Markdown } from '../components/Markdown';
import { TranslationBadge } from '../components/TranslationBadge';
import { ViewHeading } from '../components/ViewHeading';
import { ConflictNotice } from '../exchange/ConflictNotice';
import { ImportOrigin } from '../exchange/ImportOrigin';
import { useAction } from '../hooks/useAction';
import { useKbQuery } from '../hooks/useKbQuery';
import { useLang } from '../hooks/useLang';
import { call, KbCallError } from '../lib/kb';
import { pickText } from '../lib/texts';
import { formatCalendarDate, visitLabel } from '../lib/visitLabel';
import { useTagLabels } from '../tags/useTagLabels';

export function PracticeView({ id }: { id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const tagLabels = useTagLabels();
  const { overview, reload: reloadOverview } = useOverview();
  const { back, canGoBack, navigate } = useNavigation();
  const { confirm, toast } = useFeedback();
  const { data, error, reload } = useKbQuery('getPractice', { id });
  const visits = useKbQuery('listPracticeVisits', { id });
  const action = useAction();

  const backButton = (
    <button
      type="button"
      className="back"
      onClick={canGoBack ? back : () => navigate({ view: 'practices', filter: {} })}
    >
      {t('practice.back')}
    </button>
  );
  if (error) {
    return (
      <>
        {backButton}
        <ErrorMessage error={error} />
      </>
    );
  }
  if (!data) return <Loading />;
  const { practice, translation } = data;
  const text = pickText(practice.texts, lang);
  if (!text) return <ErrorMessage error={new KbCallError('notFound')} />;
  const org = overview.organisations.find((o) => o.id === practice.organisationId);
  const topics = overview.topics.filter((x) => practice.topicIds.includes(x.id));
  const title = text.value.title;

  async function remove() {
    const ok = await confirm({
      title: t('practice.deleteTitle'),
      message: t('practice.deleteMessage', { title }),
      confirmLabel: t('action.moveToTrash'),
      danger: true,
    });
    if (!ok) return;
    const done = await action.run(() => call('deletePractice', { id }));
    if (done === undefined) return;
    reloadOverview();
    toast({
      message: t('practice.deleted', { title }),
      action: {
        label: t('action.undo'),
        run: () =>
          void call('restorePractice', { id }).then(() => {
            reloadOverview();
            navigate({ view: 'practice', id });
          }),
      },
    });
    navigate({ view: 'practices', filter: {} }, { replace: true });
  }

  async function markChecked(l: Lang) {
    if (await action.run(() => call('markTranslationChecked', { id, language: l }))) reload();
  }

  return (
    <article aria-labelledby="view-heading">
      {backButton}
      <ViewHeading lang={text.lang}>{title}</ViewHeading>
      {text.fallback && <FallbackBadge lang={text.lang} />}
      {practice.starter && <span className="badge">{t('content.starter')}</span>}
      <div className="toolbar" role="group" aria-label={t('practice.actions')}>
        <button type="button" onClick={() => navigate({ view: 'practiceEdit', id })}>
          {t('action.edit')}
        </button>
        <button type="button" onClick={() => navigate({ view: 'history', id })}>
          {t('history.open')}
        </button>
        <button type="button" onClick={() => navigate({ view: 'practicePrint', id })}>
          {t('visits:print.open')}
        </button>
        <button type="button" className="danger" onClick={() => void remove()}>
          {t('action.delete')}
        </button>
      </div>
      {action.error && <ErrorMessage error={action.error} />}
      <ConflictNotice count={data.conflictCount} />

      <ul className="translation-states" aria-label={t('translation.heading')}>
        {LANGUAGES.map((l) => (
          <li key={l}>
            <TranslationBadge status={translation[l]} lang={l} original={practice.originalLanguage === l} />
            {translation[l] === 'outdated' && (
              <button type="button" onClick={() => void markChecked(l)}>
                {t('translation.markChecked', { language: t(`content.languageName.${l}`) })}
              </button>
            )}
            {translation[l] === 'missing' && (
              <button type="button" onClick={() => navigate({ view: 'practiceEdit', id })}>
                {t('translation.translate', { language: t(`content.languageName.${l}`) })}
              </button>
            )}
          </li>
        ))}
      </ul>

      <dl className="facts">
        <dt>{t('practice.organisation')}</dt>
        <dd>{org?.name[lang] ?? practice.organisationId}</dd>
        <dt>{t('practice.scope')}</dt>
        <dd>
          <PracticeScopeText scope={practice.scope} lang={lang} />
        </dd>
        <dt>{t('practice.topics')}</dt>
        <dd>
          {topics.map((topic, i) => (
            <span key={topic.id}>
              {i > 0 && ', '}
              <button
                type="button"
                className="link-button"
                onClick={() => navigate({ view: 'practices', filter: { topicId: topic.id } })}
              >
                {topic.name[lang]}
              </button>
            </span>
          ))}
        </dd>
        {practice.tags.length > 0 && (
          <>
            <dt>{t('nav.tags')}</dt>
            <dd>
              {practice.tags.map((tag, i) => (
                <span key={tag}>
                  {i > 0 && ', '}
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => navigate({ view: 'practices', filter: { tag: tagLabels.resolve(tag) } })}
                  >
                    {tagLabels.labelOf(tag)}
                  </button>
                </span>
              ))}
            </dd>
          </>
        )}
        <dt>{t('practice.updated')}</dt>
        <dd>
          <time dateTime={practice.updatedAt}>{t('content.date', { date: new Date(practice.updatedAt) })}</time>
          {practice.updatedBy && ` · ${practice.updatedBy.name}`}
        </dd>
        <ImportOrigin origin={data.origin} />
        {practice.contact && (
          <>
            <dt>{t('practice.contact')}</dt>
            <dd>{practice.contact}</dd>
          </>
        )}
      </dl>
      {visits.data && visits.data.length > 0 && (
        <ul className="practice-visits" aria-label={t('visits:practiceVisit.heading')}>
          {visits.data.map(({ visit, dates }) => (
            <li key={visit.id}>
              <button type="button" className="link-button" onClick={() => navigate({ view: 'visit', id: visit.id })}>
                {dates.length > 0
                  ? t('visits:practiceVisit.seenOn', {
                      dates: dates.map((d) => formatCalendarDate(d, lang)).join(', '),
                      count: dates.length,
                    })
                  : t('visits:practiceVisit.seenDuring', { visit: visitLabel(visit, lang, overview.organisations, t) })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {text.value.summary && (
        <p className="summary" lang={text.lang}>
          {text.value.summary}
        </p>
      )}
      <Markdown source={text.value.body} lang={text.lang} />
      {practice.sources.length > 0 && (
        <section aria-labelledby="sources-heading">
          <h2 id="sources-heading">{t('practice.sources')}</h2>
          <ul lang={practice.originalLanguage}>
            {practice.sources.map((source) => (
              <li key={source.url}>
                <ExternalLink href={source.url}>{source.title}</ExternalLink>
              </li>
            ))}
          </ul>
        </section>
      )}
      <AttachmentsSection key={practice.updatedAt} owner={{ kind: 'practices', id }} title={title} />
      <AnnotationsSection practiceId={id} />
    </article>
  );
}
