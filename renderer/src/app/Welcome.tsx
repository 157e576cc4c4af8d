/**
 * The first thing a new user sees after saying who they are: what this is,
 * that everything stays on this PC, how the partner's knowledge arrives, and
 * where to start. It can be opened again from the settings.
 */
import { useTranslation } from 'react-i18next';
import { ViewHeading } from '../components/ViewHeading';
import { HOME, useNavigation, type Route } from './navigation';
import { useOverview } from './overview';

const STARTS: { key: string; route: Route }[] = [
  { key: 'read', route: HOME },
  { key: 'import', route: { view: 'exchange' } },
  { key: 'write', route: { view: 'practiceEdit' } },
  { key: 'compare', route: { view: 'compare' } },
];

export function Welcome() {
  const { t } = useTranslation();
  const { overview } = useOverview();
  const { navigate } = useNavigation();
  return (
    <section aria-labelledby="view-heading" className="welcome-view">
      <ViewHeading>{t('welcome.heading', { name: overview.settings.user?.name ?? '' })}</ViewHeading>
      <p>{t('welcome.what')}</p>
      <p>{t('welcome.local')}</p>
      <p>{t('welcome.partner')}</p>
      <h2>{t('welcome.startHeading')}</h2>
      <ul className="welcome-starts">
        {STARTS.map(({ key, route }) => (
          <li key={key}>
            <button type="button" onClick={() => navigate(route)}>
              {t(`welcome.start.${key}`)}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
