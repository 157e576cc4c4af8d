/** On a practice's card in lists: the translations it still needs, nothing when all are current. */
import type { Lang, TranslationStatus } from '../../../shared/model';
import { TranslationBadge } from '../components/TranslationBadge';

export function TranslationNeeds({
  translation,
  originalLanguage,
}: {
  translation: Record<Lang, TranslationStatus>;
  originalLanguage: Lang;
}) {
  const needs = (Object.keys(translation) as Lang[]).filter(
    (l) => l !== originalLanguage && translation[l] !== 'current',
  );
  return (
    <>
      {needs.map((l) => (
        <TranslationBadge key={l} status={translation[l]} lang={l} original={false} />
      ))}
    </>
  );
}
