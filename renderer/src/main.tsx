/** Renderer entry: loads the overview, sets the interface language, renders the app. */
import { StrictMode, useCallback, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { Overview } from '../../shared/responses';
import { pickLanguage } from '../../shared/language';
import { App } from './app/App';
import { ErrorMessage } from './components/ErrorMessage';
import { initI18n } from './lib/i18n';
import { call, KbCallError } from './lib/kb';
import './styles.css';

function Root({ initial }: { initial: Overview }) {
  const [overview, setOverview] = useState(initial);
  // Views that change the knowledge base call this to refresh counts, tags and lists of organisations.
  const reload = useCallback(() => {
    void call('getOverview').then(setOverview, () => undefined);
  }, []);
  return <App overview={overview} reload={reload} />;
}

async function boot(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  try {
    const overview = await call('getOverview');
    initI18n(overview.settings.language);
    root.render(
      <StrictMode>
        <Root initial={overview} />
      </StrictMode>,
    );
  } catch (error) {
    // Without the knowledge base there is no stored language: use the browser's.
    initI18n(pickLanguage(navigator.languages));
    root.render(<ErrorMessage error={error instanceof KbCallError ? error : new KbCallError('internal')} />);
  }
}

void boot();
