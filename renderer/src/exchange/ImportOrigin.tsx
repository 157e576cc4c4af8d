/** Facts-list rows saying which partner's bundle a practice came from, and when it was imported. */
import { useTranslation } from 'react-i18next';
import type { RecordOrigin } from '../../../shared/responses';
import { useExchangeLabels } from './useExchangeLabels';
import { withinBrackets } from '../lib/withinBrackets';

export function ImportOrigin({ origin }: { origin?: RecordOrigin }) {
  const { t } = useTranslation('exchange');
  const labels = useExchangeLabels();
  if (!origin) return null;
  const { exportedBy } = origin;
  const values = {
    organisation: labels.organisation(exportedBy.organisationId),
    date: new Date(origin.importedAt),
  };
  return (
    <>
      <dt>{t('origin.label')}</dt>
      <dd className="origin">
        {exportedBy.name
          ? t('origin.practiceByPerson', {
              ...values,
              organisation: withinBrackets(values.organisation),
              name: exportedBy.name,
            })
          : t('origin.practice', values)}
      </dd>
    </>
  );
}
