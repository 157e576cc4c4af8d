/**
 * An annotation's text in a reader's language: the original when it was
 * written in it, else its translation, marked as one (and as outdated once
 * the original changed), else the original, marked as not translated. Each
 * text carries its own `lang`.
 */
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../shared/model';
import type { AnnotationView } from '../../../shared/responses';

export function AnnotationText({ annotation, lang }: { annotation: AnnotationView; lang: Lang }) {
  const { t } = useTranslation('visits');
  const from = t(`annotation.languageFrom.${annotation.language}`);
  if (annotation.language === lang || !annotation.translation) {
    return (
      <div className="annotation-text-block">
        {annotation.language !== lang && (
          <p className="meta">
            <span className="badge badge-missing">{t('annotation.notTranslated', { language: from })}</span>
          </p>
        )}
        <p className="annotation-text" lang={annotation.language}>
          {annotation.text}
        </p>
      </div>
    );
  }
  return (
    <div className="annotation-text-block">
      <p className="meta">
        <span className="badge badge-translation">{t('annotation.translatedFrom', { language: from })}</span>
        {annotation.translationStatus === 'outdated' && (
          <span className="badge badge-outdated">{t('annotation.outdated')}</span>
        )}
      </p>
      <p className="annotation-text" lang={lang}>
        {annotation.translation.text}
      </p>
    </div>
  );
}
