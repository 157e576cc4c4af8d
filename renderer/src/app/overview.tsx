/** The knowledge base's overview (organisations, topics, tags, settings), shared by every view. */
import { createContext, useContext, type ReactNode } from 'react';
import type { Overview } from '../../../shared/responses';

interface OverviewState {
  overview: Overview;
  reload: () => void;
}

const OverviewContext = createContext<OverviewState | null>(null);

export function OverviewProvider({ value, children }: { value: OverviewState; children: ReactNode }) {
  return <OverviewContext.Provider value={value}>{children}</OverviewContext.Provider>;
}

export function useOverview(): OverviewState {
  const state = useContext(OverviewContext);
  if (!state) throw new Error('useOverview outside OverviewProvider');
  return state;
}
