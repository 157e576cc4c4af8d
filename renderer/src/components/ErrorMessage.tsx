import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../shared/error-message';
import type { KbCallError } from '../lib/kb';

/** A failed call, explained in the interface language. */
export function ErrorMessage({ error }: { error: KbCallError }) {
  const { t } = useTranslation('errors');
  return (
    <p className="message message-error" role="alert">
      {errorMessage(t, error.code, error.params)}
    </p>
  );
}
