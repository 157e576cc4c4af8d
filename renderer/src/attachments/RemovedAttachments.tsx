/**
 * The trash's list of removed attachments: each with its caption or file
 * name, whose it was (a practice, an annotation on one, a visit) and when it
 * was removed; restored with one click, or taken off its record for good
 * after the user confirms.
 */
import { useTranslation } from 'react-i18next';
import type { RemovedAttachment } from '../../../shared/responses';
import { useOverview } from '../app/overview';
import { ErrorMessage } from '../components/ErrorMessage';
import { useFeedback } from '../components/Feedback';
import { useAction } from '../hooks/useAction';
import { useLang } from '../hooks/useLang';
import { call } from '../lib/kb';
import { pickText } from '../lib/texts';
import { visitLabel } from '../lib/visitLabel';

export function RemovedAttachments({ items, onChanged }: { items: RemovedAttachment[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { overview } = useOverview();
  const { confirm } = useFeedback();
  const action = useAction();

  /** Whose the attachment was, as a phrase: "aus dem Praxisbeispiel „…“". */
  function from(item: RemovedAttachment): { text: string; lang?: string } {
    if (item.visit) {
      return {
        text: t('trash.attachmentFrom.visits', { title: visitLabel(item.visit, lang, overview.organisations, t) }),
      };
    }
    const title = pickText(item.practiceTitles ?? {}, lang);
    return { text: t(`trash.attachmentFrom.${item.owner.kind}`, { title: title?.value ?? '' }), lang: title?.lang };
  }

  async function purge({ owner, attachment }: RemovedAttachment) {
    const ok = await confirm({
      title: t('trash.purgeTitle'),
      message: t('trash.purgeAttachmentMessage', { name: attachment.name }),
      confirmLabel: t('trash.purge'),
      danger: true,
    });
    if (ok && (await action.run(() => call('purgeAttachment', { owner, sha256: attachment.sha256 }))) !== undefined)
      onChanged();
  }

  async function restore({ owner, attachment }: RemovedAttachment) {
    if ((await action.run(() => call('restoreAttachment', { owner, sha256: attachment.sha256 }))) !== undefined)
      onChanged();
  }

  return (
    <section aria-labelledby="removed-attachments-heading" className="trash-attachments">
      <h2 id="removed-attachments-heading">{t('trash.attachmentsHeading')}</h2>
      {action.error && <ErrorMessage error={action.error} />}
      <ul className="practice-list">
        {items.map((item) => {
          const { attachment } = item;
          const caption = pickText(attachment.caption, lang);
          const owner = from(item);
          return (
            <li key={`${item.owner.kind}:${item.owner.id}:${attachment.sha256}`} className="practice-card">
              <h3 lang={caption?.lang}>{caption?.value ?? attachment.name}</h3>
              {caption && <p className="meta">{attachment.name}</p>}
              <p className="meta" lang={owner.lang === lang ? undefined : owner.lang}>
                {owner.text}
              </p>
              <p className="meta">{t('trash.removedAt', { date: new Date(attachment.deletedAt) })}</p>
              <div className="toolbar">
                <button type="button" onClick={() => void restore(item)}>
                  {t('trash.restore', { title: attachment.name })}
                </button>
                <button type="button" className="danger" onClick={() => void purge(item)}>
                  {t('trash.purgeItem', { title: attachment.name })}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
