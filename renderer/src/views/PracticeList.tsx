import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PracticeSummary } from '../../../shared/contract';
import { LANGUAGES, type Lang } from '../../../shared/model';
import { ErrorMessage } from '../components/ErrorMessage';
import { FallbackBadge } from '../components/LangBadge';
import { TranslationNeeds } from '../components/TranslationBadge';
import { Loading } from '../components/Loading';
import { ViewHeading } from '../components/ViewHeading';
import { useKbQuery } from '../hooks/useKbQuery';
import { pickText } from '../lib/texts';
import { useNavigation, type PracticeFilter } from '../navigation';
import { useOverview } from '../overview';

const PAGE = 100;

/** The practices matching a filter. Keyed by filter in the parent, so paging restarts when it changes. */
export function PracticeList({ filter }: { filter: PracticeFilter }) {
  const [limit, setLimit] = useState(PAGE);
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { overview } = useOverview();
  const { navigate } = useNavigation();
  const { data, error, loading } = useKbQuery('listPractices', { ...filter, limit });
  const setNeeds = (value: string) => {
    const { needsTranslationInto: _old, ...rest } = filter;
    navigate({ view: 'practices', filter: value ? { ...rest, needsTranslationInto: value as Lang } : rest }, { replace: true });
  };

  const topic = overview.topics.find((x) => x.id === filter.topicId);
  const org = overview.organisations.find((x) => x.id === filter.organisationId);
  const heading = topic
    ? t('list.byTopic', { name: topic.name[lang] })
    : org
      ? t('list.byOrganisation', { name: org.name[lang] })
      : filter.tag
        ? t('list.byTag', { tag: filter.tag })
        : t('list.all');

  return (
    <section aria-labelledby="view-heading">
      <ViewHeading>{heading}</ViewHeading>
      <div className="filters">
        <label>
          {t('list.translationFilter')}
          <select value={filter.needsTranslationInto ?? ''} onChange={(e) => setNeeds(e.target.value)}>
            <option value="">{t('list.translationAny')}</option>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t('list.needsTranslationInto', { language: t(`content.languageName.${l}`) })}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && <ErrorMessage error={error} />}
      {loading && !data && <Loading />}
      {data && (
        <>
          <p className="list-count" role="status">
            {t('list.count', { count: data.total })}
          </p>
          {data.items.length === 0 ? (
            <p>{t('list.empty')}</p>
          ) : (
            <ul className="practice-list">
              {data.items.map((item) => (
                <PracticeCard key={item.id} item={item} onOpen={() => navigate({ view: 'practice', id: item.id })} />
              ))}
            </ul>
          )}
          {data.total > data.items.length && (
            <p>
              {t('list.showing', { shown: data.items.length, total: data.total })}{' '}
              <button type="button" onClick={() => setLimit((n) => n + PAGE)}>
                {t('list.showMore')}
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}

function PracticeCard({ item, onOpen }: { item: PracticeSummary; onOpen: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { overview } = useOverview();
  const title = pickText(item.titles, lang);
  const summary = pickText(item.summaries, lang);
  const org = overview.organisations.find((o) => o.id === item.organisationId);
  const topics = overview.topics.filter((x) => item.topicIds.includes(x.id));

  return (
    <li className="practice-card">
      <h2>
        <button type="button" className="link-button" onClick={onOpen} lang={title?.lang}>
          {title?.value}
        </button>
      </h2>
      <p className="meta">
        {org?.name[lang]}
        {topics.length > 0 && ' · '}
        {topics.map((x) => x.name[lang]).join(', ')}
        {' · '}
        {t('content.updated', { date: new Date(item.updatedAt) })}
      </p>
      {title?.fallback && <FallbackBadge lang={title.lang} />}
      <TranslationNeeds translation={item.translation} originalLanguage={item.originalLanguage} />
      {item.annotationCount > 0 && <span className="badge badge-count">{t('list.annotations', { count: item.annotationCount })}</span>}
      {summary && <p lang={summary.lang}>{summary.value}</p>}
      {item.tags.length > 0 && (
        <ul className="tags" aria-label={t('nav.tags')} lang={item.originalLanguage}>
          {item.tags.map((tag) => (
            <li key={tag} className="tag">
              {tag}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
