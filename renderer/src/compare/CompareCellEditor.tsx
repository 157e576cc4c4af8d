/**
 * The dialog that edits one comparison cell, both languages side by side.
 * Saving refuses to overwrite a newer version.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Lang, type Source } from '../../../shared/model';
import type { ComparisonCell } from '../../../shared/responses';
import { Dialog } from '../components/Dialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { isCompleteSource, SourcesField } from '../components/SourcesField';
import { DialogSaveCancel } from '../components/SaveCancelButtons';
import { TranslationBadge } from '../components/TranslationBadge';
import { useAction } from '../hooks/useAction';
import { useConfirmDiscard } from '../hooks/useConfirmDiscard';
import { call } from '../lib/kb';

export function CompareCellEditor({
  dimension,
  label,
  organisation,
  cell,
  onClose,
  onSaved,
}: {
  dimension: string;
  label: string;
  organisation: { id: string; name: string };
  cell: ComparisonCell | undefined;
  onClose: () => void;
  onSaved: (cell: ComparisonCell) => void;
}) {
  const { t } = useTranslation('compare');
  const confirmDiscard = useConfirmDiscard();
  const action = useAction();
  const fieldId = useId();
  const initial = { de: cell?.entry.text.de ?? '', nl: cell?.entry.text.nl ?? '' };
  const [text, setText] = useState(initial);
  const initialSources = cell?.entry.sources ?? [];
  const [sources, setSources] = useState<Source[]>(initialSources);
  const [problem, setProblem] = useState('');
  const dirty =
    LANGUAGES.some((l) => text[l] !== initial[l]) || JSON.stringify(sources) !== JSON.stringify(initialSources);

  async function save() {
    if (!sources.every(isCompleteSource)) {
      setProblem(t('app:editor.problem.badSource'));
      return;
    }
    setProblem('');
    const saved = await action.run(() =>
      call('saveComparisonCell', {
        dimension,
        organisationId: organisation.id,
        baseUpdatedAt: cell?.entry.updatedAt ?? null,
        text,
        sources: sources.map((s) => ({ title: s.title.trim(), url: s.url.trim() })),
      }),
    );
    if (saved) onSaved(saved);
  }

  async function close() {
    if (!dirty || (await confirmDiscard())) onClose();
  }

  return (
    <Dialog
      title={t('editor.title', { dimension: label, organisation: organisation.name })}
      onClose={() => void close()}
      actions={<DialogSaveCancel busy={action.busy} onSave={() => void save()} onCancel={() => void close()} />}
    >
      <div className="cell-editor editor">
        <p className="hint">{t('editor.hint')}</p>
        <div className="editor-columns">
          {LANGUAGES.map((l: Lang) => (
            <div key={l} className="cell-editor-column">
              <label htmlFor={`${fieldId}-${l}`}>
                {t('editor.textIn', { language: t(`app:content.languageName.${l}`) })}
              </label>
              {cell && cell.translation[l] !== 'current' && (
                <TranslationBadge status={cell.translation[l]} lang={l} original={false} />
              )}
              <textarea
                id={`${fieldId}-${l}`}
                lang={l}
                rows={12}
                value={text[l]}
                onChange={(event) => setText((s) => ({ ...s, [l]: event.target.value }))}
              />
            </div>
          ))}
        </div>
        <SourcesField sources={sources} onChange={setSources} />
        {problem && (
          <p className="message message-error" role="alert">
            {problem}
          </p>
        )}
        {action.error && <ErrorMessage error={action.error} />}
      </div>
    </Dialog>
  );
}
