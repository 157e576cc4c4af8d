/** A snippet as text, with the ranges the search matched marked; built from offsets, never from markup. */
import { Fragment, type ReactNode } from 'react';
import type { Snippet } from '../../../shared/search';

export function Highlight({ snippet }: { snippet: Snippet }) {
  const { text } = snippet;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of [...snippet.highlights].sort((a, b) => a[0] - b[0])) {
    const from = Math.max(start, at);
    const to = Math.min(end, text.length);
    if (to <= from) continue; // overlapping or out of range
    if (from > at) parts.push(<Fragment key={`t${at}`}>{text.slice(at, from)}</Fragment>);
    parts.push(<mark key={`m${from}`}>{text.slice(from, to)}</mark>);
    at = to;
  }
  if (at < text.length) parts.push(<Fragment key={`t${at}`}>{text.slice(at)}</Fragment>);
  return <>{parts}</>;
}
