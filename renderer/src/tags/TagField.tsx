/**
 * The practice editor's tags: typed as a comma-separated list, in the
 * reader's language, with the existing tags that match what is being typed
 * offered as buttons below, so that people pick the tag that exists instead
 * of typing a twin of it.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useTagLabels } from './useTagLabels';

const MAX_SUGGESTIONS = 8;
const fold = (text: string) => text.replace(/\s+/g, ' ').trim().toLocaleLowerCase();

export function TagField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const { tags } = useTagLabels();
  const id = useId();
  const parts = value.split(',');
  const typing = fold(parts.at(-1) ?? '');
  const chosen = new Set(parts.slice(0, -1).map(fold));
  const suggestions =
    typing === ''
      ? []
      : tags
          .filter((tag) => !chosen.has(fold(tag.text)) && fold(tag.text).includes(typing) && fold(tag.text) !== typing)
          .slice(0, MAX_SUGGESTIONS);
  const pick = (text: string) => onChange([...parts.slice(0, -1).map((p) => p.trim()), text].join(', ') + ', ');

  return (
    <div className="tag-field">
      <label>
        {t('editor.tags')}
        <input value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-hint ${id}-found`} />
      </label>
      <p id={`${id}-hint`} className="hint">
        {t('editor.tagsHint')}
      </p>
      <p id={`${id}-found`} className="visually-hidden" role="status">
        {typing !== '' && t('tags.suggestionCount', { count: suggestions.length })}
      </p>
      {suggestions.length > 0 && (
        <ul className="tag-suggestions" aria-label={t('tags.suggestions')}>
          {suggestions.map((tag) => (
            <li key={tag.tag}>
              <button type="button" className="tag" onClick={() => pick(tag.text)}>
                {tag.text}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
