/** In-app navigation: which view is shown. No URL changes, since the window refuses navigation. */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export interface PracticeFilter {
  topicId?: string;
  organisationId?: string;
  tag?: string;
}

export type Route = { view: 'practices'; filter: PracticeFilter } | { view: 'practice'; id: string };

interface Navigation {
  route: Route;
  navigate: (route: Route) => void;
  back: () => void;
  canGoBack: boolean;
  /** False until the user first navigates; views move focus to their heading only after that. */
  navigated: boolean;
}

const NavigationContext = createContext<Navigation | null>(null);
const HOME: Route = { view: 'practices', filter: {} };

export function NavigationProvider({ children }: { children: ReactNode }) {
  const [history, setHistory] = useState<Route[]>([HOME]);
  const [navigated, setNavigated] = useState(false);
  const navigate = useCallback((route: Route) => {
    setNavigated(true);
    setHistory((h) => [...h, route]);
  }, []);
  const back = useCallback(() => {
    setNavigated(true);
    setHistory((h) => (h.length > 1 ? h.slice(0, -1) : h));
  }, []);
  const value = useMemo(
    () => ({ route: history[history.length - 1] ?? HOME, navigate, back, canGoBack: history.length > 1, navigated }),
    [history, navigate, back, navigated],
  );
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error('useNavigation outside NavigationProvider');
  return navigation;
}
