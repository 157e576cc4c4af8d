/**
 * The dialog that adds or edits a glossary term: both languages side by
 * side, definitions, a note where the concepts differ, and its topics.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type GlossaryTerm, type Lang, type Source } from '../../../shared/model';
import { Dialog } from '../components/Dialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { isCompleteSource, SourcesField } from '../components/SourcesField';
import { DialogSaveCancel } from '../components/SaveCancelButtons';
import { TopicCheckboxes } from '../components/TopicCheckboxes';
import { useAction } from '../hooks/useAction';
import { useConfirmDiscard } from '../hooks/useConfirmDiscard';
import { useLang } from '../hooks/useLang';
import { call } from '../lib/kb';

type Bilingual = Record<Lang, string>;
interface Form {
  term: Bilingual;
  definition: Bilingual;
  note: Bilingual;
  topicIds: string[];
  sources: Source[];
}

const formOf = (term: GlossaryTerm | undefined): Form => ({
  term: { de: term?.term.de ?? '', nl: term?.term.nl ?? '' },
  definition: { de: term?.definition.de ?? '', nl: term?.definition.nl ?? '' },
  note: { de: term?.note?.de ?? '', nl: term?.note?.nl ?? '' },
  topicIds: term?.topicIds ?? [],
  sources: term?.sources ?? [],
});

export function GlossaryEditor({
  term,
  onClose,
  onSaved,
}: {
  term?: GlossaryTerm;
  onClose: () => void;
  onSaved: (term: GlossaryTerm) => void;
}) {
  const { t } = useTranslation('compare');
  const lang = useLang();
  const confirmDiscard = useConfirmDiscard();
  const action = useAction();
  const id = useId();
  const initial = formOf(term);
  const [form, setForm] = useState(initial);
  const [problem, setProblem] = useState('');
  const dirty = JSON.stringify(form) !== JSON.stringify(initial);

  const set = (field: 'term' | 'definition' | 'note', l: Lang, value: string) =>
    setForm((f) => ({ ...f, [field]: { ...f[field], [l]: value } }));

  async function save() {
    if (LANGUAGES.some((l) => !form.term[l].trim())) {
      setProblem(t('glossary.form.termMissing'));
      document.getElementById(`${id}-term-${LANGUAGES.find((l) => !form.term[l].trim())}`)?.focus();
      return;
    }
    if (!form.sources.every(isCompleteSource)) {
      setProblem(t('app:editor.problem.badSource'));
      return;
    }
    setProblem('');
    const input = { ...form, sources: form.sources.map((s) => ({ title: s.title.trim(), url: s.url.trim() })) };
    const saved = await action.run(() =>
      call('saveGlossaryTerm', { ...(term ? { id: term.id, baseUpdatedAt: term.updatedAt } : {}), term: input }),
    );
    if (saved) onSaved(saved);
  }

  async function close() {
    if (!dirty || (await confirmDiscard())) onClose();
  }

  const field = (kind: 'term' | 'definition' | 'note', l: Lang) => {
    const fieldId = `${id}-${kind}-${l}`;
    const language = t(`app:content.languageName.${l}`);
    return (
      <div className="glossary-field" key={fieldId}>
        <label htmlFor={fieldId}>{t(`glossary.form.${kind}`, { language })}</label>
        {kind === 'term' ? (
          <input
            id={fieldId}
            lang={l}
            value={form.term[l]}
            required
            aria-invalid={!!problem && !form.term[l].trim()}
            onChange={(e) => set(kind, l, e.target.value)}
          />
        ) : (
          <textarea
            id={fieldId}
            lang={l}
            rows={kind === 'definition' ? 4 : 3}
            value={form[kind][l]}
            onChange={(e) => set(kind, l, e.target.value)}
          />
        )}
      </div>
    );
  };

  return (
    <Dialog
      title={term ? t('glossary.form.editTitle', { term: term.term[lang] }) : t('glossary.form.newTitle')}
      onClose={() => void close()}
      actions={<DialogSaveCancel busy={action.busy} onSave={() => void save()} onCancel={() => void close()} />}
    >
      <div className="glossary-editor editor">
        <div className="editor-columns">
          {LANGUAGES.map((l) => (
            <fieldset key={l}>
              <legend>{t(`app:content.languageName.${l}`)}</legend>
              {field('term', l)}
              {field('definition', l)}
              {field('note', l)}
            </fieldset>
          ))}
        </div>
        <TopicCheckboxes
          legend={t('glossary.form.topics')}
          selected={form.topicIds}
          onChange={(topicIds) => setForm((f) => ({ ...f, topicIds }))}
        />
        <SourcesField sources={form.sources} onChange={(sources) => setForm((f) => ({ ...f, sources }))} />
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
