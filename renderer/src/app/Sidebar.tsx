/**
 * The sidebar: the app's sections, and the practices by topic, organisation
 * and tag with their counts, the current one marked for screen readers. Tags
 * show in the reader's language: the most used ones, and all of them
 * (alphabetically) behind a "more" button.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportDocumentsButton } from '../practices/DocumentDrafts';
import type { PracticeFilter } from '../../../shared/requests';
import { useLang } from '../hooks/useLang';
import { useNavigation, type Route } from './navigation';
import { useOverview } from './overview';
import { SyncStatusLine } from '../sync/SyncStatusLine';
import { useSync } from '../sync/useSync';
import { useTagLabels } from '../tags/useTagLabels';

/** How many of the most used tags the sidebar shows before "more". */
export const TOP_TAGS = 12;

const sameFilter = (a: PracticeFilter, b: PracticeFilter) =>
  a.topicId === b.topicId &&
  a.organisationId === b.organisationId &&
  a.tag === b.tag &&
  a.needsTranslationInto === b.needsTranslationInto;

/** The app's sections, and browsing by topic, organisation and tag. */
export function Sidebar() {
  const { t } = useTranslation();
  const lang = useLang();
  const { overview } = useOverview();
  const { route, navigate } = useNavigation();
  const sync = useSync();
  const tagLabels = useTagLabels();
  const [allTags, setAllTags] = useState(false);
  const syncing = (sync.status.data?.connections.length ?? 0) > 0;

  /** A section; `count`, when given, is read out with `countKey` (practices unless said). */
  const item = (target: Route, label: string, count?: number, countKey = 'list.count') => {
    const current =
      target.view === 'practices' && route.view === 'practices'
        ? sameFilter(target.filter, route.filter)
        : target.view !== 'practices' && target.view === route.view;
    return (
      <li key={JSON.stringify(target)}>
        <button
          type="button"
          className="nav-item"
          aria-current={current ? 'page' : undefined}
          onClick={() => navigate(target)}
        >
          <span>{label}</span>
          {count !== undefined && (
            <span className="count" aria-label={t(countKey, { count })}>
              {t('number', { value: count })}
            </span>
          )}
        </button>
      </li>
    );
  };

  return (
    <nav className="sidebar" aria-label={t('nav.label')}>
      <button type="button" className="primary new-practice" onClick={() => navigate({ view: 'practiceEdit' })}>
        {t('nav.newPractice')}
      </button>
      <ImportDocumentsButton />
      <ul className="nav-list">
        {item({ view: 'practices', filter: {} }, t('nav.all'), overview.practiceCount)}
        {item({ view: 'lessons', filter: {} }, t('nav.lessons'))}
        {item({ view: 'visits' }, t('nav.visits'))}
        {item({ view: 'compare' }, t('nav.compare'))}
        {item({ view: 'glossary' }, t('nav.glossary'))}
        {item({ view: 'exchange' }, t('nav.exchange'))}
        {syncing &&
          item({ view: 'newSince' }, t('nav.newSince'), sync.newSince.data?.items.length ?? 0, 'nav.newSinceCount')}
        {overview.conflictCount > 0 &&
          item({ view: 'conflicts' }, t('nav.conflicts'), overview.conflictCount, 'nav.conflictCount')}
        {item({ view: 'trash' }, t('nav.trash'), overview.trashCount)}
        {item({ view: 'settings' }, t('nav.settings'))}
      </ul>
      {sync.status.data && <SyncStatusLine status={sync.status.data} />}
      <h2 id="nav-topics">{t('nav.topics')}</h2>
      <ul className="nav-list" aria-labelledby="nav-topics">
        {overview.topics.map((topic) =>
          item({ view: 'practices', filter: { topicId: topic.id } }, topic.name[lang], topic.practiceCount),
        )}
      </ul>
      <h2 id="nav-organisations">{t('nav.organisations')}</h2>
      <ul className="nav-list" aria-labelledby="nav-organisations">
        {overview.organisations.map((org) =>
          item({ view: 'practices', filter: { organisationId: org.id } }, org.name[lang], org.practiceCount),
        )}
      </ul>
      <h2 id="nav-tags">{t('nav.tags')}</h2>
      <ul className="nav-list tag-list" aria-labelledby="nav-tags">
        {tagLabels.tags
          .slice(0, TOP_TAGS)
          .map(({ tag, text, count }) => item({ view: 'practices', filter: { tag } }, text, count))}
      </ul>
      {tagLabels.tags.length > TOP_TAGS && (
        <>
          <button
            type="button"
            className="link-button more-tags"
            aria-expanded={allTags}
            aria-controls="nav-all-tags"
            onClick={() => setAllTags((open) => !open)}
          >
            {allTags ? t('nav.fewerTags') : t('nav.allTags', { count: tagLabels.tags.length })}
          </button>
          {allTags && (
            <ul id="nav-all-tags" className="nav-list tag-list all-tags" aria-label={t('nav.allTagsLabel')}>
              {[...tagLabels.tags]
                .sort((a, b) => tagLabels.collator.compare(a.text, b.text))
                .map(({ tag, text, count }) => item({ view: 'practices', filter: { tag } }, text, count))}
            </ul>
          )}
        </>
      )}
    </nav>
  );
}
