/**
 * How a practice list is ordered, as a labelled group of radio buttons (the
 * app's own control: arrow keys move between them, every word in the
 * interface language).
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PRACTICE_SORTS, type PracticeSort } from '../../../shared/requests';

export function SortChoice({ value, onChange }: { value: PracticeSort; onChange: (sort: PracticeSort) => void }) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="sort-choice">
      <legend>{t('list.sort.label')}</legend>
      {PRACTICE_SORTS.map((sort) => (
        <label key={sort}>
          <input type="radio" name={name} value={sort} checked={value === sort} onChange={() => onChange(sort)} />
          {t(`list.sort.${sort}`)}
        </label>
      ))}
    </fieldset>
  );
}
