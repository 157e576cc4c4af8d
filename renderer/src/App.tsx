import { useTranslation } from 'react-i18next';
import type { Overview } from '../../shared/contract';
import { LanguageSwitch } from './components/LanguageSwitch';
import { Notices } from './components/Notices';
import { NavigationProvider, useNavigation } from './navigation';
import { OverviewProvider } from './overview';
import { PracticeList } from './views/PracticeList';
import { PracticeView } from './views/PracticeView';
import { Sidebar } from './views/Sidebar';

export function App({ overview, reload }: { overview: Overview; reload: () => void }) {
  const { t } = useTranslation();
  return (
    <OverviewProvider value={{ overview, reload }}>
      <NavigationProvider>
        <a className="skip-link" href="#main">
          {t('skipToContent')}
        </a>
        <header className="app-header">
          <div>
            <p className="app-name">{t('appName')}</p>
            <p className="tagline">{t('tagline')}</p>
          </div>
          <LanguageSwitch />
        </header>
        <Notices notices={overview.notices} />
        <div className="layout">
          <Sidebar />
          <main id="main" tabIndex={-1}>
            <CurrentView />
          </main>
        </div>
      </NavigationProvider>
    </OverviewProvider>
  );
}

function CurrentView() {
  const { route } = useNavigation();
  switch (route.view) {
    case 'practices':
      return <PracticeList key={JSON.stringify(route.filter)} filter={route.filter} />;
    case 'practice':
      return <PracticeView key={route.id} id={route.id} />;
  }
}
