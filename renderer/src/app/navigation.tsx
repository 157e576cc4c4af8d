/**
 * In-app navigation: which view is shown. No URL changes, since the window
 * refuses navigation. A view with unsaved edits sets a guard, which is asked
 * before the user is taken anywhere else.
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AnnotationKind } from '../../../shared/model';
import type { PracticeFilter } from '../../../shared/requests';
import type { DocumentDraft, DraftResult } from '../../../shared/responses';

export interface LessonFilter {
  visitId?: string;
  topicId?: string;
  organisationId?: string;
  kind?: AnnotationKind;
}

export type Route =
  | { view: 'practices'; filter: PracticeFilter }
  | { view: 'practice'; id: string }
  | { view: 'practiceEdit'; id?: string; fromDocument?: DocumentDraft }
  | { view: 'documentDrafts'; results: DraftResult[] }
  | { view: 'history'; id: string }
  | { view: 'trash' }
  | { view: 'lessons'; filter: LessonFilter }
  | { view: 'visits' }
  | { view: 'visit'; id: string }
  | { view: 'visitEdit'; id?: string }
  | { view: 'visitReport'; id: string }
  | { view: 'practicePrint'; id: string }
  | { view: 'settings' }
  | { view: 'exchange' }
  | { view: 'conflicts' }
  | { view: 'newSince' }
  | { view: 'compare' }
  | { view: 'glossary' }
  | { view: 'welcome' };

/** Asked before leaving a view; resolves true when leaving is fine. */
export type Guard = () => Promise<boolean>;

interface Navigation {
  route: Route;
  /** `force` skips the guard: for a view that has just saved what the guard protects. */
  navigate: (route: Route, options?: { replace?: boolean; force?: boolean }) => void;
  back: () => void;
  canGoBack: boolean;
  /** False until the user first navigates; views move focus to their heading only after that. */
  navigated: boolean;
  setGuard: (guard: Guard | null) => void;
}

const NavigationContext = createContext<Navigation | null>(null);
export const HOME: Route = { view: 'practices', filter: {} };

export function NavigationProvider({ children, start = HOME }: { children: ReactNode; start?: Route }) {
  const [history, setHistory] = useState<Route[]>([start]);
  const [navigated, setNavigated] = useState(false);
  const guard = useRef<Guard | null>(null);

  const leave = useCallback(async (go: () => void, force = false) => {
    if (!force && guard.current && !(await guard.current())) return;
    guard.current = null;
    setNavigated(true);
    go();
  }, []);
  const navigate = useCallback(
    (route: Route, options?: { replace?: boolean; force?: boolean }) =>
      void leave(
        () => setHistory((h) => (options?.replace ? [...h.slice(0, -1), route] : [...h, route])),
        options?.force,
      ),
    [leave],
  );
  const back = useCallback(() => void leave(() => setHistory((h) => (h.length > 1 ? h.slice(0, -1) : h))), [leave]);
  const setGuard = useCallback((g: Guard | null) => {
    guard.current = g;
  }, []);

  const value = useMemo(
    () => ({
      route: history[history.length - 1] ?? HOME,
      navigate,
      back,
      canGoBack: history.length > 1,
      navigated,
      setGuard,
    }),
    [history, navigate, back, navigated, setGuard],
  );
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error('useNavigation outside NavigationProvider');
  return navigation;
}
