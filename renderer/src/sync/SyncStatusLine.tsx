/** The sync state where users look, under the sidebar's sections: synced at HH:MM, changes waiting, folder not reachable, problems. */
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../shared/responses';

export function SyncStatusLine({ status }: { status: SyncStatus }) {
  const { t } = useTranslation('exchange');
  const connections = status.connections;
  if (connections.length === 0) return null;
  const pending = connections.reduce((sum, c) => sum + (c.pending ?? 0), 0);
  const problems = connections.reduce((sum, c) => sum + c.problems.length, 0);
  const parts: string[] = [];
  if (connections.some((c) => c.state === 'unreachable')) parts.push(t('sync.state.unreachable'));
  else if (connections.some((c) => c.state === 'failed')) parts.push(t('sync.state.failed'));
  else if (connections.some((c) => c.state === 'starting' || c.state === 'syncing') && pending === 0)
    parts.push(t('sync.state.syncing'));
  else if (pending === 0) {
    const last = connections
      .map((c) => c.lastSyncedAt)
      .filter((at): at is string => at !== undefined)
      .sort()[0];
    parts.push(last ? t('sync.state.syncedAt', { date: new Date(last) }) : t('sync.state.syncing'));
  }
  if (pending > 0) parts.push(t('sync.state.pending', { count: pending }));
  if (problems > 0) parts.push(t('sync.state.problems', { count: problems }));
  const trouble = connections.some((c) => c.state === 'unreachable' || c.state === 'failed') || problems > 0;
  return (
    <p className={trouble ? 'sync-status sync-trouble' : 'sync-status'} role="status" data-testid="sync-status">
      {parts.join(' · ')}
    </p>
  );
}
