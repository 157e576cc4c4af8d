/**
 * The saved versions of one comparison cell in a dialog, each with its
 * texts; an older one can be restored as a new version.
 */
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../../shared/model';
import type { ComparisonCell } from '../../../shared/responses';
import { Dialog } from '../components/Dialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { useFeedback } from '../components/Feedback';
import { Loading } from '../components/Loading';
import { VersionTable, versionsOf } from '../components/VersionTable';
import { useAction } from '../hooks/useAction';
import { useKbQuery } from '../hooks/useKbQuery';
import { call } from '../lib/kb';

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
        ) : (
          <VersionTable
            versions={versionsOf(cell.entry, revisions.data)}
            columns={[
              {
                header: t('history.author'),
                cell: (version) =>
                  version.record.updatedBy?.name ?? (version.record.starter ? t('app:content.starter') : '—'),
              },
              {
                header: t('history.text'),
                cell: (version, label) => (
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
                ),
              },
            ]}
            onRestore={(revisionId, when) => void restore(revisionId, when)}
            restoring={action.busy}
          />
        )}
      </div>
    </Dialog>
  );
}
