/**
 * One annotation as a list item, the same on a practice's page, on a visit's
 * page and in the list of lessons learned: in the reader's language (its
 * translation, marked, when it was written in the other), with the way to
 * translate it.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../shared/model';
import type { AnnotationView } from '../../../shared/responses';
import { AnnotationAttachments } from '../attachments/AnnotationAttachments';
import { AnnotationText } from './AnnotationText';
import { AnnotationTranslation } from './AnnotationTranslation';
import { useNavigation } from '../app/navigation';
import { useOverview } from '../app/overview';
import { useLang } from '../hooks/useLang';
import { pickText } from '../lib/texts';
import { visitLabel } from '../lib/visitLabel';

/** Kind, text in its own language, who, when, and its visit and practice as links. */
export function AnnotationItem({
  annotation: given,
  visits,
  showPractice = false,
  actions,
}: {
  annotation: AnnotationView;
  visits: Visit[];
  showPractice?: boolean;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { overview } = useOverview();
  const { navigate } = useNavigation();
  // A translation saved here shows at once; a new annotation from the list replaces it.
  const [annotation, setAnnotation] = useState(given);
  useEffect(() => setAnnotation(given), [given]);
  const org = overview.organisations.find((o) => o.id === annotation.organisationId);
  const visit = visits.find((v) => v.id === annotation.visitId);
  const practiceTitle = pickText(annotation.practiceTitles, lang);
  return (
    <li className={`annotation annotation-${annotation.kind}`}>
      <p className="meta">
        <span className="badge">{t(`annotation.kind.${annotation.kind}`)}</span>
        {annotation.author}
        {org && ` (${org.name[lang]})`} ·{' '}
        <time dateTime={annotation.createdAt}>{t('content.date', { date: new Date(annotation.createdAt) })}</time>
        {annotation.importedAt && (
          <>
            {' · '}
            <span className="imported">
              {t('exchange:origin.annotation', { date: new Date(annotation.importedAt) })}
            </span>
          </>
        )}
        {visit && (
          <>
            {' · '}
            <button type="button" className="link-button" onClick={() => navigate({ view: 'visit', id: visit.id })}>
              {visitLabel(visit, lang, overview.organisations, t)}
            </button>
          </>
        )}
      </p>
      {showPractice && practiceTitle && (
        <p>
          <button
            type="button"
            className="link-button"
            lang={practiceTitle.lang}
            onClick={() => navigate({ view: 'practice', id: annotation.practiceId })}
          >
            {practiceTitle.value}
          </button>
        </p>
      )}
      <AnnotationText annotation={annotation} lang={lang} />
      <AnnotationAttachments annotation={annotation} />
      <AnnotationTranslation key={annotation.updatedAt} annotation={annotation} onChanged={setAnnotation} />
      {actions}
    </li>
  );
}
