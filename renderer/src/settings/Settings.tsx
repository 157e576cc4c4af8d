/** The settings view: who the user is, the interface language, the shared folders, the tags, removing the starter content, the welcome again. */
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../app/navigation';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { ViewHeading } from '../components/ViewHeading';
import { SyncSettings } from '../sync/SyncSettings';
import { TagSettings } from '../tags/TagSettings';
import { StarterContentSettings } from './StarterContentSettings';
import { UserForm } from './UserForm';

export function Settings() {
  const { t } = useTranslation();
  const { navigate } = useNavigation();
  return (
    <section aria-labelledby="view-heading">
      <ViewHeading>{t('settings.heading')}</ViewHeading>
      <h2>{t('user.heading')}</h2>
      <p>{t('user.explain')}</p>
      <UserForm />
      <h2>{t('language.label')}</h2>
      <LanguageSwitch />
      <SyncSettings />
      <TagSettings />
      <StarterContentSettings />
      <h2>{t('welcome.settingsHeading')}</h2>
      <button type="button" onClick={() => navigate({ view: 'welcome' })}>
        {t('welcome.open')}
      </button>
    </section>
  );
}
