/**
 * Links out of the app (sources, links in Markdown). They never navigate the
 * window: main asks the user, then opens the system browser.
 */
import type { ReactNode } from 'react';
import { call } from '../lib/kb';
import { isExternalUrl } from '../lib/markdown';

export function openExternalLink(href: string | null): void {
  if (href && isExternalUrl(href)) void call('openExternal', { url: href }).catch(() => undefined);
}

export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a
      href={href}
      rel="noopener noreferrer"
      onClick={(event) => {
        event.preventDefault();
        openExternalLink(href);
      }}
    >
      {children}
    </a>
  );
}
