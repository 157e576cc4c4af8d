import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Lang } from '../../../shared/model';
import { ErrorMessage } from '../components/ErrorMessage';
import { ExternalLink } from '../components/ExternalLink';
import { FallbackBadge } from '../components/LangBadge';
import { Loading } from '../components/Loading';
import { Markdown } from '../components/Markdown';
import { ViewHeading } from '../components/ViewHeading';
import { useKbQuery } from '../hooks/useKbQuery';
import { KbCallError } from '../lib/kb';
import { pickText } from '../lib/texts';
import { useNavigation } from '../navigation';
import { useOverview } from '../overview';

export function PracticeView({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { overview } = useOverview();
  const { back, canGoBack, navigate } = useNavigation();
  const { data: practice, error } = useKbQuery('getPractice', { id });

  const backButton = (
    <button type="button" className="back" onClick={canGoBack ? back : () => navigate({ view: 'practices', filter: {} })}>
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
  if (!practice) return <Loading />;

  const text = pickText(practice.texts, lang);
  if (!text) return <ErrorMessage error={new KbCallError('notFound')} />;
  const org = overview.organisations.find((o) => o.id === practice.organisationId);
  const topics = overview.topics.filter((x) => practice.topicIds.includes(x.id));
  const available = LANGUAGES.filter((l) => practice.texts[l]);

  return (
    <article aria-labelledby="view-heading">
      {backButton}
      <ViewHeading lang={text.lang}>{text.value.title}</ViewHeading>
      {text.fallback && <FallbackBadge lang={text.lang} />}
      {practice.starter && <span className="badge">{t('content.starter')}</span>}
      <dl className="facts">
        <dt>{t('practice.organisation')}</dt>
        <dd>{org?.name[lang] ?? practice.organisationId}</dd>
        <dt>{t('practice.topics')}</dt>
        <dd>
          {topics.map((topic, i) => (
            <span key={topic.id}>
              {i > 0 && ', '}
              <button type="button" className="link-button" onClick={() => navigate({ view: 'practices', filter: { topicId: topic.id } })}>
                {topic.name[lang]}
              </button>
            </span>
          ))}
        </dd>
        {practice.tags.length > 0 && (
          <>
            <dt>{t('nav.tags')}</dt>
            <dd lang={practice.originalLanguage}>
              {practice.tags.map((tag, i) => (
                <span key={tag}>
                  {i > 0 && ', '}
                  <button type="button" className="link-button" onClick={() => navigate({ view: 'practices', filter: { tag } })}>
                    {tag}
                  </button>
                </span>
              ))}
            </dd>
          </>
        )}
        <dt>{t('practice.languages')}</dt>
        <dd>
          {available.map((l) => t(`content.languageName.${l}`)).join(', ')} ({t('practice.original', { language: t(`content.languageName.${practice.originalLanguage}`) })})
        </dd>
        <dt>{t('practice.updated')}</dt>
        <dd>
          <time dateTime={practice.updatedAt}>{t('content.date', { date: new Date(practice.updatedAt) })}</time>
        </dd>
        {practice.contact && (
          <>
            <dt>{t('practice.contact')}</dt>
            <dd>{practice.contact}</dd>
          </>
        )}
      </dl>
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
    </article>
  );
}

