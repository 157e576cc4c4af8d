/** How the exchange screens name organisations, in the interface language, and tell this PC's changes apart. */
import type { BilingualLabel } from '../../../shared/model';
import { useOverview } from '../app/overview';
import { useLang } from '../hooks/useLang';

export function useExchangeLabels() {
  const lang = useLang();
  const { overview } = useOverview();
  return {
    /** A bundle's own name for its organisation wins: the organisation may not be known here yet. */
    organisation: (id: string, name?: BilingualLabel) =>
      name?.[lang] ?? overview.organisations.find((o) => o.id === id)?.name[lang] ?? id,
    isThisInstallation: (installationId: string) => installationId === overview.installationId,
  };
}
