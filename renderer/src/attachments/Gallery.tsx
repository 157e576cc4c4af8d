/**
 * The images of a record, one large with its caption and small ones to pick
 * from. Arrow keys page through; each image's alt text is its caption, and
 * one without a caption says so rather than staying silent.
 */
import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentView } from '../../../shared/responses';
import { useLang } from '../hooks/useLang';
import { captionOf, imageUrl } from './attachmentFiles';

export function Gallery({ images }: { images: readonly AttachmentView[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const headingId = useId();
  const keysId = useId();
  const [chosen, setChosen] = useState(0);
  if (images.length === 0) return null;
  const index = Math.min(chosen, images.length - 1);
  const image = images[index]!;
  const caption = captionOf(image, lang);
  const alt = (a: AttachmentView) => captionOf(a, lang)?.text ?? t('attachments.untitledImage', { name: a.name });
  const go = (delta: number) => setChosen((index + delta + images.length) % images.length);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault();
      go(event.key === 'ArrowRight' ? 1 : -1);
    }
  }

  return (
    <section className="gallery" aria-labelledby={headingId} aria-describedby={keysId} onKeyDown={onKeyDown}>
      <h3 id={headingId}>{t('attachments.gallery')}</h3>
      <p id={keysId} className="hint">
        {t('attachments.galleryKeys')}
      </p>
      <figure>
        <img src={imageUrl(image.sha256)} alt={alt(image)} />
        <figcaption>
          {caption && <span lang={caption.lang}>{caption.text}</span>}{' '}
          <span aria-live="polite">{t('attachments.galleryPosition', { n: index + 1, total: images.length })}</span>
        </figcaption>
      </figure>
      {images.length > 1 && (
        <div className="toolbar">
          <button type="button" onClick={() => go(-1)}>
            {t('attachments.previous')}
          </button>
          <button type="button" onClick={() => go(1)}>
            {t('attachments.next')}
          </button>
        </div>
      )}
      {images.length > 1 && (
        <ul className="gallery-thumbnails">
          {images.map((a, i) => (
            <li key={a.sha256}>
              <button
                type="button"
                aria-label={t('attachments.show', { caption: alt(a) })}
                aria-current={i === index ? 'true' : undefined}
                onClick={() => setChosen(i)}
              >
                <img src={imageUrl(a.sha256)} alt="" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
