/** Settings: remove the starter content in one action, keeping what users edited or annotated. */
import { useTranslation } from 'react-i18next';
import { useOverview } from '../app/overview';
import { ErrorMessage } from '../components/ErrorMessage';
import { useFeedback } from '../components/Feedback';
import { useAction } from '../hooks/useAction';
import { useKbQuery } from '../hooks/useKbQuery';
import { call } from '../lib/kb';

export function StarterContentSettings() {
  const { t } = useTranslation('compare');
  const { reload: reloadOverview } = useOverview();
  const { confirm, toast } = useFeedback();
  const state = useKbQuery('getStarterContent');
  const action = useAction();

  async function remove() {
    const count = state.data?.removable ?? 0;
    const ok = await confirm({
      title: t('starter.confirmTitle'),
      message: t('starter.confirmMessage', { count }),
      confirmLabel: t('starter.remove'),
      danger: true,
    });
    if (!ok) return;
    const result = await action.run(() => call('removeStarterContent'));
    if (!result) return;
    toast({ message: t('starter.removed', { count: result.removed }) });
    state.reload();
    reloadOverview();
  }

  return (
    <section aria-labelledby="starter-heading">
      <h2 id="starter-heading">{t('starter.heading')}</h2>
      <p>{t('starter.explain')}</p>
      {state.error && <ErrorMessage error={state.error} />}
      {state.data && (
        <>
          <p role="status">
            {state.data.removable > 0 ? t('starter.removable', { count: state.data.removable }) : t('starter.none')}
            {state.data.kept > 0 && ` ${t('starter.kept', { count: state.data.kept })}`}
          </p>
          <button
            type="button"
            className="danger"
            disabled={state.data.removable === 0 || action.busy}
            aria-busy={action.busy}
            onClick={() => void remove()}
          >
            {t('starter.remove')}
          </button>
        </>
      )}
      {action.error && <ErrorMessage error={action.error} />}
    </section>
  );
}
