/**
 * A practice as it prints: its text in German, in Dutch, or both side by
 * side, with its facts, sources, its attachments' captions and annotations
 * (translations and missing translations marked), saved as a PDF with
 * Chromium's own print engine.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PrintedAttachments } from '../attachments/PrintedAttachments';
import { PracticeScopeText } from './PracticeScopeText';
import { PrintedAnnotation } from '../annotations/PrintedAnnotation';
import type { Lang, Practice } from '../../../shared/model';
import { useNavigation } from '../app/navigation';
import { useOverview } from '../app/overview';
import { ErrorMessage } from '../components/ErrorMessage';
import { FallbackBadge } from '../components/FallbackBadge';
import { Loading } from '../components/Loading';
import { Markdown } from '../components/Markdown';
import { pdfFileName, PrintToolbar } from '../components/PrintToolbar';
import { TranslationBadge } from '../components/TranslationBadge';
import { ViewHeading } from '../components/ViewHeading';
import { useKbQuery } from '../hooks/useKbQuery';
import { useLang } from '../hooks/useLang';
import { modeLanguages, pickText, type ReadingMode } from '../lib/texts';

export function PracticePrint({ id }: { id: string }) {
  const { t } = useTranslation('visits');
  const lang = useLang();
  const { overview } = useOverview();
  const { navigate } = useNavigation();
  const [mode, setMode] = useState<ReadingMode>(lang);
  const detail = useKbQuery('getPractice', { id });
  const annotations = useKbQuery('listAnnotations', { practiceId: id, limit: 500 });

  if (detail.error) return <ErrorMessage error={detail.error} />;
  if (!detail.data || !annotations.data) return <Loading />;
  const { practice, translation } = detail.data;
  const heading = pickText(practice.texts, lang);
  const org = overview.organisations.find((o) => o.id === practice.organisationId);
  const topics = overview.topics.filter((x) => practice.topicIds.includes(x.id));
  return (
    <article aria-labelledby="view-heading" className="print-view practice-print">
      <button type="button" className="back" onClick={() => navigate({ view: 'practice', id })}>
        {t('print.backToPractice')}
      </button>
      <ViewHeading lang={heading?.lang}>{heading?.value.title ?? id}</ViewHeading>
      <PrintToolbar
        mode={mode}
        onMode={setMode}
        fileName={pdfFileName(heading?.value.title ?? t('print.practiceFileName'))}
      />
      <dl className="facts">
        <dt>{t('app:practice.organisation')}</dt>
        <dd>{org?.name[lang] ?? practice.organisationId}</dd>
        <dt>{t('app:practice.scope')}</dt>
        <dd>
          <PracticeScopeText scope={practice.scope} lang={lang} />
        </dd>
        <dt>{t('app:practice.topics')}</dt>
        <dd>{topics.map((topic) => topic.name[lang]).join(', ')}</dd>
        {practice.contact && (
          <>
            <dt>{t('app:practice.contact')}</dt>
            <dd>{practice.contact}</dd>
          </>
        )}
      </dl>
      <div className={mode === 'both' ? 'side-by-side' : undefined}>
        {modeLanguages(mode).map((l) => (
          <PracticeText key={l} practice={practice} lang={l} status={translation[l]} showTitle={mode === 'both'} />
        ))}
      </div>
      {practice.sources.length > 0 && (
        <section aria-labelledby="print-sources">
          <h2 id="print-sources">{t('app:practice.sources')}</h2>
          <ul>
            {practice.sources.map((source) => (
              <li key={source.url}>
                <span lang={practice.originalLanguage}>{source.title}</span>: <span className="url">{source.url}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <PrintedAttachments attachments={practice.attachments} mode={mode} />
      <section aria-labelledby="print-annotations">
        <h2 id="print-annotations">{t('app:annotation.heading', { count: annotations.data.total })}</h2>
        <ul className="annotation-list">
          {annotations.data.items.map((a) => (
            <PrintedAnnotation key={a.id} annotation={a} mode={mode} dated />
          ))}
        </ul>
      </section>
    </article>
  );
}

/** One language's text of the practice, or the other's, marked, where it has none. */
function PracticeText({
  practice,
  lang,
  status,
  showTitle,
}: {
  practice: Practice;
  lang: Lang;
  status: 'missing' | 'current' | 'outdated';
  showTitle: boolean;
}) {
  const picked = pickText(practice.texts, lang);
  if (!picked) return null;
  const { title, summary, body } = picked.value;
  return (
    <div className="practice-text">
      {picked.fallback ? (
        <FallbackBadge lang={picked.lang} />
      ) : (
        <TranslationBadge status={status} lang={lang} original={practice.originalLanguage === lang} />
      )}
      {showTitle && (
        <h2 className="practice-text-title" lang={picked.lang}>
          {title}
        </h2>
      )}
      {summary && (
        <p className="summary" lang={picked.lang}>
          {summary}
        </p>
      )}
      <Markdown source={body} lang={picked.lang} />
    </div>
  );
}
