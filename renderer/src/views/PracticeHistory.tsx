import { diffWords } from 'diff';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Lang, type Practice } from '../../../shared/model';
import { ErrorMessage } from '../components/ErrorMessage';
import { useFeedback } from '../components/Feedback';
import { Loading } from '../components/Loading';
import { ViewHeading } from '../components/ViewHeading';
import { useAction } from '../hooks/useAction';
import { useKbQuery } from '../hooks/useKbQuery';
import { call } from '../lib/kb';
import { pickText } from '../lib/texts';
import { useNavigation } from '../navigation';

interface Version {
  key: string;
  revisionId?: string;
  record: Practice;
}

/** The saved versions of a practice: compare any two, restore an older one. */
export function PracticeHistory({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { navigate } = useNavigation();
  const { confirm, toast } = useFeedback();
  const current = useKbQuery('getPractice', { id });
  const revisions = useKbQuery('listRevisions', { id });
  const action = useAction();
  const [selected, setSelected] = useState<{ from?: string; to?: string }>({});

  if (current.error || revisions.error) return <ErrorMessage error={(current.error ?? revisions.error)!} />;
  if (!current.data || !revisions.data) return <Loading />;

  const versions: Version[] = [
    { key: 'current', record: current.data.practice },
    ...revisions.data.map((r) => ({ key: r.id, revisionId: r.id, record: r.record })),
  ];
  const from = versions.find((v) => v.key === selected.from) ?? versions[1];
  const to = versions.find((v) => v.key === selected.to) ?? versions[0]!;
  const title = pickText(current.data.practice.texts, lang);

  async function restore(version: Version) {
    const when = t('content.dateTime', { date: new Date(version.record.updatedAt) });
    const ok = await confirm({ title: t('history.restoreTitle'), message: t('history.restoreMessage', { when }), confirmLabel: t('history.restore') });
    if (!ok || !version.revisionId) return;
    const restored = await action.run(() => call('restoreRevision', { id, revisionId: version.revisionId! }));
    if (!restored) return;
    toast({ message: t('history.restored', { when }) });
    navigate({ view: 'practice', id }, { replace: true });
  }

  return (
    <section aria-labelledby="view-heading">
      <button type="button" className="back" onClick={() => navigate({ view: 'practice', id })}>
        {t('practice.back')}
      </button>
      <ViewHeading>{t('history.heading', { title: title?.value })}</ViewHeading>
      {action.error && <ErrorMessage error={action.error} />}
      {versions.length === 1 ? (
        <p>{t('history.none')}</p>
      ) : (
        <>
          <table className="versions">
            <caption>{t('history.caption', { count: versions.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('history.version')}</th>
                <th scope="col">{t('history.author')}</th>
                <th scope="col">{t('history.compareFrom')}</th>
                <th scope="col">{t('history.compareTo')}</th>
                <th scope="col">{t('history.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((version, index) => {
                const label = index === 0 ? t('history.current') : t('content.dateTime', { date: new Date(version.record.updatedAt) });
                return (
                  <tr key={version.key}>
                    <th scope="row">
                      <time dateTime={version.record.updatedAt}>{label}</time>
                    </th>
                    <td>{version.record.updatedBy?.name ?? '—'}</td>
                    <td>
                      <input
                        type="radio"
                        name="from"
                        aria-label={t('history.compareFromVersion', { version: label })}
                        checked={from?.key === version.key}
                        onChange={() => setSelected((s) => ({ ...s, from: version.key }))}
                      />
                    </td>
                    <td>
                      <input
                        type="radio"
                        name="to"
                        aria-label={t('history.compareToVersion', { version: label })}
                        checked={to.key === version.key}
                        onChange={() => setSelected((s) => ({ ...s, to: version.key }))}
                      />
                    </td>
                    <td>
                      {version.revisionId && (
                        <button type="button" onClick={() => void restore(version)}>
                          {t('history.restoreVersion', { version: label })}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {from && <VersionDiff from={from.record} to={to.record} />}
        </>
      )}
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
