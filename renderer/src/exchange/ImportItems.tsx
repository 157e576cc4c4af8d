/**
 * Which records an import would add, change, delete or bring into conflict,
 * by name in the reader's language, grouped by kind and outcome; each can be
 * opened to see the version the bundle brings. Counts above say how many;
 * this says which.
 */
import { useTranslation } from 'react-i18next';
import { BUNDLE_COLLECTIONS } from '../../../shared/bundle';
import { PREVIEW_ITEMS_PER_OUTCOME, type ImportItem, type ImportPreview } from '../../../shared/responses';
import { VersionContent } from './ConflictVersion';
import { useRecordTitle } from './useRecordTitle';

const OUTCOMES = ['added', 'updated', 'deleted', 'conflicts'] as const;

export function ImportItems({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation('exchange');
  const recordTitle = useRecordTitle();
  const groups = BUNDLE_COLLECTIONS.flatMap((collection) =>
    OUTCOMES.map((outcome) => ({
      collection,
      outcome,
      total: preview.counts[collection][outcome],
      items: preview.items.filter((item) => item.collection === collection && item.outcome === outcome),
    })),
  ).filter((group) => group.total > 0);
  if (groups.length === 0) return null;

  return (
    <div className="import-items">
      <h4>{t('import.items.heading')}</h4>
      {groups.map(({ collection, outcome, total, items }) => (
        <details key={`${collection}-${outcome}`} className="import-group">
          <summary>
            {t('import.items.group', {
              kind: t(`kindName.${collection}`),
              outcome: t(`import.header.${outcome}`),
              count: total,
            })}
          </summary>
          <ul>
            {items.map((item: ImportItem) => {
              const title = recordTitle(item.collection, item.record);
              return (
                <li key={item.id}>
                  <details>
                    <summary lang={title.lang}>{title.value}</summary>
                    <div className="import-record">
                      <VersionContent collection={item.collection} record={item.record} />
                    </div>
                  </details>
                </li>
              );
            })}
          </ul>
          {total > items.length && (
            <p className="hint">
              {t('import.items.more', { count: total - items.length, shown: PREVIEW_ITEMS_PER_OUTCOME })}
            </p>
          )}
        </details>
      ))}
    </div>
  );
}
