/** The filters that narrow a search: topic, organisation, language of the text, translation status, kind of annotation. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { AnnotationKind, LANGUAGES, TranslationStatus, type Lang } from '../../../shared/model';
import type { SearchFilters } from '../../../shared/search';
import { useOverview } from '../app/overview';
import { useLang } from '../hooks/useLang';

export function SearchFilterBar({
  filters,
  onChange,
}: {
  filters: SearchFilters;
  onChange: (filters: SearchFilters) => void;
}) {
  const { t } = useTranslation('search');
  const lang = useLang();
  const { overview } = useOverview();
  const set = (key: keyof SearchFilters) => (value: string) => {
    const next: Record<string, string> = { ...filters };
    if (value === '') delete next[key];
    else next[key] = value;
    onChange(next as SearchFilters);
  };
  const byName = (items: readonly { id: string; name: Record<Lang, string> }[]) =>
    [...items]
      .sort((a, b) => a.name[lang].localeCompare(b.name[lang], lang))
      .map((item) => ({ value: item.id, label: item.name[lang] }));

  return (
    <fieldset className="search-filters">
      <legend>{t('filter.legend')}</legend>
      <FilterSelect
        label={t('filter.topic')}
        value={filters.topicId}
        options={byName(overview.topics)}
        onChange={set('topicId')}
      />
      <FilterSelect
        label={t('filter.organisation')}
        value={filters.organisationId}
        options={byName(overview.organisations)}
        onChange={set('organisationId')}
      />
      <FilterSelect
        label={t('filter.language')}
        value={filters.language}
        options={LANGUAGES.map((language) => ({ value: language, label: t(`languageName.${language}`) }))}
        onChange={set('language')}
      />
      <FilterSelect
        label={t('filter.translation')}
        value={filters.translationStatus}
        options={TranslationStatus.options.map((status) => ({
          value: status,
          label: t(`translationStatus.${status}`),
        }))}
        onChange={set('translationStatus')}
      />
      <FilterSelect
        label={t('filter.annotationKind')}
        value={filters.annotationKind}
        options={AnnotationKind.options.map((kind) => ({ value: kind, label: t(`annotationKind.${kind}`) }))}
        onChange={set('annotationKind')}
      />
      {Object.keys(filters).length > 0 && (
        <button type="button" onClick={() => onChange({})}>
          {t('filter.reset')}
        </button>
      )}
    </fieldset>
  );
}

/** A label and its select, tied by id: a wrapping label would take the options' text into its name. */
function FilterSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation('search');
  const id = useId();
  return (
    <div className="search-filter">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('filter.any')}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
