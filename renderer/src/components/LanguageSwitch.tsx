/** Switches the interface language, remembers it in the store, and tells main (for the menu). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Lang } from '../../../shared/model';
import { call, KbCallError } from '../lib/kb';
import { ErrorMessage } from './ErrorMessage';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<KbCallError>();

  async function choose(language: Lang) {
    setError(undefined);
    try {
      await call('setLanguage', { language });
      await i18n.changeLanguage(language);
    } catch (e) {
      setError(e instanceof KbCallError ? e : new KbCallError('internal'));
    }
  }

  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={i18n.language === language}
          onClick={() => void choose(language)}
        >
          {t(`language.autonym.${language}`)}
        </button>
      ))}
      {error && <ErrorMessage error={error} />}
    </div>
  );
}
