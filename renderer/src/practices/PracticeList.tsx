/**
 * The list of practices, all or by topic, organisation or tag, narrowed to
 * those needing a translation if asked. It is virtualised and fetched page by
 * page, so ten thousand practices cost no more than a screenful.
 */
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PracticeScopeText } from './PracticeScopeText';
import { LANGUAGES, type Lang } from '../../../shared/model';
import type { PracticeFilter } from '../../../shared/requests';
import type { PracticeSummary } from '../../../shared/responses';
import { useNavigation } from '../app/navigation';
import { useOverview } from '../app/overview';
import { ErrorMessage } from '../components/ErrorMessage';
import { FallbackBadge } from '../components/FallbackBadge';
import { Loading } from '../components/Loading';
import { ViewHeading } from '../components/ViewHeading';
import { useLang } from '../hooks/useLang';
import { call } from '../lib/kb';
import { pickText } from '../lib/texts';
import { useTagLabels } from '../tags/useTagLabels';
import { SortChoice } from './SortChoice';
import { TranslationNeeds } from './TranslationNeeds';
import { usePagedQuery } from './usePagedQuery';
import { useListSort } from './useListSort';

/** The practices matching a filter, fetched page by page as the list scrolls. Keyed by filter in the parent. */
export function PracticeList({ filter }: { filter: PracticeFilter }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { overview } = useOverview();
  const { navigate } = useNavigation();
  const tagLabels = useTagLabels();
  const [sort, setSort] = useListSort('practices');
  const list = usePagedQuery(JSON.stringify({ filter, sort, lang }), (offset, limit) =>
    call('listPractices', { ...filter, sort, lang, offset, limit }),
  );
  const setNeeds = (value: string) => {
    const { needsTranslationInto: _old, ...rest } = filter;
    navigate(
      { view: 'practices', filter: value ? { ...rest, needsTranslationInto: value as Lang } : rest },
      { replace: true },
    );
  };

  const topic = overview.topics.find((x) => x.id === filter.topicId);
  const org = overview.organisations.find((x) => x.id === filter.organisationId);
  const heading = topic
    ? t('list.byTopic', { name: topic.name[lang] })
    : org
      ? t('list.byOrganisation', { name: org.name[lang] })
      : filter.tag
        ? t('list.byTag', { tag: tagLabels.labelOf(filter.tag) })
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
        <SortChoice value={sort} onChange={setSort} />
      </div>
      {list.error && <ErrorMessage error={list.error} />}
      {list.total === undefined && !list.error && <Loading />}
      {list.total !== undefined && (
        <>
          <p className="list-count" role="status">
            {t('list.count', { count: list.total })}
          </p>
          {list.total === 0 ? (
            <p>{t('list.empty')}</p>
          ) : (
            <VirtualPracticeList total={list.total} list={list} onOpen={(id) => navigate({ view: 'practice', id })} />
          )}
        </>
      )}
    </section>
  );
}

/**
 * Only the cards near the viewport are in the page, so ten thousand
 * practices scroll as smoothly as ten. Arrow keys, Home and End move between
 * cards, scrolling the ones not rendered yet into existence.
 */
function VirtualPracticeList({
  total,
  list,
  onOpen,
}: {
  total: number;
  list: ReturnType<typeof usePagedQuery<PracticeSummary>>;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const listRef = useRef<HTMLUListElement>(null);
  const [margin, setMargin] = useState(0);
  useLayoutEffect(() => setMargin(listRef.current?.offsetTop ?? 0), []);
  const virtualizer = useWindowVirtualizer({
    count: total,
    estimateSize: () => 170,
    overscan: 6,
    scrollMargin: margin,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensure } = list;
  useEffect(() => ensure(first, last), [ensure, first, last]);
  const pendingFocus = useRef<number | null>(null);

  const focusCard = (index: number) => {
    const target = Math.max(0, Math.min(total - 1, index));
    const button = listRef.current?.querySelector<HTMLButtonElement>(`[data-index="${target}"] h2 button`);
    if (button) return button.focus();
    pendingFocus.current = target;
    virtualizer.scrollToIndex(target, { align: 'center' });
  };
  useEffect(() => {
    if (pendingFocus.current === null) return;
    const button = listRef.current?.querySelector<HTMLButtonElement>(
      `[data-index="${pendingFocus.current}"] h2 button`,
    );
    if (button) {
      pendingFocus.current = null;
      button.focus();
    }
  });
  const onKeyDown = (event: KeyboardEvent) => {
    const card = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!card) return;
    const index = Number(card.dataset.index);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: total - 1,
      PageDown: index + 10,
      PageUp: index - 10,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    focusCard(moves[event.key]!);
  };

  return (
    <ul
      ref={listRef}
      className="practice-list"
      style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
      onKeyDown={onKeyDown}
      aria-label={t('list.label')}
    >
      {items.map((row) => {
        const item = list.itemAt(row.index);
        return (
          <li
            key={row.key}
            data-index={row.index}
            ref={virtualizer.measureElement}
            aria-setsize={total}
            aria-posinset={row.index + 1}
            className="virtual-row"
            style={{ transform: `translateY(${row.start - virtualizer.options.scrollMargin}px)` }}
          >
            {item ? (
              <PracticeCard item={item} onOpen={() => onOpen(item.id)} />
            ) : (
              <div className="practice-card placeholder" aria-busy="true" />
            )}
          </li>
        );
      })}
    </ul>
  );
}

function PracticeCard({ item, onOpen }: { item: PracticeSummary; onOpen: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { overview } = useOverview();
  const title = pickText(item.titles, lang);
  const summary = pickText(item.summaries, lang);
  const org = overview.organisations.find((o) => o.id === item.organisationId);
  const topics = overview.topics.filter((x) => item.topicIds.includes(x.id));
  const tagLabels = useTagLabels();

  return (
    <article className="practice-card">
      <h2>
        <button type="button" className="link-button" onClick={onOpen} lang={title?.lang}>
          {title?.value}
        </button>
      </h2>
      <p className="meta">
        {org?.name[lang]}
        {item.scope && (
          <>
            {' · '}
            <PracticeScopeText scope={item.scope} lang={lang} />
          </>
        )}
        {topics.length > 0 && ' · '}
        {topics.map((x) => x.name[lang]).join(', ')}
        {' · '}
        {t('content.updated', { date: new Date(item.updatedAt) })}
      </p>
      {title?.fallback && <FallbackBadge lang={title.lang} />}
      <TranslationNeeds translation={item.translation} originalLanguage={item.originalLanguage} />
      {item.annotationCount > 0 && (
        <span className="badge badge-count">{t('list.annotations', { count: item.annotationCount })}</span>
      )}
      {summary && <p lang={summary.lang}>{summary.value}</p>}
      {item.tags.length > 0 && (
        <ul className="tags" aria-label={t('nav.tags')}>
          {item.tags.map((tag) => (
            <li key={tag} className="tag">
              {tagLabels.labelOf(tag)}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
