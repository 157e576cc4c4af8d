/** The sources of a record (a title and an http(s) address each), for the practice and visit editors. */
import { useTranslation } from 'react-i18next';
import type { Source } from '../../../shared/model';

/** A source the knowledge base accepts: a title and an http(s) address. */
export const isCompleteSource = (s: Source) => s.title.trim() !== '' && /^https?:\/\/\S+$/i.test(s.url.trim());

export function SourcesField({ sources, onChange }: { sources: Source[]; onChange: (sources: Source[]) => void }) {
  const { t } = useTranslation();
  const set = (index: number, change: Partial<Source>) =>
    onChange(sources.map((s, i) => (i === index ? { ...s, ...change } : s)));
  return (
    <fieldset className="sources">
      <legend>{t('practice.sources')}</legend>
      {sources.map((source, index) => (
        <div key={index} className="source-row">
          <label>
            {t('editor.sourceTitle', { n: index + 1 })}
            <input value={source.title} onChange={(e) => set(index, { title: e.target.value })} />
          </label>
          <label>
            {t('editor.sourceUrl', { n: index + 1 })}
            <input
              type="url"
              value={source.url}
              onChange={(e) => set(index, { url: e.target.value })}
              placeholder="https://"
            />
          </label>
          <button type="button" onClick={() => onChange(sources.filter((_, i) => i !== index))}>
            {t('editor.removeSource', { n: index + 1 })}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...sources, { title: '', url: '' }])}>
        {t('editor.addSource')}
      </button>
    </fieldset>
  );
}
