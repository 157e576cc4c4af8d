/** What a view shows while its data is on its way, announced to screen readers as a status. */
import { useTranslation } from 'react-i18next';

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('status.loading')}
    </p>
  );
}
