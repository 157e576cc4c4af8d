/**
 * One attachment in a record's list: a thumbnail for images, name, kind and
 * size, the caption, a warning when its bytes are missing or damaged or an
 * image has no caption, and its actions (open, caption, move, remove).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentCaption } from '../../../shared/attachments';
import { LANGUAGES } from '../../../shared/model';
import type { AttachmentView } from '../../../shared/responses';
import { useLang } from '../hooks/useLang';
import { captionOf, describe, imageUrl, isImage } from './attachmentFiles';

interface Props {
  attachment: AttachmentView;
  first: boolean;
  last: boolean;
  onOpen: () => void;
  onSave: (changes: { name: string; caption: AttachmentCaption }) => Promise<unknown>;
  onMove: (delta: number) => void;
  onRemove: () => void;
}

export function AttachmentItem({ attachment, first, last, onOpen, onSave, onMove, onRemove }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const [editing, setEditing] = useState(false);
  const caption = captionOf(attachment, lang);
  const image = isImage(attachment);
  const whole = attachment.health === 'ok';
  const name = attachment.name;

  return (
    <li className="attachment">
      {image && whole && <img className="thumbnail" src={imageUrl(attachment.sha256)} alt={caption?.text ?? ''} />}
      <div className="attachment-text">
        <strong>{name}</strong> <span className="hint">{describe(t, attachment)}</span>
        {caption && (
          <p lang={caption.lang} className="caption">
            {caption.text}
          </p>
        )}
        {attachment.health !== 'ok' && (
          <p
            className={`message ${attachment.health === 'arriving' ? 'message-warning' : 'message-error'}`}
            role="status"
          >
            {t(`attachments.${attachment.health}`)}
          </p>
        )}
        {image && !attachment.caption.de && !attachment.caption.nl && (
          <p className="message message-warning">{t('attachments.noCaption')}</p>
        )}
      </div>
      <div className="toolbar">
        <button type="button" disabled={!whole} onClick={onOpen}>
          {t('attachments.open', { name })}
        </button>
        <button type="button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
          {t('attachments.edit', { name })}
        </button>
        <button type="button" disabled={first} onClick={() => onMove(-1)}>
          {t('attachments.moveUp', { name })}
        </button>
        <button type="button" disabled={last} onClick={() => onMove(1)}>
          {t('attachments.moveDown', { name })}
        </button>
        <button type="button" className="danger" onClick={onRemove}>
          {t('attachments.remove', { name })}
        </button>
      </div>
      {editing && <CaptionForm attachment={attachment} onSave={onSave} onDone={() => setEditing(false)} />}
    </li>
  );
}

function CaptionForm({
  attachment,
  onSave,
  onDone,
}: {
  attachment: AttachmentView;
  onSave: Props['onSave'];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(attachment.name);
  const [caption, setCaption] = useState<AttachmentCaption>(attachment.caption);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await onSave({ name: name.trim() || attachment.name, caption })) onDone();
  }

  return (
    <form className="caption-form" noValidate onSubmit={(event) => void submit(event)}>
      <label>
        {t('attachments.name')}
        <input value={name} maxLength={255} onChange={(e) => setName(e.target.value)} />
      </label>
      {LANGUAGES.map((l) => (
        <label key={l}>
          {t('attachments.captionIn', { language: t(`content.languageName.${l}`) })}
          <input
            lang={l}
            value={caption[l] ?? ''}
            maxLength={1_000}
            onChange={(e) => setCaption({ ...caption, [l]: e.target.value })}
          />
        </label>
      ))}
      <div className="toolbar">
        <button type="submit">{t('action.save')}</button>
        <button type="button" onClick={onDone}>
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}
