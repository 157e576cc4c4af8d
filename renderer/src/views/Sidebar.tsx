import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../shared/model';
import { useNavigation, type PracticeFilter } from '../navigation';
import { useOverview } from '../overview';

/** Browse by topic, organisation and tag. */
export function Sidebar() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { overview } = useOverview();
  const { route, navigate } = useNavigation();
  const active = route.view === 'practices' ? route.filter : undefined;

  const item = (filter: PracticeFilter, label: string, count: number) => {
    const current =
      !!active &&
      active.topicId === filter.topicId &&
      active.organisationId === filter.organisationId &&
      active.tag === filter.tag;
    return (
      <li key={JSON.stringify(filter)}>
        <button
          type="button"
          className="nav-item"
          aria-current={current ? 'page' : undefined}
          onClick={() => navigate({ view: 'practices', filter })}
        >
          <span>{label}</span>
          <span className="count" aria-label={t('list.count', { count })}>
            {count}
          </span>
        </button>
      </li>
    );
  };

  return (
    <nav className="sidebar" aria-label={t('nav.label')}>
      <ul className="nav-list">{item({}, t('nav.all'), overview.practiceCount)}</ul>
      <h2 id="nav-topics">{t('nav.topics')}</h2>
      <ul className="nav-list" aria-labelledby="nav-topics">
        {overview.topics.map((topic) => item({ topicId: topic.id }, topic.name[lang], topic.practiceCount))}
      </ul>
      <h2 id="nav-organisations">{t('nav.organisations')}</h2>
      <ul className="nav-list" aria-labelledby="nav-organisations">
        {overview.organisations.map((org) => item({ organisationId: org.id }, org.name[lang], org.practiceCount))}
      </ul>
      <h2 id="nav-tags">{t('nav.tags')}</h2>
      <ul className="nav-list tag-list" aria-labelledby="nav-tags">
        {overview.tags.map(({ tag, count }) => item({ tag }, tag, count))}
      </ul>
    </nav>
  );
}
