/**
 * The one question an editor asks before unsaved edits are lost, whether by
 * leaving the view or by closing its dialog: resolves true to discard them.
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useFeedback } from '../components/Feedback';

export function useConfirmDiscard(): () => Promise<boolean> {
  const { t } = useTranslation();
  const { confirm } = useFeedback();
  return useCallback(
    () =>
      confirm({
        title: t('unsaved.title'),
        message: t('unsaved.message'),
        confirmLabel: t('unsaved.discard'),
        danger: true,
      }),
    [confirm, t],
  );
}
