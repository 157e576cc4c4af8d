/**
 * How syncing with the shared folders goes, and what is new since the
 * user's last look, asked again every few seconds: sync runs in the
 * background in main, and this is how the window hears of it. When
 * something new arrived, the overview (and with it the lists) is reloaded.
 */
import { useEffect, useRef } from 'react';
import { useOverview } from '../app/overview';
import { useKbQuery } from '../hooks/useKbQuery';

const POLL_MS = 4_000;

export function useSync() {
  const status = useKbQuery('getSyncStatus');
  const newSince = useKbQuery('getNewSince');
  const { reload: reloadOverview } = useOverview();
  const { reload: reloadStatus } = status;
  const { reload: reloadNew } = newSince;

  useEffect(() => {
    const timer = setInterval(() => {
      reloadStatus();
      reloadNew();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [reloadStatus, reloadNew]);

  // What arrived changes what the lists show.
  const arrived = newSince.data?.items.map((item) => `${item.id}@${item.changedAt}`).join() ?? '';
  const seen = useRef(arrived);
  useEffect(() => {
    if (arrived === seen.current) return;
    seen.current = arrived;
    reloadOverview();
  }, [arrived, reloadOverview]);

  return { status, newSince };
}
