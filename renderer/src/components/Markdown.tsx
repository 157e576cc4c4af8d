import { useMemo, type MouseEvent } from 'react';
import type { Lang } from '../../../shared/model';
import { renderMarkdown } from '../lib/markdown';
import { openExternalLink } from './ExternalLink';

/**
 * Renders sanitized Markdown. Links never navigate the window: http(s) links
 * are handed to main, which asks the user before opening the system browser.
 */
export function Markdown({ source, lang }: { source: string; lang: Lang }) {
  const html = useMemo(() => renderMarkdown(source), [source]);

  function onClick(event: MouseEvent<HTMLDivElement>) {
    const link = (event.target as Element).closest('a');
    if (!link) return;
    event.preventDefault();
    openExternalLink(link.getAttribute('href'));
  }

  // Sanitized by renderMarkdown. Keyboard activation of a link fires a click too, so this covers both.
  return <div className="markdown" lang={lang} onClick={onClick} dangerouslySetInnerHTML={{ __html: html }} />;
}
