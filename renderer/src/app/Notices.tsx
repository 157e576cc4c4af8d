/** What the user must be told once, such as a damaged store that was set aside or restored. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Notice } from '../../../shared/responses';

export function Notices({ notices }: { notices: Notice[] }) {
  const { t } = useTranslation();
  const [dismissed, setDismissed] = useState(false);
  if (dismissed || notices.length === 0) return null;
  return (
    <div className="notices" role="alert">
      {notices.map((notice) => (
        <p key={notice.kind + ('movedTo' in notice ? notice.movedTo : '')}>{noticeText(t, notice)}</p>
      ))}
      <button type="button" onClick={() => setDismissed(true)}>
        {t('notices.dismiss')}
      </button>
    </div>
  );
}

function noticeText(t: ReturnType<typeof useTranslation>['t'], notice: Notice): string {
  switch (notice.kind) {
    case 'attachmentsUnavailable':
      return t('notices.attachmentsUnavailable', { count: notice.count });
    case 'storeRecovered':
      return t('notices.storeRecovered', { path: notice.movedTo });
    case 'storeRestoredFromBackup':
      return t(notice.complete ? 'notices.storeRestoredComplete' : 'notices.storeRestoredFromBackup', {
        path: notice.movedTo,
        takenAt: new Date(notice.backupTakenAt),
      });
    case 'storePartlyRestored':
      return t('notices.storePartlyRestored', { path: notice.movedTo, until: new Date(notice.restoredUntil) });
  }
}
