/**
 * The saved versions of a visit, an annotation, a glossary term or a
 * comparison cell in a dialog: who saved each, what it said, and a button
 * that restores an older one as a new version (after asking).
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Annotation, ComparisonEntry, GlossaryTerm, Visit } from '../../../shared/model';
import { useAction } from '../hooks/useAction';
import { useKbQuery } from '../hooks/useKbQuery';
import { call } from '../lib/kb';
import { Dialog } from './Dialog';
import { ErrorMessage } from './ErrorMessage';
import { useFeedback } from './Feedback';
import { Loading } from './Loading';
import { VersionTable, versionsOf } from './VersionTable';

interface Kinds {
  visits: Visit;
  annotations: Annotation;
  glossary: GlossaryTerm;
  comparison: ComparisonEntry;
}
type Kind = keyof Kinds;

const CHANNELS = {
  visits: { list: 'listVisitRevisions', restore: 'restoreVisitRevision' },
  annotations: { list: 'listAnnotationRevisions', restore: 'restoreAnnotationRevision' },
  glossary: { list: 'listGlossaryRevisions', restore: 'restoreGlossaryRevision' },
  comparison: { list: 'listComparisonRevisions', restore: 'restoreComparisonRevision' },
} as const;

export function RecordHistory<K extends Kind>({
  collection,
  current,
  title,
  onClose,
  onRestored,
  author,
  text,
  restoredMessage,
}: {
  collection: K;
  current: Kinds[K];
  title: string;
  onClose: () => void;
  onRestored: (when: string) => void;
  /** Who saved a version, when the record says. */
  author: (record: Kinds[K]) => string | undefined;
  /** What a version says. */
  text: (record: Kinds[K]) => ReactNode;
  /** The message after a restore, when the record's own words say it better than the general one. */
  restoredMessage?: (when: string) => string;
}) {
  const { t } = useTranslation('compare');
  const { confirm, toast } = useFeedback();
  const revisions = useKbQuery(CHANNELS[collection].list, { id: current.id });
  const action = useAction();

  async function restore(revisionId: string, when: string) {
    const ok = await confirm({
      title: t('history.restoreTitle'),
      message: t('history.restoreMessage', { when }),
      confirmLabel: t('history.restore'),
    });
    if (!ok) return;
    const restored = await action.run(() => call(CHANNELS[collection].restore, { id: current.id, revisionId }));
    if (!restored) return;
    toast({ message: restoredMessage?.(when) ?? t('app:history.restored', { when }) });
    onRestored(when);
  }

  const saved = (revisions.data ?? []) as unknown as { id: string; record: Kinds[K] }[];
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
            versions={versionsOf(current, saved)}
            columns={[
              { header: t('history.author'), cell: (version) => author(version.record) ?? '—' },
              {
                header: t('history.text'),
                cell: (version, label) => (
                  <details>
                    <summary>{t('history.showText', { version: label })}</summary>
                    {text(version.record)}
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
