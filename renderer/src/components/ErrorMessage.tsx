/** A failed call, explained in the interface language; technical detail, where there is any, one click away. */
import { useTranslation } from 'react-i18next';
import { errorDetail, errorMessage } from '../../../shared/error-message';
import type { KbCallError } from '../lib/kb';

export function ErrorMessage({ error }: { error: KbCallError }) {
  const { t } = useTranslation('errors');
  const detail = errorDetail(t, error.code, error.params);
  return (
    <div className="message message-error" role="alert">
      <p>{errorMessage(t, error.code, error.params)}</p>
      {detail && (
        <details>
          <summary>{t('detail.heading')}</summary>
          <p>{detail}</p>
        </details>
      )}
    </div>
  );
}
