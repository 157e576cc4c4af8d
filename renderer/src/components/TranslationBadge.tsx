/**
 * A language version's translation state as a badge, the same for practices
 * and comparison cells, so "outdated" looks alike wherever it is shown.
 */
import { useTranslation } from 'react-i18next';
import type { Lang, TranslationStatus } from '../../../shared/model';

/** Original, current translation, outdated, or missing. */
export function TranslationBadge({
  status,
  lang,
  original,
}: {
  status: TranslationStatus;
  lang: Lang;
  original: boolean;
}) {
  const { t } = useTranslation();
  const label = original ? t('translation.original') : t(`translation.${status}`);
  return (
    <span className={`badge badge-${original ? 'original' : status}`}>
      {t('translation.badge', { language: lang.toUpperCase(), status: label })}
    </span>
  );
}
