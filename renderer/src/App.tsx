import { useTranslation } from 'react-i18next';
import type { Overview } from '../../shared/contract';
import { WindowDropZone } from './components/DropZoneWindow';
import { FeedbackProvider } from './components/Feedback';
import { LanguageSwitch } from './components/LanguageSwitch';
import { Notices } from './components/Notices';
import { SearchLauncher } from './components/SearchLauncher';
import { ShortcutsHelp } from './components/ShortcutsHelp';
import { NavigationProvider, useNavigation } from './navigation';
import { OverviewProvider } from './overview';
import { Compare } from './views/Compare';
import { Conflicts } from './views/Conflicts';
import { Exchange } from './views/Exchange';
import { Glossary } from './views/Glossary';
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
            {overview.settings.user && <SearchLauncher />}
            <ShortcutsHelp />
            <LanguageSwitch />
          </header>
          <Notices notices={overview.notices} />
          {overview.settings.user ? (
            <div className="layout">
              <Sidebar />
              <main id="main" tabIndex={-1}>
                <WindowDropZone>
                  <CurrentView />
                </WindowDropZone>
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
    case 'exchange':
      return <Exchange />;
    case 'conflicts':
      return <Conflicts />;
    case 'compare':
      return <Compare />;
    case 'glossary':
      return <Glossary />;
  }
}
