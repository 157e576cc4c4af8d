import { useTranslation } from 'react-i18next';
import type { Overview } from '../../shared/contract';
import { FeedbackProvider } from './components/Feedback';
import { LanguageSwitch } from './components/LanguageSwitch';
import { Notices } from './components/Notices';
import { NavigationProvider, useNavigation } from './navigation';
import { OverviewProvider } from './overview';
import { Lessons } from './views/Lessons';
import { PracticeEditor } from './views/PracticeEditor';
import { PracticeHistory } from './views/PracticeHistory';
import { PracticeList } from './views/PracticeList';
import { PracticeView } from './views/PracticeView';
import { Settings } from './views/Settings';
import { Sidebar } from './views/Sidebar';
import { Trash } from './views/Trash';
import { UserForm } from './views/UserSettings';
import { VisitEditor } from './views/VisitEditor';
import { VisitView } from './views/VisitView';
import { Visits } from './views/Visits';

export function App({ overview, reload }: { overview: Overview; reload: () => void }) {
  const { t } = useTranslation();
  return (
    <OverviewProvider value={{ overview, reload }}>
      <FeedbackProvider>
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
          {overview.settings.user ? (
            <div className="layout">
              <Sidebar />
              <main id="main" tabIndex={-1}>
                <CurrentView />
              </main>
            </div>
          ) : (
            <main id="main" tabIndex={-1} className="welcome">
              <h1>{t('user.welcome')}</h1>
              <p>{t('user.explain')}</p>
              <UserForm />
            </main>
          )}
        </NavigationProvider>
      </FeedbackProvider>
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
    case 'practiceEdit':
      return <PracticeEditor key={route.id ?? 'new'} id={route.id} />;
    case 'history':
      return <PracticeHistory key={route.id} id={route.id} />;
    case 'trash':
      return <Trash />;
    case 'lessons':
      return <Lessons filter={route.filter} />;
    case 'visits':
      return <Visits />;
    case 'visit':
      return <VisitView key={route.id} id={route.id} />;
    case 'visitEdit':
      return <VisitEditor key={route.id ?? 'new'} id={route.id} />;
    case 'settings':
      return <Settings />;
  }
}
