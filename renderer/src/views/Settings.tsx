import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { ViewHeading } from '../components/ViewHeading';
import { StarterContentSettings } from './StarterContentSettings';
import { UserForm } from './UserSettings';

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
