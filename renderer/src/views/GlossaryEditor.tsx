import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type GlossaryTerm, type Lang } from '../../../shared/model';
import { Dialog } from '../components/Dialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { useFeedback } from '../components/Feedback';
import { useAction } from '../hooks/useAction';
import { call } from '../lib/kb';
import { useOverview } from '../overview';

type Bilingual = Record<Lang, string>;
interface Form {
  term: Bilingual;
  definition: Bilingual;
  note: Bilingual;
  topicIds: string[];
}

const formOf = (term: GlossaryTerm | undefined): Form => ({
  term: { de: term?.term.de ?? '', nl: term?.term.nl ?? '' },
  definition: { de: term?.definition.de ?? '', nl: term?.definition.nl ?? '' },
  note: { de: term?.note?.de ?? '', nl: term?.note?.nl ?? '' },
  topicIds: term?.topicIds ?? [],
});

/** Adds or edits a glossary term: both languages side by side, definitions, a note where the concepts differ, topics. */
export function GlossaryEditor({ term, onClose, onSaved }: { term?: GlossaryTerm; onClose: () => void; onSaved: (term: GlossaryTerm) => void }) {
  const { t, i18n } = useTranslation('compare');
  const lang = i18n.language as Lang;
  const { overview } = useOverview();
  const { confirm } = useFeedback();
  const action = useAction();
  const id = useId();
  const initial = formOf(term);
  const [form, setForm] = useState(initial);
  const [problem, setProblem] = useState('');
  const dirty = JSON.stringify(form) !== JSON.stringify(initial);

  const set = (field: 'term' | 'definition' | 'note', l: Lang, value: string) => setForm((f) => ({ ...f, [field]: { ...f[field], [l]: value } }));
  const toggleTopic = (topicId: string, on: boolean) =>
    setForm((f) => ({ ...f, topicIds: on ? [...f.topicIds, topicId] : f.topicIds.filter((x) => x !== topicId) }));

  async function save() {
    if (LANGUAGES.some((l) => !form.term[l].trim())) {
      setProblem(t('glossary.form.termMissing'));
      document.getElementById(`${id}-term-${LANGUAGES.find((l) => !form.term[l].trim())}`)?.focus();
      return;
    }
    setProblem('');
    const saved = await action.run(() =>
      call('saveGlossaryTerm', { ...(term ? { id: term.id, baseUpdatedAt: term.updatedAt } : {}), term: form }),
    );
    if (saved) onSaved(saved);
  }

  async function close() {
    if (dirty) {
      const discard = await confirm({ title: t('app:unsaved.title'), message: t('app:unsaved.message'), confirmLabel: t('app:unsaved.discard'), danger: true });
      if (!discard) return;
    }
    onClose();
  }

  const field = (kind: 'term' | 'definition' | 'note', l: Lang) => {
    const fieldId = `${id}-${kind}-${l}`;
    const language = t(`app:content.languageName.${l}`);
    return (
      <div className="glossary-field" key={fieldId}>
        <label htmlFor={fieldId}>{t(`glossary.form.${kind}`, { language })}</label>
        {kind === 'term' ? (
          <input id={fieldId} lang={l} value={form.term[l]} required aria-invalid={!!problem && !form.term[l].trim()} onChange={(e) => set(kind, l, e.target.value)} />
        ) : (
          <textarea id={fieldId} lang={l} rows={kind === 'definition' ? 4 : 3} value={form[kind][l]} onChange={(e) => set(kind, l, e.target.value)} />
        )}
      </div>
    );
  };

  return (
    <Dialog
      title={term ? t('glossary.form.editTitle', { term: term.term[lang] }) : t('glossary.form.newTitle')}
      onClose={() => void close()}
      actions={
        <>
          <button type="button" onClick={() => void close()}>
            {t('app:action.cancel')}
          </button>
          <button type="button" className="primary" disabled={action.busy} onClick={() => void save()}>
            {t('app:action.save')}
          </button>
        </>
      }
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
        <fieldset className="checkboxes">
          <legend>{t('glossary.form.topics')}</legend>
          {overview.topics.map((topic) => (
            <label key={topic.id}>
              <input type="checkbox" checked={form.topicIds.includes(topic.id)} onChange={(e) => toggleTopic(topic.id, e.target.checked)} />
              {topic.name[lang]}
            </label>
          ))}
        </fieldset>
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
