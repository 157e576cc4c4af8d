/**
 * A practice's saved versions: any two compared word by word, and an older
 * one restored as a new version, so no edit is ever lost for good.
 */
import { diffWords } from 'diff';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Practice } from '../../../shared/model';
import { useNavigation } from '../app/navigation';
import { ErrorMessage } from '../components/ErrorMessage';
import { useFeedback } from '../components/Feedback';
import { Loading } from '../components/Loading';
import { VersionTable, versionsOf } from '../components/VersionTable';
import { ViewHeading } from '../components/ViewHeading';
import { useAction } from '../hooks/useAction';
import { useKbQuery } from '../hooks/useKbQuery';
import { useLang } from '../hooks/useLang';
import { call } from '../lib/kb';
import { pickText } from '../lib/texts';

export function PracticeHistory({ id }: { id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { navigate } = useNavigation();
  const { confirm, toast } = useFeedback();
  const current = useKbQuery('getPractice', { id });
  const revisions = useKbQuery('listRevisions', { id });
  const action = useAction();
  const [selected, setSelected] = useState<{ from?: string; to?: string }>({});

  if (current.error || revisions.error) return <ErrorMessage error={(current.error ?? revisions.error)!} />;
  if (!current.data || !revisions.data) return <Loading />;

  const versions = versionsOf(current.data.practice, revisions.data);
  const from = versions.find((v) => v.key === selected.from) ?? versions[1];
  const to = versions.find((v) => v.key === selected.to) ?? versions[0]!;
  const title = pickText(current.data.practice.texts, lang);

  async function restore(revisionId: string, when: string) {
    const ok = await confirm({
      title: t('history.restoreTitle'),
      message: t('history.restoreMessage', { when }),
      confirmLabel: t('history.restore'),
    });
    if (!ok) return;
    const restored = await action.run(() => call('restoreRevision', { id, revisionId }));
    if (!restored) return;
    toast({ message: t('history.restored', { when }) });
    navigate({ view: 'practice', id }, { replace: true });
  }

  return (
    <section aria-labelledby="view-heading">
      <button type="button" className="back" onClick={() => navigate({ view: 'practice', id })}>
        {t('practice.back')}
      </button>
      <ViewHeading>{t('history.heading', { title: title?.value.title })}</ViewHeading>
      {action.error && <ErrorMessage error={action.error} />}
      <VersionTable
        versions={versions}
        columns={[
          { header: t('history.author'), cell: (version) => version.record.updatedBy?.name ?? '—' },
          {
            header: t('history.compareFrom'),
            cell: (version, label) => (
              <input
                type="radio"
                name="from"
                aria-label={t('history.compareFromVersion', { version: label })}
                checked={from?.key === version.key}
                onChange={() => setSelected((s) => ({ ...s, from: version.key }))}
              />
            ),
          },
          {
            header: t('history.compareTo'),
            cell: (version, label) => (
              <input
                type="radio"
                name="to"
                aria-label={t('history.compareToVersion', { version: label })}
                checked={to.key === version.key}
                onChange={() => setSelected((s) => ({ ...s, to: version.key }))}
              />
            ),
          },
        ]}
        onRestore={(revisionId, when) => void restore(revisionId, when)}
      />
      {from && <VersionDiff from={from.record} to={to.record} />}
    </section>
  );
}

const FIELDS = ['title', 'summary', 'body'] as const;

/** Word-level differences per language and field; insertions and deletions are named for screen readers. */
function VersionDiff({ from, to }: { from: Practice; to: Practice }) {
  const { t } = useTranslation();
  const changes = LANGUAGES.flatMap((l) =>
    FIELDS.map((field) => ({ l, field, before: from.texts[l]?.[field] ?? '', after: to.texts[l]?.[field] ?? '' })),
  ).filter((c) => c.before !== c.after);
  return (
    <section aria-labelledby="diff-heading" className="diff">
      <h2 id="diff-heading">{t('history.differences')}</h2>
      {changes.length === 0 && <p>{t('history.noTextChanges')}</p>}
      {changes.map(({ l, field, before, after }) => (
        <div key={`${l}-${field}`}>
          <h3>
            {t('history.fieldInLanguage', { language: t(`content.languageName.${l}`), field: t(`editor.${field}`) })}
          </h3>
          <p className="diff-text" lang={l}>
            {diffWords(before, after).map((part, i) =>
              part.added ? (
                <ins key={i} aria-label={t('history.inserted', { text: part.value })}>
                  {part.value}
                </ins>
              ) : part.removed ? (
                <del key={i} aria-label={t('history.deleted', { text: part.value })}>
                  {part.value}
                </del>
              ) : (
                <span key={i}>{part.value}</span>
              ),
            )}
          </p>
        </div>
      ))}
    </section>
  );
}
