import { useTranslation } from 'react-i18next';
import type { Lang, TranslationStatus } from '../../../shared/model';

/** A language version's state: original, current translation, outdated, or missing. */
export function TranslationBadge({ status, lang, original }: { status: TranslationStatus; lang: Lang; original: boolean }) {
  const { t } = useTranslation();
  const label = original ? t('translation.original') : t(`translation.${status}`);
  return (
    <span className={`badge badge-${original ? 'original' : status}`}>
      {t('translation.badge', { language: lang.toUpperCase(), status: label })}
    </span>
  );
}

/** The translations a practice still needs, for lists; nothing when all are current. */
export function TranslationNeeds({ translation, originalLanguage }: { translation: Record<Lang, TranslationStatus>; originalLanguage: Lang }) {
  const needs = (Object.keys(translation) as Lang[]).filter((l) => l !== originalLanguage && translation[l] !== 'current');
  return (
    <>
      {needs.map((l) => (
        <TranslationBadge key={l} status={translation[l]} lang={l} original={false} />
      ))}
    </>
  );
}
