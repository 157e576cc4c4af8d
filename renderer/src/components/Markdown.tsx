/**
 * Renders sanitized Markdown. Links never navigate the window: http(s) links
 * are handed to main, which asks the user before opening the system browser.
 * Glossary terms in the text are marked and show the other language on hover or focus.
 */
import { useId, useMemo, useRef, type MouseEvent } from 'react';
import type { Lang } from '../../../shared/model';
import { useGlossaryTerms } from '../hooks/useGlossaryTerms';
import { glossaryMatcher, markGlossaryTerms, renderMarkdown } from '../lib/markdown';
import { openExternalLink } from './ExternalLink';
import { GlossaryTooltips } from './GlossaryTooltips';

export function Markdown({ source, lang }: { source: string; lang: Lang }) {
  const glossary = useGlossaryTerms();
  const tooltipPrefix = useId();
  const host = useRef<HTMLDivElement>(null);
  const matcher = useMemo(() => (glossary ? glossaryMatcher(glossary, lang) : undefined), [glossary, lang]);
  const { html, termIds } = useMemo(() => {
    const safe = renderMarkdown(source);
    return matcher
      ? markGlossaryTerms(safe, matcher, (termId) => `${tooltipPrefix}-${termId}`)
      : { html: safe, termIds: [] };
  }, [source, matcher, tooltipPrefix]);
  const marked = useMemo(() => (glossary ?? []).filter((term) => termIds.includes(term.id)), [glossary, termIds]);

  function onClick(event: MouseEvent<HTMLDivElement>) {
    const link = (event.target as Element).closest('a');
    if (!link) return;
    event.preventDefault();
    openExternalLink(link.getAttribute('href'));
  }

  // Sanitized by renderMarkdown, then marked with elements built in markGlossaryTerms only.
  // Keyboard activation of a link fires a click too, so onClick covers both.
  return (
    <div className="markdown-host">
      <div ref={host} className="markdown" lang={lang} onClick={onClick} dangerouslySetInnerHTML={{ __html: html }} />
      <GlossaryTooltips host={host} terms={marked} lang={lang} idFor={(termId) => `${tooltipPrefix}-${termId}`} />
    </div>
  );
}
