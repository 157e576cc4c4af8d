/**
 * The app's frame: header, sidebar and the current view, inside the contexts
 * every view uses (overview, feedback, navigation). Without a user yet it
 * shows the welcome form instead, since everything written is signed.
 */
import { NewSince } from '../sync/NewSince';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Overview } from '../../../shared/responses';
import { Lessons } from '../annotations/Lessons';
import { Compare } from '../compare/Compare';
import { FeedbackProvider } from '../components/Feedback';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Conflicts } from '../exchange/Conflicts';
import { Exchange } from '../exchange/Exchange';
import { WindowDropZone } from '../exchange/WindowDropZone';
import { Glossary } from '../glossary/Glossary';
import { DocumentDrafts } from '../practices/DocumentDrafts';
import { PracticeEditor } from '../practices/PracticeEditor';
import { PracticeHistory } from '../practices/PracticeHistory';
import { PracticeList } from '../practices/PracticeList';
import { PracticePrint } from '../practices/PracticePrint';
import { PracticeView } from '../practices/PracticeView';
import { Trash } from '../practices/Trash';
import { SearchLauncher } from '../search/SearchLauncher';
import { Settings } from '../settings/Settings';
import { UserForm } from '../settings/UserForm';
import { VisitEditor } from '../visits/VisitEditor';
import { VisitList } from '../visits/VisitList';
import { VisitReport } from '../visits/VisitReport';
import { VisitView } from '../visits/VisitView';
import { HOME, NavigationProvider, useNavigation } from './navigation';
import { Notices } from './Notices';
import { OverviewProvider } from './overview';
import { ShortcutsHelp } from './ShortcutsHelp';
import { Sidebar } from './Sidebar';
import { Welcome } from './Welcome';

export function App({ overview, reload }: { overview: Overview; reload: () => void }) {
  const { t } = useTranslation();
  // Whoever has just said who they are lands on the welcome, not on a list with no word of what comes next.
  const [firstStart] = useState(() => !overview.settings.user);
  return (
    <OverviewProvider value={{ overview, reload }}>
      <FeedbackProvider>
        <NavigationProvider start={firstStart ? { view: 'welcome' } : HOME}>
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
      return (
        <PracticeEditor
          key={route.id ?? route.fromDocument?.fileName ?? 'new'}
          id={route.id}
          fromDocument={route.fromDocument}
        />
      );
    case 'documentDrafts':
      return <DocumentDrafts results={route.results} />;
    case 'history':
      return <PracticeHistory key={route.id} id={route.id} />;
    case 'trash':
      return <Trash />;
    case 'lessons':
      return <Lessons filter={route.filter} />;
    case 'visits':
      return <VisitList />;
    case 'visit':
      return <VisitView key={route.id} id={route.id} />;
    case 'visitEdit':
      return <VisitEditor key={route.id ?? 'new'} id={route.id} />;
    case 'visitReport':
      return <VisitReport key={route.id} id={route.id} />;
    case 'practicePrint':
      return <PracticePrint key={route.id} id={route.id} />;
    case 'settings':
      return <Settings />;
    case 'exchange':
      return <Exchange />;
    case 'conflicts':
      return <Conflicts />;
    case 'newSince':
      return <NewSince />;
    case 'compare':
      return <Compare />;
    case 'glossary':
      return <Glossary />;
    case 'welcome':
      return <Welcome />;
  }
}
