/**
 * Whose practice it is, as the practice page, the list and the conflict view
 * say it: the level in the reader's language ("Land oder Region") and who
 * stands behind it ("Land Berlin"), so nobody quotes a national rule as a
 * district's own. The label is marked with its language when only the
 * other language has one.
 */
import { useTranslation } from 'react-i18next';
import type { Lang, PracticeScope } from '../../../shared/model';
import { pickText } from '../lib/texts';

/** The scope as one line of plain text, for places that compare values as text. */
export function scopeText(scope: PracticeScope | undefined, lang: Lang, t: (key: string) => string): string {
  if (!scope) return '';
  const label = pickText(scope.label ?? {}, lang);
  const level = t(`app:practice.scopeLevel.${scope.level}`);
  return label?.value ? `${level}: ${label.value}` : level;
}

export function PracticeScopeText({ scope, lang }: { scope: PracticeScope | undefined; lang: Lang }) {
  const { t } = useTranslation();
  if (!scope) return <>{t('practice.scopeNotStated')}</>;
  const label = pickText(scope.label ?? {}, lang);
  return (
    <>
      {t(`practice.scopeLevel.${scope.level}`)}
      {label?.value && (
        <>
          {': '}
          <span lang={label.fallback ? label.lang : undefined}>{label.value}</span>
        </>
      )}
    </>
  );
}
