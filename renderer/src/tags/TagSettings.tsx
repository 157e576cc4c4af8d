/**
 * Settings: the tags in use, each with its German and Dutch name and how many
 * practices carry it; rename (the names), merge into another tag, delete. A
 * merge or deletion changes practices, so it is confirmed with their number
 * first; each can be undone from the message that follows.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TagInfo } from '../../../shared/responses';
import { useOverview } from '../app/overview';
import { ErrorMessage } from '../components/ErrorMessage';
import { useFeedback } from '../components/Feedback';
import { useAction } from '../hooks/useAction';
import { call } from '../lib/kb';
import { useTagLabels } from './useTagLabels';

type Row = TagInfo & { text: string };
type Editing = { tag: string; mode: 'rename' | 'merge' } | undefined;

export function TagSettings() {
  const { t } = useTranslation();
  const { reload } = useOverview();
  const { confirm, toast } = useFeedback();
  const { tags, collator } = useTagLabels();
  const action = useAction();
  const [editing, setEditing] = useState<Editing>();
  const rows = [...tags].sort((a, b) => collator.compare(a.text, b.text));

  const undoable = (message: string, change: Awaited<ReturnType<typeof mergeCall>>) =>
    toast({
      message,
      action: {
        label: t('action.undo'),
        run: () =>
          void action.run(async () => {
            const result = await call('undoTagChange', change);
            reload();
            toast({
              message:
                result.skipped > 0
                  ? t('tags.undoneExceptEdited', { count: result.restored, skipped: result.skipped })
                  : t('tags.undone', { count: result.restored }),
            });
          }),
      },
    });

  async function remove(row: Row) {
    const ok = await confirm({
      title: t('tags.deleteTitle', { tag: row.text }),
      message: t('tags.deleteMessage', { tag: row.text, count: row.count }),
      confirmLabel: t('tags.delete'),
      danger: true,
    });
    if (!ok) return;
    const change = await action.run(() => call('deleteTag', { tag: row.tag }));
    if (!change) return;
    reload();
    undoable(t('tags.deleted', { tag: row.text, count: change.practices.length }), change);
  }

  async function merge(row: Row, into: Row) {
    const ok = await confirm({
      title: t('tags.mergeTitle', { tag: row.text, into: into.text }),
      message: t('tags.mergeMessage', { tag: row.text, into: into.text, count: row.count }),
      confirmLabel: t('tags.merge'),
      danger: true,
    });
    if (!ok) return;
    const change = await action.run(() => mergeCall(row.tag, into.tag));
    if (!change) return;
    setEditing(undefined);
    reload();
    undoable(t('tags.merged', { tag: row.text, into: into.text, count: change.practices.length }), change);
  }

  async function rename(row: Row, label: { de: string; nl: string }) {
    const renamed = await action.run(() => call('renameTag', { tag: row.tag, label }));
    if (!renamed) return;
    setEditing(undefined);
    reload();
    const before = row.label;
    toast({
      message: t('tags.renamed', { tag: row.text }),
      // Names given before can simply be given again.
      ...(before && {
        action: {
          label: t('action.undo'),
          run: () =>
            void action.run(async () => {
              await call('renameTag', { tag: row.tag, label: before });
              reload();
            }),
        },
      }),
    });
  }

  return (
    <section aria-labelledby="tags-heading">
      <h2 id="tags-heading">{t('tags.heading')}</h2>
      <p>{t('tags.explain')}</p>
      {action.error && <ErrorMessage error={action.error} />}
      {rows.length === 0 ? (
        <p>{t('tags.none')}</p>
      ) : (
        <table className="tag-table">
          <caption className="visually-hidden">{t('tags.caption', { count: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tags.nameDe')}</th>
              <th scope="col">{t('tags.nameNl')}</th>
              <th scope="col">{t('tags.practices')}</th>
              <th scope="col">{t('tags.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.tag}>
                <td lang="de">{row.label?.de ?? row.tag}</td>
                <td lang="nl">{row.label?.nl ?? row.tag}</td>
                <td>{t('number', { value: row.count })}</td>
                <td>
                  {editing?.tag === row.tag && editing.mode === 'rename' ? (
                    <RenameForm
                      row={row}
                      busy={action.busy}
                      onSave={(label) => void rename(row, label)}
                      onCancel={() => setEditing(undefined)}
                    />
                  ) : editing?.tag === row.tag && editing.mode === 'merge' ? (
                    <MergeForm
                      row={row}
                      others={rows.filter((r) => r.tag !== row.tag)}
                      busy={action.busy}
                      onMerge={(into) => void merge(row, into)}
                      onCancel={() => setEditing(undefined)}
                    />
                  ) : (
                    <div className="row-actions">
                      <button
                        type="button"
                        aria-label={t('tags.renameOne', { tag: row.text })}
                        onClick={() => setEditing({ tag: row.tag, mode: 'rename' })}
                      >
                        {t('tags.rename')}
                      </button>
                      <button
                        type="button"
                        aria-label={t('tags.mergeOne', { tag: row.text })}
                        disabled={rows.length < 2}
                        onClick={() => setEditing({ tag: row.tag, mode: 'merge' })}
                      >
                        {t('tags.merge')}
                      </button>
                      <button
                        type="button"
                        className="danger"
                        aria-label={t('tags.deleteOne', { tag: row.text })}
                        disabled={action.busy}
                        onClick={() => void remove(row)}
                      >
                        {t('tags.delete')}
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const mergeCall = (tag: string, into: string) => call('mergeTags', { tag, into });

function RenameForm({
  row,
  busy,
  onSave,
  onCancel,
}: {
  row: Row;
  busy: boolean;
  onSave: (label: { de: string; nl: string }) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [de, setDe] = useState(row.label?.de ?? row.tag);
  const [nl, setNl] = useState(row.label?.nl ?? row.tag);
  const [problem, setProblem] = useState<string>();
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!de.trim() || !nl.trim()) return setProblem(t('tags.nameMissing'));
    onSave({ de: de.trim(), nl: nl.trim() });
  };
  return (
    <form className="tag-form" noValidate onSubmit={submit} aria-label={t('tags.renameOne', { tag: row.text })}>
      <label>
        {t('tags.nameDe')}
        <input lang="de" value={de} maxLength={60} onChange={(e) => setDe(e.target.value)} autoFocus />
      </label>
      <label>
        {t('tags.nameNl')}
        <input lang="nl" value={nl} maxLength={60} onChange={(e) => setNl(e.target.value)} />
      </label>
      {problem && (
        <p id={`${id}-problem`} className="error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {t('action.save')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('action.cancel')}
      </button>
    </form>
  );
}

function MergeForm({
  row,
  others,
  busy,
  onMerge,
  onCancel,
}: {
  row: Row;
  others: Row[];
  busy: boolean;
  onMerge: (into: Row) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [into, setInto] = useState(others[0]!.tag);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const target = others.find((o) => o.tag === into);
    if (target) onMerge(target);
  };
  return (
    <form className="tag-form" noValidate onSubmit={submit} aria-label={t('tags.mergeOne', { tag: row.text })}>
      <label>
        {t('tags.mergeInto', { tag: row.text })}
        <select value={into} onChange={(e) => setInto(e.target.value)} autoFocus>
          {others.map((o) => (
            <option key={o.tag} value={o.tag}>
              {o.text}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" disabled={busy}>
        {t('tags.merge')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('action.cancel')}
      </button>
    </form>
  );
}
