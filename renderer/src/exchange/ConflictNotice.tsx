/** On a practice's page: other versions from the exchange are waiting, with the way to them. */
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../app/navigation';

export function ConflictNotice({ count }: { count: number }) {
  const { t } = useTranslation('exchange');
  const { navigate } = useNavigation();
  if (count === 0) return null;
  return (
    <div className="message message-warning conflict-notice">
      <p>{t('conflicts.notice', { count })}</p>
      <button type="button" onClick={() => navigate({ view: 'conflicts' })}>
        {t('conflicts.resolve')}
      </button>
    </div>
  );
}
