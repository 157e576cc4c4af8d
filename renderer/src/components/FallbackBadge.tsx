/** Says that content is shown in the other language because the interface language has none. */
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../shared/model';

export function FallbackBadge({ lang }: { lang: Lang }) {
  const { t } = useTranslation();
  return <span className="badge badge-fallback">{t(`content.onlyIn.${lang}`)}</span>;
}
