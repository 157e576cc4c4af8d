/** The imports so far, newest first, and undoing the latest after confirming. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportSummary } from '../../../shared/responses';
import { useOverview } from '../app/overview';
import { ErrorMessage } from '../components/ErrorMessage';
import { useFeedback } from '../components/Feedback';
import { Loading } from '../components/Loading';
import { TableScroll } from '../components/TableScroll';
import { useAction } from '../hooks/useAction';
import type { Query } from '../hooks/useKbQuery';
import { call } from '../lib/kb';
import { totalCounts } from './importCounts';
import { useExchangeLabels } from './useExchangeLabels';
import { withinBrackets } from '../lib/withinBrackets';

const COLUMNS = ['added', 'updated', 'deleted', 'conflicts'] as const;

export function ImportHistory({ imports }: { imports: Query<ImportSummary[]> }) {
  const { t } = useTranslation('exchange');
  const labels = useExchangeLabels();
  const { reload } = useOverview();
  const { confirm } = useFeedback();
  const { run, busy, error } = useAction();
  const [undone, setUndone] = useState<ImportSummary>();
  const id = useId();

  const latest = imports.data?.[0];
  async function undoLast(entry: ImportSummary) {
    setUndone(undefined);
    const ok = await confirm({
      title: t('history.undoTitle'),
      message: t('history.undoMessage', { fileName: entry.fileName, date: new Date(entry.importedAt) }),
      confirmLabel: t('history.undoConfirm'),
      danger: true,
    });
    if (!ok) return;
    const result = await run(() => call('undoLastImport'));
    imports.reload();
    if (!result) return;
    setUndone(result);
    reload();
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="exchange-section">
      <h2 id={`${id}-heading`}>{t('history.heading')}</h2>
      {imports.error && <ErrorMessage error={imports.error} />}
      <div role="status" className="exchange-status">
        {busy && <p className="loading">{t('history.undoing')}</p>}
        {undone && <p className="message message-success">{t('history.undoDone', { fileName: undone.fileName })}</p>}
      </div>
      {error && <ErrorMessage error={error} />}
      {!imports.data ? (
        <Loading />
      ) : imports.data.length === 0 ? (
        <p>{t('history.empty')}</p>
      ) : (
        <>
          {latest?.undoable && (
            <div className="toolbar">
              <button type="button" className="danger" disabled={busy} onClick={() => void undoLast(latest)}>
                {t('history.undo')}
              </button>
            </div>
          )}
          <p className="hint">{t('history.undoHint')}</p>
          <TableScroll label={t('history.caption')}>
            <table className="counts history">
              <caption>{t('history.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('history.importedAt')}</th>
                  <th scope="col">{t('history.from')}</th>
                  <th scope="col">{t('history.file')}</th>
                  {COLUMNS.map((k) => (
                    <th scope="col" key={k}>
                      {t(`import.header.${k}`)}
                    </th>
                  ))}
                  <th scope="col">{t('history.status')}</th>
                </tr>
              </thead>
              <tbody>
                {imports.data.map((entry) => {
                  const total = totalCounts(entry.counts);
                  const organisation = labels.organisation(entry.exportedBy.organisationId);
                  return (
                    <tr key={entry.id}>
                      <th scope="row">
                        <time dateTime={entry.importedAt}>
                          {t('history.date', { date: new Date(entry.importedAt) })}
                        </time>
                      </th>
                      <td>
                        {entry.exportedBy.name
                          ? `${entry.exportedBy.name} (${withinBrackets(organisation)})`
                          : organisation}
                      </td>
                      <td className="file-name">{entry.fileName}</td>
                      {COLUMNS.map((k) => (
                        <td key={k}>{t('app:number', { value: total[k] })}</td>
                      ))}
                      <td>
                        {entry.undoneAt
                          ? t('history.undone', { date: new Date(entry.undoneAt) })
                          : t('history.applied')}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </section>
  );
}
