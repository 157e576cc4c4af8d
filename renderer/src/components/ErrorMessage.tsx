/** A failed call, explained in the interface language. */
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../shared/error-message';
import type { KbCallError } from '../lib/kb';

export function ErrorMessage({ error }: { error: KbCallError }) {
  const { t } = useTranslation('errors');
  return (
    <p className="message message-error" role="alert">
      {errorMessage(t, error.code, error.params)}
    </p>
  );
}
