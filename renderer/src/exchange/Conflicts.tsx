/**
 * Records edited here and at the partner's since they last exchanged: every
 * version side by side, to keep one of them or, for a practice, to choose per
 * field which version to start from and merge them in the editor.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Practice } from '../../../shared/model';
import type { ConflictView, RecordVersion } from '../../../shared/responses';
import { useOverview } from '../app/overview';
import { ErrorMessage } from '../components/ErrorMessage';
import { useFeedback } from '../components/Feedback';
import { Loading } from '../components/Loading';
import { ViewHeading } from '../components/ViewHeading';
import { useAction } from '../hooks/useAction';
import { useKbQuery } from '../hooks/useKbQuery';
import { call } from '../lib/kb';
import { ConflictMerge } from './ConflictMerge';
import { VersionContent, VersionOrigin } from './ConflictVersion';
import { PracticeConflictFields } from './PracticeConflictFields';
import { useRecordTitle } from './useRecordTitle';

export function Conflicts() {
  const { t } = useTranslation('exchange');
  const conflicts = useKbQuery('listConflicts');
  const [merging, setMerging] = useState<{ conflict: ConflictView; start: Practice }>();

  if (merging) {
    return (
      <ConflictMerge
        conflict={merging.conflict}
        start={merging.start}
        onCancel={() => {
          setMerging(undefined);
          conflicts.reload();
        }}
      />
    );
  }
  return (
    <section aria-labelledby="view-heading">
      <ViewHeading>{t('conflicts.heading')}</ViewHeading>
      {conflicts.error && <ErrorMessage error={conflicts.error} />}
      {!conflicts.data ? (
        <Loading />
      ) : conflicts.data.length === 0 ? (
        <p>{t('conflicts.empty')}</p>
      ) : (
        <>
          <p>{t('conflicts.intro')}</p>
          <p className="list-count">{t('conflicts.count', { count: conflicts.data.length })}</p>
          <ul className="conflict-list">
            {conflicts.data.map((conflict) => (
              <li key={`${conflict.collection}:${conflict.recordId}`}>
                <ConflictItem
                  conflict={conflict}
                  onResolved={conflicts.reload}
                  onMerge={(start) => setMerging({ conflict, start })}
                />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ConflictItem({
  conflict,
  onResolved,
  onMerge,
}: {
  conflict: ConflictView;
  onResolved: () => void;
  onMerge: (start: Practice) => void;
}) {
  const { t } = useTranslation('exchange');
  const { reload } = useOverview();
  const { confirm, toast } = useFeedback();
  const { run, busy, error } = useAction();
  const recordTitle = useRecordTitle();
  const id = useId();
  const { collection, recordId } = conflict;
  const title = recordTitle(collection, conflict.current.record);
  const versions = [conflict.current, ...conflict.others];

  async function keep(version: RecordVersion, n: number) {
    const kept = recordTitle(collection, version.record).value;
    const ok = await confirm({
      title: t('conflicts.keepTitle', { n }),
      message: t(collection === 'practices' ? 'conflicts.keepMessagePractice' : 'conflicts.keepMessage', {
        n,
        title: title.value,
      }),
      confirmLabel: t('conflicts.keep', { n }),
      danger: true,
    });
    if (!ok) return;
    if ((await run(() => call('resolveConflict', { collection, recordId, hash: version.hash }))) === undefined) return;
    reload();
    onResolved();
    toast({ message: t('conflicts.kept', { n, title: kept }) });
  }

  return (
    <article className="conflict" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {t(`kindSingular.${collection}`)}: <span lang={title.lang}>{title.value}</span>
      </h2>
      {error && <ErrorMessage error={error} />}
      <div className="conflict-versions">
        {versions.map((version, i) => (
          <section key={version.hash} className="conflict-version" aria-labelledby={`${id}-v${i}`}>
            <h3 id={`${id}-v${i}`}>{i === 0 ? t('conflicts.current') : t('conflicts.other', { n: i + 1 })}</h3>
            <VersionOrigin record={version.record} />
            {collection === 'practices' ? (
              // The title says which version is which; the fields below show where they differ.
              <p className="version-title" lang={recordTitle(collection, version.record).lang}>
                {recordTitle(collection, version.record).value}
              </p>
            ) : (
              <VersionContent collection={collection} record={version.record} />
            )}
            <button type="button" disabled={busy} onClick={() => void keep(version, i + 1)}>
              {t('conflicts.keep', { n: i + 1 })}
            </button>
          </section>
        ))}
      </div>
      {collection === 'practices' && (
        <PracticeConflictFields
          versions={versions.map((version) => version.record as Practice)}
          title={title.value}
          busy={busy}
          onMerge={onMerge}
        />
      )}
    </article>
  );
}
