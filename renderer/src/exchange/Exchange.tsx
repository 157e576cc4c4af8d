/** Exchanging knowledge with the partner city: export a bundle, import one, and look back at (or undo) imports. */
import { useTranslation } from 'react-i18next';
import { ViewHeading } from '../components/ViewHeading';
import { useKbQuery } from '../hooks/useKbQuery';
import { ExchangeExport } from './ExchangeExport';
import { ImportBundle } from './ImportBundle';
import { ImportHistory } from './ImportHistory';

export function Exchange() {
  const { t } = useTranslation('exchange');
  const imports = useKbQuery('listImports');
  return (
    <section aria-labelledby="view-heading">
      <ViewHeading>{t('heading')}</ViewHeading>
      <p>{t('intro')}</p>
      <ExchangeExport />
      <ImportBundle onImported={imports.reload} />
      <ImportHistory imports={imports} />
    </section>
  );
}
