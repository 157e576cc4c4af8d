import { useTranslation } from 'react-i18next';
import type { ComparisonCell } from '../../../shared/contract';
import { LANGUAGES, type ComparisonEntry } from '../../../shared/model';
import { Dialog } from '../components/Dialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { useFeedback } from '../components/Feedback';
import { Loading } from '../components/Loading';
import { useAction } from '../hooks/useAction';
import { useKbQuery } from '../hooks/useKbQuery';
import { call } from '../lib/kb';

/** The saved versions of one cell, with their texts; an older one can be restored as a new version. */
export function CompareCellHistory({
  cell,
  title,
  onClose,
  onRestored,
}: {
  cell: ComparisonCell;
  title: string;
  onClose: () => void;
  onRestored: (cell: ComparisonCell, when: string) => void;
}) {
  const { t } = useTranslation('compare');
  const { confirm } = useFeedback();
  const revisions = useKbQuery('listComparisonRevisions', { id: cell.entry.id });
  const action = useAction();

  const versions: { key: string; revisionId?: string; record: ComparisonEntry }[] = [
    { key: 'current', record: cell.entry },
    ...(revisions.data ?? []).map((r) => ({ key: r.id, revisionId: r.id, record: r.record })),
  ];

  async function restore(revisionId: string, when: string) {
    const ok = await confirm({
      title: t('history.restoreTitle'),
      message: t('history.restoreMessage', { when }),
      confirmLabel: t('history.restore'),
    });
    if (!ok) return;
    const restored = await action.run(() => call('restoreComparisonRevision', { id: cell.entry.id, revisionId }));
    if (restored) onRestored(restored, when);
  }

  return (
    <Dialog
      title={title}
      onClose={onClose}
      actions={
        <button type="button" onClick={onClose}>
          {t('history.close')}
        </button>
      }
    >
      <div className="cell-history">
        {revisions.error && <ErrorMessage error={revisions.error} />}
        {action.error && <ErrorMessage error={action.error} />}
        {!revisions.data ? (
          <Loading />
        ) : versions.length === 1 ? (
          <p>{t('history.none')}</p>
        ) : (
          <table className="versions">
            <caption>{t('history.caption', { count: versions.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('history.version')}</th>
                <th scope="col">{t('history.author')}</th>
                <th scope="col">{t('history.text')}</th>
                <th scope="col">{t('history.action')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((version, index) => {
                const when = t('app:content.dateTime', { date: new Date(version.record.updatedAt) });
                const label = index === 0 ? t('history.current') : when;
                return (
                  <tr key={version.key}>
                    <th scope="row">
                      <time dateTime={version.record.updatedAt}>{label}</time>
                    </th>
                    <td>{version.record.updatedBy?.name ?? (version.record.starter ? t('app:content.starter') : '—')}</td>
                    <td>
                      <details>
                        <summary>{t('history.showText', { version: label })}</summary>
                        {LANGUAGES.map((l) => (
                          <div key={l}>
                            <h3>{t(`app:content.languageName.${l}`)}</h3>
                            <p className="diff-text" lang={l}>
                              {version.record.text[l] ?? '—'}
                            </p>
                          </div>
                        ))}
                      </details>
                    </td>
                    <td>
                      {version.revisionId && (
                        <button type="button" disabled={action.busy} onClick={() => void restore(version.revisionId!, when)}>
                          {t('history.restoreVersion', { version: when })}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </Dialog>
  );
}
