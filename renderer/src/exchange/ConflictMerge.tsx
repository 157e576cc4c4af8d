/**
 * A practice in conflict merged by hand: the editor starts from the fields
 * chosen on the conflicts screen (version 1 where none was chosen), the other
 * versions are shown above it to take from; saving replaces all versions with
 * the merged text.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Practice } from '../../../shared/model';
import type { ConflictView } from '../../../shared/responses';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { useKbQuery } from '../hooks/useKbQuery';
import { PracticeForm } from '../practices/PracticeEditor';
import { VersionContent, VersionOrigin } from './ConflictVersion';

export function ConflictMerge({
  conflict,
  start,
  onCancel,
}: {
  conflict: ConflictView;
  start: Practice;
  onCancel: () => void;
}) {
  const { t } = useTranslation('exchange');
  const { data, error } = useKbQuery('getPractice', { id: conflict.recordId });
  // The stored practice's updatedAt stays: the save is checked against what is stored now.
  const existing = useMemo(
    () => data && { ...data, practice: { ...start, updatedAt: data.practice.updatedAt } },
    [data, start],
  );
  if (error) return <ErrorMessage error={error} />;
  if (!existing) return <Loading />;
  const intro = (
    <>
      <p>{t('merge.intro')}</p>
      <details className="merge-others" open>
        <summary>{t('merge.others')}</summary>
        {conflict.others.map((version, i) => (
          <section key={version.hash} className="conflict-version" aria-label={t('conflicts.other', { n: i + 2 })}>
            <h2>{t('conflicts.other', { n: i + 2 })}</h2>
            <VersionOrigin record={version.record} />
            <VersionContent collection="practices" record={version.record} />
          </section>
        ))}
      </details>
    </>
  );
  return <PracticeForm existing={existing} merge={{ intro, onCancel }} />;
}
