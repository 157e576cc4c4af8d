import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Notice } from '../../../shared/contract';

/** What the user must be told once, such as a damaged store that was set aside. */
export function Notices({ notices }: { notices: Notice[] }) {
  const { t } = useTranslation();
  const [dismissed, setDismissed] = useState(false);
  if (dismissed || notices.length === 0) return null;
  return (
    <div className="notices" role="alert">
      {notices.map((notice) => (
        <p key={notice.kind + notice.movedTo}>{t('notices.storeRecovered', { path: notice.movedTo })}</p>
      ))}
      <button type="button" onClick={() => setDismissed(true)}>
        {t('notices.dismiss')}
      </button>
    </div>
  );
}
