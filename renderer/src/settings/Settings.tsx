/** The settings view: who the user is, the interface language, and removing the starter content. */
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { ViewHeading } from '../components/ViewHeading';
import { StarterContentSettings } from './StarterContentSettings';
import { UserForm } from './UserForm';

export function Settings() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="view-heading">
      <ViewHeading>{t('settings.heading')}</ViewHeading>
      <h2>{t('user.heading')}</h2>
      <p>{t('user.explain')}</p>
      <UserForm />
      <h2>{t('language.label')}</h2>
      <LanguageSwitch />
      <StarterContentSettings />
    </section>
  );
}
