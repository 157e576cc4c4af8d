/**
 * How a practice list is ordered, as a labelled group of radio buttons (the
 * app's own control: arrow keys move between them, every word in the
 * interface language).
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PRACTICE_SORTS, type PracticeSort } from '../../../shared/requests';

export function SortChoice({
  value,
  onChange,
  lessons = false,
}: {
  value: PracticeSort;
  onChange: (sort: PracticeSort) => void;
  /** For the lessons: "title" is their practice's title, and is named so. */
  lessons?: boolean;
}) {
  const { t } = useTranslation();
  const name = useId();
  const labels = lessons ? 'lessons.sort' : 'list.sort';
  return (
    <fieldset className="sort-choice">
      <legend>{t(`${labels}.label`)}</legend>
      {PRACTICE_SORTS.map((sort) => (
        <label key={sort}>
          <input type="radio" name={name} value={sort} checked={value === sort} onChange={() => onChange(sort)} />
          {t(`${labels}.${sort}`)}
        </label>
      ))}
    </fieldset>
  );
}
