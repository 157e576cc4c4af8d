/**
 * One annotation as the print views show it (a practice's printout, a visit's
 * report): kind, author, when (where asked), its text in the printed
 * language(s) and its attachments' captions.
 */
import { useTranslation } from 'react-i18next';
import type { AnnotationView } from '../../../shared/responses';
import { PrintedAttachments } from '../attachments/PrintedAttachments';
import { AnnotationText } from '../components/AnnotationText';
import { modeLanguages, type ReadingMode } from '../lib/texts';

export function PrintedAnnotation({
  annotation: a,
  mode,
  dated = false,
}: {
  annotation: AnnotationView;
  mode: ReadingMode;
  dated?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <li className={`annotation annotation-${a.kind}`}>
      <p className="meta">
        <span className="badge">{t(`app:annotation.kind.${a.kind}`)}</span> {a.author}
        {dated && (
          <>
            {' · '}
            <time dateTime={a.createdAt}>{t('app:content.date', { date: new Date(a.createdAt) })}</time>
          </>
        )}
      </p>
      <div className={mode === 'both' ? 'side-by-side' : undefined}>
        {modeLanguages(mode).map((l) => (
          <AnnotationText key={l} annotation={a} lang={l} />
        ))}
      </div>
      <PrintedAttachments attachments={a.attachments} mode={mode} compact />
    </li>
  );
}
