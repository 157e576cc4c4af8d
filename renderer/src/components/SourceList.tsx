/**
 * The sources of a comparison cell or glossary term, as links a reader can
 * follow to check what it says (opened in the system browser after asking).
 */
import type { Source } from '../../../shared/model';
import { ExternalLink } from './ExternalLink';

export function SourceList({ sources, label }: { sources: readonly Source[] | undefined; label: string }) {
  if (!sources || sources.length === 0) return null;
  return (
    <ul className="source-list" aria-label={label}>
      {sources.map((source, i) => (
        <li key={`${i}-${source.url}`}>
          <ExternalLink href={source.url}>{source.title}</ExternalLink>
        </li>
      ))}
    </ul>
  );
}
