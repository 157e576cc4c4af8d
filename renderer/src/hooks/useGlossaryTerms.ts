/**
 * The glossary for marking its terms in Markdown: every Markdown on screen
 * shares one request, and the next view asks again, so edits and imports show.
 */
import { useEffect, useState } from 'react';
import type { GlossaryTerm } from '../../../shared/model';
import { call } from '../lib/kb';

const shared: { users: number; terms?: Promise<GlossaryTerm[]> } = { users: 0 };

export function useGlossaryTerms(): GlossaryTerm[] | undefined {
  const [terms, setTerms] = useState<GlossaryTerm[]>();
  useEffect(() => {
    let current = true;
    shared.users += 1;
    shared.terms ??= call('listGlossary');
    // Without the glossary (e.g. it failed to load) the text simply shows unmarked.
    shared.terms.then((t) => current && setTerms(t)).catch(() => undefined);
    return () => {
      current = false;
      shared.users -= 1;
      if (shared.users === 0) shared.terms = undefined;
    };
  }, []);
  return terms;
}
