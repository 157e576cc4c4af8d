/**
 * The search results: one listbox grouped by kind, each result with its
 * title, the matching snippet and where it matched.
 */
import { Fragment, useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { dimensionTopicId, otherLang, type Lang } from '../../../shared/model';
import { SEARCH_KINDS, type SearchItem, type SearchItems, type SearchKind } from '../../../shared/search';
import { useOverview } from '../app/overview';
import { useLang } from '../hooks/useLang';
import { pickText, type Picked } from '../lib/texts';
import { formatCalendarDate, placeName } from '../lib/visitLabel';
import { Highlight } from './Highlight';

export interface SearchEntry {
  kind: SearchKind;
  item: SearchItem;
}

/** The results in the order they are shown and moved through with the arrow keys. */
export function searchEntries(results: SearchItems): SearchEntry[] {
  return SEARCH_KINDS.flatMap((kind) => results[kind].map((item) => ({ kind, item })));
}

export const optionId = (listId: string, index: number): string => `${listId}-option-${index}`;

/**
 * The results as one listbox, grouped by kind with counts. The search field
 * keeps focus and points at the active option (aria-activedescendant).
 */
export function SearchResultList({
  id,
  results,
  active,
  onActivate,
  onOpen,
}: {
  id: string;
  results: SearchItems;
  active: number;
  onActivate: (index: number) => void;
  onOpen: (entry: SearchEntry) => void;
}) {
  const { t } = useTranslation('search');
  const groupId = useId();
  const entries = searchEntries(results);

  useEffect(() => {
    document.getElementById(optionId(id, active))?.scrollIntoView({ block: 'nearest' });
  }, [id, active]);

  return (
    <div id={id} role="listbox" aria-label={t('results')} className="search-results">
      {SEARCH_KINDS.filter((kind) => results[kind].length > 0).map((kind) => {
        const shown = results[kind].length;
        const total = results.totals[kind];
        const headingId = `${groupId}-${kind}`;
        return (
          <div key={kind} role="group" aria-labelledby={headingId} className="search-group">
            <div role="presentation" id={headingId} className="search-group-heading">
              {total > shown
                ? t('groupCountMore', { group: t(`group.${kind}`), shown, count: total })
                : t('groupCount', { group: t(`group.${kind}`), count: total })}
            </div>
            {entries.map((entry, index) =>
              entry.kind === kind ? (
                <div
                  key={`${kind}-${entry.item.id}-${entry.item.annotationId ?? ''}`}
                  id={optionId(id, index)}
                  role="option"
                  aria-selected={index === active}
                  className="search-option"
                  onMouseDown={(event) => event.preventDefault()} // focus stays in the search field
                  onMouseMove={() => index !== active && onActivate(index)}
                  onClick={() => onOpen(entry)}
                >
                  <SearchResultItem entry={entry} />
                </div>
              ) : null,
            )}
          </div>
        );
      })}
    </div>
  );
}

function SearchResultItem({ entry: { kind, item } }: { entry: SearchEntry }) {
  const { t } = useTranslation(['search', 'compare']);
  const lang = useLang();
  const { overview } = useOverview();
  const organisation = (id: string) => overview.organisations.find((o) => o.id === id)?.name[lang] ?? id;
  const dimension = (key: string) => {
    const topicId = dimensionTopicId(key);
    if (topicId === undefined) return t(`compare:dimension.${key}`, { defaultValue: key });
    return overview.topics.find((topic) => topic.id === topicId)?.name[lang] ?? key;
  };
  const titles = titlesOf(kind, item, lang);
  // A match in the title itself is marked there rather than repeated below it.
  const inTitle = titles.some((title) => title.lang === item.language && title.value === item.snippet.text);

  return (
    <>
      <span className="search-option-title">
        {kind === 'annotations' && item.annotationKind && (
          <span className="badge">{t(`annotationKind.${item.annotationKind}`)}</span>
        )}
        {item.visit && (
          <span>
            {t('visitLabel', {
              guest: placeName(organisation(item.visit.guestOrganisationId)),
              host: placeName(organisation(item.visit.hostOrganisationId)),
            })}
            {item.visit.startDate && ` (${formatCalendarDate(item.visit.startDate, lang)})`}
          </span>
        )}
        {item.cell && (
          <span>
            {t('cellLabel', {
              dimension: dimension(item.cell.dimension),
              organisation: organisation(item.cell.organisationId),
            })}
          </span>
        )}
        {titles.map((title, index) => (
          <Fragment key={title.lang}>
            {index > 0 && ' – '}
            <span lang={title.lang} className={index > 0 ? 'search-title-hint' : undefined}>
              {inTitle && title.lang === item.language ? <Highlight snippet={item.snippet} /> : title.value}
            </span>
          </Fragment>
        ))}
      </span>
      {!inTitle && (
        <span className="search-option-snippet" lang={item.language}>
          <Highlight snippet={item.snippet} />
        </span>
      )}
      <span className="search-option-meta">
        {item.field === 'annotation' && <span className="badge badge-count">{t('inAnnotation')}</span>}
        {item.language !== lang && <span className="badge badge-count">{t(`inLanguage.${item.language}`)}</span>}
        {item.viaGlossary && <span className="badge">{t('viaGlossary')}</span>}
        {item.missing && item.missing.length > 0 && (
          <span className="search-option-missing">{t('missing', { words: item.missing })}</span>
        )}
      </span>
    </>
  );
}

/**
 * The title line's texts: a practice's title in the reader's language (else
 * the other), followed by its title in the language it matched in when that
 * is the other one, as a hint; an annotation's practice title in the
 * interface language (else the other); a glossary term in both languages.
 */
function titlesOf(kind: SearchKind, item: SearchItem, lang: Lang): Picked<string>[] {
  if (kind === 'glossary') {
    return [lang, otherLang(lang)].flatMap((l) => {
      const value = item.titles[l];
      return value === undefined ? [] : [{ value, lang: l, fallback: false }];
    });
  }
  const title = pickText(item.titles, lang);
  if (!title) return [];
  const matched = item.titles[item.language];
  return kind === 'practices' && title.lang !== item.language && matched !== undefined
    ? [title, { value: matched, lang: item.language, fallback: false }]
    : [title];
}
