/**
 * What importing a bundle would change, per kind of record and record by
 * record, before anything changes. Takes focus when shown, so keyboard users continue from here.
 */
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { BUNDLE_COLLECTIONS } from '../../../shared/bundle';
import type { ImportPreview as Preview } from '../../../shared/responses';
import { TableScroll } from '../components/TableScroll';
import { COUNT_KINDS } from './importCounts';
import { ImportItems } from './ImportItems';
import { useExchangeLabels } from './useExchangeLabels';
import { withinBrackets } from '../lib/withinBrackets';

export function ImportPreview({
  preview,
  busy,
  onConfirm,
  onCancel,
}: {
  preview: Preview;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('exchange');
  const labels = useExchangeLabels();
  const heading = useRef<HTMLHeadingElement>(null);
  const id = useId();
  useEffect(() => heading.current?.focus(), [preview.previewId]);

  const { exportedBy } = preview;
  const from = {
    organisation: labels.organisation(exportedBy.organisationId, preview.organisationName),
    date: new Date(preview.exportedAt),
  };
  const kinds = BUNDLE_COLLECTIONS.filter((c) => COUNT_KINDS.some((k) => preview.counts[c][k] > 0));
  const conflicts = BUNDLE_COLLECTIONS.some((c) => preview.counts[c].conflicts > 0);
  const nothingNew = preview.changeCount === 0;

  return (
    <section aria-labelledby={`${id}-heading`} className="import-preview">
      <h3 id={`${id}-heading`} ref={heading} tabIndex={-1}>
        {t('import.previewHeading', { fileName: preview.fileName })}
      </h3>
      <p>
        {exportedBy.name
          ? t('import.exportedByPerson', {
              ...from,
              organisation: withinBrackets(from.organisation),
              name: exportedBy.name,
            })
          : t('import.exportedBy', from)}
      </p>
      {kinds.length > 0 && (
        <TableScroll label={t('import.caption')}>
          <table className="counts">
            <caption>{t('import.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.kind')}</th>
                {COUNT_KINDS.map((k) => (
                  <th scope="col" key={k}>
                    {t(`import.header.${k}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {kinds.map((c) => (
                <tr key={c}>
                  <th scope="row">{t(`kindName.${c}`)}</th>
                  {COUNT_KINDS.map((k) => (
                    <td key={k}>{t('app:number', { value: preview.counts[c][k] })}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ImportItems preview={preview} />
      {nothingNew ? (
        <p>{t('import.nothingNew')}</p>
      ) : (
        <>
          {conflicts && <p className="hint">{t('import.conflictHint')}</p>}
          <p className="hint">{t('import.backupHint')}</p>
        </>
      )}
      <div className="form-actions">
        {!nothingNew && (
          <button type="button" className="primary" disabled={busy} onClick={onConfirm}>
            {t('import.confirm')}
          </button>
        )}
        <button type="button" disabled={busy} onClick={onCancel}>
          {nothingNew ? t('import.close') : t('import.cancel')}
        </button>
      </div>
    </section>
  );
}
