/** How the exchange screens name organisations and installations, in the interface language. */
import { useTranslation } from 'react-i18next';
import type { BilingualLabel } from '../../../shared/model';
import { useOverview } from '../app/overview';
import { useLang } from '../hooks/useLang';

/** An installation id is a UUID: its first block tells installations apart well enough for people. */
const shortId = (installationId: string) => installationId.slice(0, 8);

export function useExchangeLabels() {
  const { t } = useTranslation('exchange');
  const lang = useLang();
  const { overview } = useOverview();
  return {
    /** A bundle's own name for its organisation wins: the organisation may not be known here yet. */
    organisation: (id: string, name?: BilingualLabel) =>
      name?.[lang] ?? overview.organisations.find((o) => o.id === id)?.name[lang] ?? id,
    installation: (installationId: string) => t('installation', { id: shortId(installationId) }),
    isThisInstallation: (installationId: string) => installationId === overview.installationId,
  };
}
