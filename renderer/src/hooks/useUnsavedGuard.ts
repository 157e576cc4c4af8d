import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFeedback } from '../components/Feedback';
import { useNavigation } from '../navigation';

/**
 * While `dirty`, leaving the view asks first, and closing the window is held
 * back (main then asks the user in a native dialog).
 */
export function useUnsavedGuard(dirty: boolean): void {
  const { t } = useTranslation();
  const { setGuard } = useNavigation();
  const { confirm } = useFeedback();
  useEffect(() => {
    if (!dirty) {
      setGuard(null);
      return;
    }
    setGuard(() =>
      confirm({ title: t('unsaved.title'), message: t('unsaved.message'), confirmLabel: t('unsaved.discard'), danger: true }),
    );
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      setGuard(null);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [dirty, setGuard, confirm, t]);
}
