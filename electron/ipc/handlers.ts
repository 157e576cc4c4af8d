/** Binds every contract channel to the knowledge base or to a main-process service. */
import type { Lang } from '../../shared/model';
import type { KnowledgeBase } from '../kb/knowledge-base';
import type { Handlers } from './dispatch';

/** What only the Electron side can do; a stand-in in tests. */
export interface Shell {
  languageChanged(language: Lang): void;
  /** Asks the user, then opens the URL in the system browser; true if opened. */
  openExternal(url: string): Promise<boolean>;
}

export function createHandlers(kb: KnowledgeBase, shell: Shell): Handlers {
  return {
    getOverview: () => kb.overview(),
    setLanguage: async ({ language }) => {
      const settings = await kb.setLanguage(language);
      shell.languageChanged(language);
      return settings;
    },
    listPractices: (query) => kb.listPractices(query),
    getPractice: ({ id }) => kb.getPractice(id),
    openExternal: ({ url }) => shell.openExternal(url),
  };
}
