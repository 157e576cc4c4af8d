/**
 * The saved versions of a record as a table, the current version first: the
 * part the practice history and the comparison-cell history share. Each adds
 * its own columns (author, comparing, the text) between the version and the
 * restore button.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A version of a record: the current one (no revision id) or a saved revision. */
export interface Version<R> {
  key: string;
  revisionId?: string;
  record: R;
}

/** The current record followed by its saved revisions, in the order the knowledge base lists them (newest first). */
export function versionsOf<R>(current: R, revisions: readonly { id: string; record: R }[]): Version<R>[] {
  return [
    { key: 'current', record: current },
    ...revisions.map((r) => ({ key: r.id, revisionId: r.id, record: r.record })),
  ];
}

/** One of the caller's columns; `label` names the version as its row does. */
export interface VersionColumn<R> {
  header: string;
  cell: (version: Version<R>, label: string) => ReactNode;
}

export function VersionTable<R extends { updatedAt: string }>({
  versions,
  columns,
  onRestore,
  restoring,
}: {
  versions: Version<R>[];
  columns: VersionColumn<R>[];
  /** `when` is the date and time the version was saved, as its row names it. */
  onRestore: (revisionId: string, when: string) => void;
  /** A restore is on its way: the restore buttons wait. */
  restoring?: boolean;
}) {
  const { t } = useTranslation();
  if (versions.length === 1) return <p>{t('history.none')}</p>;
  return (
    <table className="versions">
      <caption>{t('history.caption', { count: versions.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('history.version')}</th>
          {columns.map((column) => (
            <th scope="col" key={column.header}>
              {column.header}
            </th>
          ))}
          <th scope="col">{t('history.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((version, index) => {
          const label =
            index === 0 ? t('history.current') : t('content.dateTime', { date: new Date(version.record.updatedAt) });
          return (
            <tr key={version.key}>
              <th scope="row">
                <time dateTime={version.record.updatedAt}>{label}</time>
              </th>
              {columns.map((column) => (
                <td key={column.header}>{column.cell(version, label)}</td>
              ))}
              <td>
                {version.revisionId && (
                  <button type="button" disabled={restoring} onClick={() => onRestore(version.revisionId!, label)}>
                    {t('history.restoreVersion', { version: label })}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
