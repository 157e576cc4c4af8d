/**
 * An annotation's attachments as its list item shows them, compactly: a
 * small image with its caption as alt text, a document as the button that
 * opens it in the system's viewer. Asked for only when the annotation has
 * some, so a long list of annotations costs nothing more; whether the bytes
 * are whole comes from the knowledge base, never assumed.
 */
import { useTranslation } from 'react-i18next';
import type { Annotation } from '../../../shared/model';
import { ErrorMessage } from '../components/ErrorMessage';
import { useAction } from '../hooks/useAction';
import { useKbQuery } from '../hooks/useKbQuery';
import { useLang } from '../hooks/useLang';
import { call } from '../lib/kb';
import { captionOf, describe, imageUrl, isImage } from './attachmentFiles';

export function AnnotationAttachments({ annotation }: { annotation: Annotation }) {
  const live = (annotation.attachments ?? []).filter((a) => !a.deletedAt);
  if (live.length === 0) return null;
  // A new version (attached, removed, captioned) asks again.
  return <CompactList key={annotation.updatedAt} id={annotation.id} />;
}

function CompactList({ id }: { id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const owner = { kind: 'annotations' as const, id };
  const query = useKbQuery('listAttachments', { owner });
  const action = useAction();
  const live = (query.data ?? []).filter((a) => !a.deletedAt);
  return (
    <>
      {query.error && <ErrorMessage error={query.error} />}
      {action.error && <ErrorMessage error={action.error} />}
      {live.length > 0 && (
        <ul className="compact-attachments" aria-label={t('attachments.heading')}>
          {live.map((attachment) => {
            const caption = captionOf(attachment, lang);
            const whole = attachment.health === 'ok';
            return (
              <li key={attachment.sha256}>
                {isImage(attachment) && whole ? (
                  <figure>
                    <img
                      src={imageUrl(attachment.sha256)}
                      alt={caption?.text ?? t('attachments.untitledImage', { name: attachment.name })}
                    />
                    {caption && <figcaption lang={caption.lang}>{caption.text}</figcaption>}
                  </figure>
                ) : (
                  <>
                    <button
                      type="button"
                      className="link-button"
                      disabled={!whole}
                      onClick={() =>
                        void action.run(() => call('openAttachment', { owner, sha256: attachment.sha256 }))
                      }
                    >
                      {t('attachments.open', { name: attachment.name })}
                    </button>{' '}
                    <span className="hint">{describe(t, attachment)}</span>
                    {caption && (
                      <span lang={caption.lang} className="caption">
                        {' '}
                        – {caption.text}
                      </span>
                    )}
                  </>
                )}
                {!whole && <p className="message message-error">{t(`attachments.${attachment.health}`)}</p>}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
