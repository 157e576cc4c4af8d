/**
 * The annotations on a practice's page: its lessons learned, questions and
 * comments, the form to add one, and editing or deleting one's own, with
 * its attachments (file dialog, drop, paste) while it is edited.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnnotationKind, LANGUAGES, type Lang } from '../../../shared/model';
import type { AnnotationInput } from '../../../shared/requests';
import type { AnnotationView } from '../../../shared/responses';
import { useOverview } from '../app/overview';
import { AttachmentsSection } from '../attachments/AttachmentsSection';
import { AnnotationItem } from '../components/AnnotationItem';
import { ErrorMessage } from '../components/ErrorMessage';
import { useFeedback } from '../components/Feedback';
import { useAction } from '../hooks/useAction';
import { useKbQuery } from '../hooks/useKbQuery';
import { useLang } from '../hooks/useLang';
import { call } from '../lib/kb';
import { visitLabel } from '../lib/visitLabel';

export function AnnotationsSection({ practiceId }: { practiceId: string }) {
  const { t } = useTranslation();
  const { reload: reloadOverview } = useOverview();
  const { confirm, toast } = useFeedback();
  const annotations = useKbQuery('listAnnotations', { practiceId, limit: 500 });
  const visits = useKbQuery('listVisits');
  const [editing, setEditing] = useState<string>();
  const action = useAction();

  const changed = () => {
    annotations.reload();
    reloadOverview();
  };

  async function remove(annotation: AnnotationView) {
    const ok = await confirm({
      title: t('annotation.deleteTitle'),
      message: t('annotation.deleteMessage'),
      confirmLabel: t('action.delete'),
      danger: true,
    });
    if (!ok || (await action.run(() => call('deleteAnnotation', { id: annotation.id }))) === undefined) return;
    changed();
    toast({
      message: t('annotation.deleted'),
      action: {
        label: t('action.undo'),
        run: () => void call('restoreAnnotation', { id: annotation.id }).then(changed),
      },
    });
  }

  const items = annotations.data?.items ?? [];
  return (
    <section aria-labelledby="annotations-heading" className="annotations">
      <h2 id="annotations-heading">{t('annotation.heading', { count: items.length })}</h2>
      {annotations.error && <ErrorMessage error={annotations.error} />}
      {action.error && <ErrorMessage error={action.error} />}
      {items.length > 0 && (
        <ul className="annotation-list">
          {items.map((annotation) =>
            editing === annotation.id ? (
              <li key={annotation.id} className="annotation-editing">
                <AnnotationForm
                  practiceId={practiceId}
                  existing={annotation}
                  onDone={() => {
                    setEditing(undefined);
                    changed();
                  }}
                />
                <AttachmentsSection
                  owner={{ kind: 'annotations', id: annotation.id }}
                  title={`${t(`annotation.kind.${annotation.kind}`)} – ${annotation.author}`}
                  headingLevel={3}
                />
              </li>
            ) : (
              <AnnotationItem
                key={annotation.id}
                annotation={annotation}
                visits={visits.data ?? []}
                actions={
                  annotation.mine && (
                    <div className="toolbar">
                      <button type="button" onClick={() => setEditing(annotation.id)}>
                        {t('action.edit')}
                      </button>
                      <button type="button" className="danger" onClick={() => void remove(annotation)}>
                        {t('action.delete')}
                      </button>
                    </div>
                  )
                }
              />
            ),
          )}
        </ul>
      )}
      {!editing && (
        <AnnotationForm
          practiceId={practiceId}
          onDone={(saved) => {
            changed();
            // Attachments belong to a saved annotation: offered right after, in its editing view.
            if (saved)
              toast({
                message: t('annotation.saved'),
                action: { label: t('annotation.addAttachments'), run: () => setEditing(saved.id) },
              });
          }}
        />
      )}
    </section>
  );
}

function AnnotationForm({
  practiceId,
  existing,
  onDone,
}: {
  practiceId: string;
  existing?: AnnotationView;
  /** Called with the annotation saved, or with nothing when editing was cancelled. */
  onDone: (saved?: AnnotationView) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { overview } = useOverview();
  const visits = useKbQuery('listVisits');
  const empty = { kind: 'lesson' as AnnotationKind, text: '', language: lang, visitId: '' };
  const [draft, setDraft] = useState(
    existing
      ? { kind: existing.kind, text: existing.text, language: existing.language, visitId: existing.visitId ?? '' }
      : empty,
  );
  const { run, busy, error } = useAction();
  const prefix = existing ? `edit-${existing.id}` : 'new-annotation';

  async function submit() {
    const annotation: AnnotationInput = {
      practiceId,
      kind: draft.kind,
      text: draft.text,
      language: draft.language,
      ...(draft.visitId ? { visitId: draft.visitId } : {}),
    };
    const saved = await run(() => call('saveAnnotation', { ...(existing ? { id: existing.id } : {}), annotation }));
    if (!saved) return;
    if (!existing) setDraft(empty);
    onDone(saved);
  }

  return (
    <form
      noValidate
      className="annotation-form"
      aria-label={existing ? t('annotation.editForm') : t('annotation.addForm')}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="form-row">
        <label>
          {t('annotation.kindLabel')}
          <select value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as AnnotationKind })}>
            {AnnotationKind.options.map((kind) => (
              <option key={kind} value={kind}>
                {t(`annotation.kind.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('annotation.language')}
          <select value={draft.language} onChange={(e) => setDraft({ ...draft, language: e.target.value as Lang })}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`content.languageName.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('annotation.visit')}
          <select value={draft.visitId} onChange={(e) => setDraft({ ...draft, visitId: e.target.value })}>
            <option value="">{t('annotation.noVisit')}</option>
            {(visits.data ?? []).map((v) => (
              <option key={v.id} value={v.id}>
                {visitLabel(v, lang, overview.organisations, t)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label htmlFor={`${prefix}-text`}>{t('annotation.text')}</label>
      <textarea
        id={`${prefix}-text`}
        lang={draft.language}
        rows={4}
        required
        value={draft.text}
        onChange={(e) => setDraft({ ...draft, text: e.target.value })}
      />
      {error && <ErrorMessage error={error} />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || !draft.text.trim()}>
          {existing ? t('action.save') : t('annotation.add')}
        </button>
        {existing && (
          <button type="button" onClick={() => onDone()}>
            {t('action.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
