/**
 * Attachments as a printout can show them: each file's caption in the
 * printed language(s), and its name. A practice's under their own heading;
 * an annotation's as a short list below its text.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../../shared/attachments';
import { modeLanguages, pickText, type ReadingMode } from '../lib/texts';

export function PrintedAttachments({
  attachments,
  mode,
  compact = false,
}: {
  attachments: readonly Attachment[] | undefined;
  mode: ReadingMode;
  /** Below an annotation: a list named by its label, no heading of its own. */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const shown = (attachments ?? []).filter((attachment) => !attachment.deletedAt);
  if (shown.length === 0) return null;
  const list = (
    <ul className="printed-attachments" aria-label={compact ? t('attachments.heading') : undefined}>
      {shown.map((attachment) => (
        <li key={attachment.sha256}>
          {modeLanguages(mode).map((l) => {
            const caption = pickText(attachment.caption, l);
            // Side by side, each language shows its own caption only; alone, the other's stands in for a missing one.
            return caption && !(mode === 'both' && caption.fallback) ? (
              <span key={l} lang={caption.lang} className="caption">
                {caption.value}{' '}
              </span>
            ) : null;
          })}
          <span className="file-name">({attachment.name})</span>
        </li>
      ))}
    </ul>
  );
  if (compact)
    return (
      <div className="printed-annotation-attachments">
        <p className="meta">{t('attachments.count', { count: shown.length })}</p>
        {list}
      </div>
    );
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t('attachments.heading')}</h2>
      {list}
    </section>
  );
}
