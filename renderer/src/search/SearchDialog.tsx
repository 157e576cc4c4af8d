/** One search box over everything, results as one types; opening a result closes it. */
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_QUERY_LENGTH, SEARCH_KINDS, type SearchFilters, type SearchResponse } from '../../../shared/search';
import { useNavigation, type Route } from '../app/navigation';
import { Dialog } from '../components/Dialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { SearchFilterBar } from './SearchFilterBar';
import { optionId, SearchResultList, searchEntries, type SearchEntry } from './SearchResultList';
import { useSearch } from './useSearch';

/** Where a result leads: the practice (also for its annotations), the visit, the glossary or the comparison. */
function routeOf({ kind, item }: SearchEntry): Route {
  switch (kind) {
    case 'practices':
      return { view: 'practice', id: item.id };
    case 'annotations':
      return { view: 'practice', id: item.practiceId ?? item.id };
    case 'visits':
      return { view: 'visit', id: item.id };
    case 'glossary':
      return { view: 'glossary' };
    case 'comparison':
      return { view: 'compare' };
  }
}

export function SearchDialog({ onClose, onOpened }: { onClose: () => void; onOpened: () => void }) {
  const { t } = useTranslation('search');
  const { navigate } = useNavigation();
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<SearchFilters>({});
  const [active, setActive] = useState(0);
  const { response, answeredText, error, searching } = useSearch(text, filters);
  const listId = useId();
  const hintId = useId();
  const ready = response?.status.state === 'ready';
  const entries = ready ? searchEntries(response.results) : [];

  useEffect(() => setActive(0), [response]);

  const open = (entry: SearchEntry | undefined) => {
    if (!entry) return;
    navigate(routeOf(entry));
    onOpened();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        if (entries.length === 0) return;
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((index) => (index + step + entries.length) % entries.length);
        return;
      }
      case 'Home':
      case 'End':
        if (entries.length === 0 || !event.ctrlKey) return;
        event.preventDefault();
        setActive(event.key === 'Home' ? 0 : entries.length - 1);
        return;
      case 'Enter':
        event.preventDefault();
        open(entries[active]);
        return;
      case 'Escape':
        event.preventDefault(); // not the search field's own clearing: Escape closes the search
        onClose();
        return;
    }
  };

  const expanded = entries.length > 0;
  return (
    <Dialog
      title={t('title')}
      onClose={onClose}
      actions={
        <button type="button" onClick={onClose}>
          {t('close')}
        </button>
      }
    >
      <div className="search-box">
        <input
          type="search"
          role="combobox"
          aria-label={t('label')}
          aria-describedby={hintId}
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={expanded ? optionId(listId, active) : undefined}
          placeholder={t('placeholder')}
          autoComplete="off"
          maxLength={MAX_QUERY_LENGTH}
          spellCheck={false}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <p id={hintId} className="hint">
          {t('keys')}
        </p>
        <SearchFilterBar filters={filters} onChange={setFilters} />
        {error && <ErrorMessage error={error} />}
        <SearchStatusLine
          text={text}
          answeredText={answeredText}
          response={response}
          searching={searching}
          filtered={Object.keys(filters).length > 0}
        />
        {ready && expanded && (
          <SearchResultList
            id={listId}
            results={response.results}
            active={active}
            onActivate={setActive}
            onOpen={open}
          />
        )}
      </div>
    </Dialog>
  );
}

/** Says what the list shows: nothing asked yet, the index still building, how many found, or none. */
function SearchStatusLine({
  text,
  answeredText,
  response,
  searching,
  filtered,
}: {
  text: string;
  answeredText: string;
  response: SearchResponse | undefined;
  searching: boolean;
  filtered: boolean;
}) {
  const { t } = useTranslation('search');
  let message: string;
  if (text.trim() === '') message = t('empty');
  else if (!response) message = t('searching');
  else if (response.status.state === 'building') {
    const { done, total } = response.status;
    message = total > 0 ? t('buildingProgress', { share: done / total }) : t('building');
  } else {
    const { totals } = response.results;
    const count = SEARCH_KINDS.reduce((sum, kind) => sum + totals[kind], 0);
    message =
      count > 0
        ? t('total', { count })
        : t(filtered ? 'noResultsFiltered' : 'noResults', { text: answeredText.trim() });
  }
  return (
    <p className="search-status" role="status" aria-busy={searching}>
      {message}
    </p>
  );
}
