/**
 * Translating an annotation into the other language, for anyone who reads
 * it: write or change the translation, mark an outdated one as checked, and
 * see (and restore) the annotation's versions.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { otherLang } from '../../../shared/model';
import type { AnnotationView } from '../../../shared/responses';
import { ErrorMessage } from './ErrorMessage';
import { useFeedback } from './Feedback';
import { RecordHistory } from './RecordHistory';
import { useAction } from '../hooks/useAction';
import { call } from '../lib/kb';

export function AnnotationTranslation({
  annotation,
  onChanged,
}: {
  annotation: AnnotationView;
  onChanged: (annotation: AnnotationView) => void;
}) {
  const { t } = useTranslation('visits');
  const { toast } = useFeedback();
  const action = useAction();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(annotation.translation?.text ?? '');
  const [history, setHistory] = useState(false);
  const fieldId = useId();
  const target = otherLang(annotation.language);
  const into = t(`annotation.languageInto.${target}`);

  async function save() {
    const saved = await action.run(() => call('translateAnnotation', { id: annotation.id, text }));
    if (!saved) return;
    setEditing(false);
    onChanged(saved);
    toast({ message: text.trim() ? t('annotation.translationSaved') : t('annotation.translationRemoved') });
  }
  async function markChecked() {
    const saved = await action.run(() => call('markAnnotationTranslationChecked', { id: annotation.id }));
    if (saved) onChanged(saved);
  }

  return (
    <div className="annotation-translation">
      {annotation.translation && (
        <details>
          <summary>
            {t('annotation.showOriginal', { language: t(`app:content.languageName.${annotation.language}`) })}
          </summary>
          <p lang={annotation.language}>{annotation.text}</p>
          <p lang={target}>{annotation.translation.text}</p>
          {annotation.translation.translator && (
            <p className="meta">{t('annotation.translator', { name: annotation.translation.translator })}</p>
          )}
        </details>
      )}
      {editing ? (
        <form
          className="translation-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label htmlFor={fieldId}>{t('annotation.translationLabel', { language: into })}</label>
          <textarea id={fieldId} lang={target} rows={3} value={text} onChange={(e) => setText(e.target.value)} />
          <div className="toolbar">
            <button type="submit" className="primary" disabled={action.busy}>
              {t('annotation.saveTranslation')}
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              {t('annotation.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="toolbar">
          <button
            type="button"
            onClick={() => {
              setText(annotation.translation?.text ?? '');
              setEditing(true);
            }}
          >
            {annotation.translation
              ? t('annotation.editTranslation', { language: into })
              : t('annotation.translate', { language: into })}
          </button>
          {annotation.translationStatus === 'outdated' && (
            <button type="button" onClick={() => void markChecked()}>
              {t('annotation.markChecked')}
            </button>
          )}
          <button type="button" onClick={() => setHistory(true)}>
            {t('app:history.open')}
          </button>
        </div>
      )}
      {action.error && <ErrorMessage error={action.error} />}
      {history && (
        <RecordHistory
          collection="annotations"
          current={annotation}
          title={t('history.annotationTitle')}
          onClose={() => setHistory(false)}
          onRestored={() => {
            setHistory(false);
            void call('listAnnotations', { practiceId: annotation.practiceId, limit: 500 }).then((page) => {
              const restored = page.items.find((a) => a.id === annotation.id);
              if (restored) onChanged(restored);
            });
          }}
          author={(record) => record.author}
          text={(record) => (
            <>
              <p lang={record.language}>{record.text}</p>
              {record.translation && <p lang={otherLang(record.language)}>{record.translation.text}</p>}
            </>
          )}
        />
      )}
    </div>
  );
}
