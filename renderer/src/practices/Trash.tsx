/** Deleted practices and removed attachments: restore them, or delete them for good after confirming. */
import { useTranslation } from 'react-i18next';
import { RemovedAttachments } from '../attachments/RemovedAttachments';
import { useOverview } from '../app/overview';
import { ErrorMessage } from '../components/ErrorMessage';
import { useFeedback } from '../components/Feedback';
import { Loading } from '../components/Loading';
import { ViewHeading } from '../components/ViewHeading';
import { useAction } from '../hooks/useAction';
import { useKbQuery } from '../hooks/useKbQuery';
import { useLang } from '../hooks/useLang';
import { call } from '../lib/kb';
import { pickText } from '../lib/texts';

export function Trash() {
  const { t } = useTranslation();
  const lang = useLang();
  const { reload: reloadOverview } = useOverview();
  const { confirm } = useFeedback();
  const trash = useKbQuery('listTrash');
  const removed = useKbQuery('listRemovedAttachments');
  const action = useAction();

  const changed = () => {
    trash.reload();
    removed.reload();
    reloadOverview();
  };

  async function purge(id: string, title: string, annotationCount: number) {
    const ok = await confirm({
      title: t('trash.purgeTitle'),
      message: t('trash.purgeMessage', { title, count: annotationCount }),
      confirmLabel: t('trash.purge'),
      danger: true,
    });
    if (ok && (await action.run(() => call('purgePractice', { id }))) !== undefined) changed();
  }

  return (
    <section aria-labelledby="view-heading">
      <ViewHeading>{t('trash.heading')}</ViewHeading>
      {trash.error && <ErrorMessage error={trash.error} />}
      {removed.error && <ErrorMessage error={removed.error} />}
      {action.error && <ErrorMessage error={action.error} />}
      {!trash.data || !removed.data ? (
        <Loading />
      ) : trash.data.length === 0 ? (
        removed.data.length === 0 && <p>{t('trash.empty')}</p>
      ) : (
        <ul className="practice-list">
          {trash.data.map((item) => {
            const title = pickText(item.titles, lang);
            return (
              <li key={item.id} className="practice-card">
                <h2 lang={title?.lang}>{title?.value}</h2>
                <p className="meta">{t('trash.deletedAt', { date: new Date(item.deletedAt!) })}</p>
                <div className="toolbar">
                  <button
                    type="button"
                    onClick={() =>
                      void action.run(() => call('restorePractice', { id: item.id })).then((r) => r && changed())
                    }
                  >
                    {t('trash.restore', { title: title?.value })}
                  </button>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => void purge(item.id, title?.value ?? '', item.annotationCount)}
                  >
                    {t('trash.purgeItem', { title: title?.value })}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {removed.data && removed.data.length > 0 && <RemovedAttachments items={removed.data} onChanged={changed} />}
    </section>
  );
}
