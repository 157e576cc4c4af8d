/**
 * A record's attachments: the gallery of its images, the list of all its
 * files with caption, order and removal (undoable, and restorable from the
 * removed ones), and the ways to add: the app's own button for the file
 * dialog (no bare file input that would speak English), drag and drop, and
 * pasting a screenshot. Documents open only in the system's viewer, after
 * main asks the user.
 */
import { useId, useState, type ClipboardEvent, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ATTACHMENT_BYTES, type AttachmentOwnerKind } from '../../../shared/attachments';
import type { AttachmentView, StagedAttachment } from '../../../shared/responses';
import { ErrorMessage } from '../components/ErrorMessage';
import { useFeedback } from '../components/Feedback';
import { useAction } from '../hooks/useAction';
import { useKbQuery } from '../hooks/useKbQuery';
import { call } from '../lib/kb';
import { AttachmentItem } from './AttachmentItem';
import { filesOf, isImage, readFile, sha256 } from './attachmentFiles';
import { Gallery } from './Gallery';

export interface OwnerRef {
  kind: AttachmentOwnerKind;
  id: string;
}

/** Attaches dropped or pasted files one by one; returns the list after the last one and the hash of each file's bytes. */
export async function attachFiles(
  owner: OwnerRef,
  files: readonly File[],
): Promise<{ list: AttachmentView[]; hashes: string[] }> {
  let list: AttachmentView[] = [];
  const hashes: string[] = [];
  for (const file of files) {
    const read = await readFile(file);
    list = await call('addAttachment', { owner, ...read });
    hashes.push(await sha256(read.data));
  }
  return { list, hashes };
}

/** Stores files dropped or pasted into the text of a record not saved yet, one by one; attached when it is saved. */
export async function stageFiles(files: readonly File[]): Promise<StagedAttachment[]> {
  const staged: StagedAttachment[] = [];
  for (const file of files) staged.push(await call('stageAttachment', await readFile(file)));
  return staged;
}

export function AttachmentsSection({
  owner,
  title,
  headingLevel = 2,
}: {
  owner: OwnerRef;
  title: string;
  /** 3 where the section sits inside another's list, as an annotation's does. */
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const hintId = useId();
  const { toast } = useFeedback();
  const query = useKbQuery('listAttachments', { owner });
  const [fresh, setFresh] = useState<AttachmentView[]>();
  const [over, setOver] = useState(false);
  const action = useAction();
  const list = fresh ?? query.data ?? [];
  const live = list.filter((a) => !a.deletedAt);
  const removed = list.filter((a) => a.deletedAt);
  const images = live.filter((a) => isImage(a) && a.health === 'ok');
  const Heading = headingLevel === 3 ? 'h3' : 'h2';

  async function change(run: () => Promise<AttachmentView[] | null | undefined>) {
    const result = await action.run(run);
    if (result) setFresh(result);
    return result;
  }

  async function add(files: File[]) {
    if (files.length === 0) return;
    const result = await change(async () => (await attachFiles(owner, files)).list);
    if (result) toast({ message: t('attachments.added', { count: files.length }) });
  }

  async function remove(attachment: AttachmentView) {
    const result = await change(() => call('removeAttachment', { owner, sha256: attachment.sha256 }));
    if (!result) return;
    toast({
      message: t('attachments.removed', { name: attachment.name }),
      action: {
        label: t('action.undo'),
        run: () => void change(() => call('restoreAttachment', { owner, sha256: attachment.sha256 })),
      },
    });
  }

  function move(attachment: AttachmentView, delta: number) {
    const order = list.map((a) => a.sha256);
    const from = order.indexOf(attachment.sha256);
    // Among the attachments shown: skip removed ones, which keep their place in the record.
    let to = from + delta;
    while (to >= 0 && to < list.length && list[to]!.deletedAt) to += delta;
    if (to < 0 || to >= list.length) return;
    order.splice(from, 1);
    order.splice(to, 0, attachment.sha256);
    void change(() => call('reorderAttachments', { owner, order }));
  }

  function onDragOver(event: DragEvent) {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setOver(true);
  }

  function onDrop(event: DragEvent) {
    if (!event.dataTransfer.types.includes('Files')) return;
    // Handled here: the window's own drop handler (bundle import) must not take the same files.
    event.preventDefault();
    event.stopPropagation();
    setOver(false);
    void add(filesOf(event.dataTransfer));
  }

  function onPaste(event: ClipboardEvent) {
    const files = filesOf(event.clipboardData);
    if (files.length === 0) return;
    event.preventDefault();
    void add(files);
  }

  return (
    <section className="attachments" aria-labelledby={headingId} onPaste={onPaste}>
      <Heading id={headingId}>
        {t('attachments.heading')} <span className="count">({t('attachments.count', { count: live.length })})</span>
      </Heading>
      {query.error && <ErrorMessage error={query.error} />}
      <Gallery images={images} />
      <div
        className={over ? 'drop-zone drop-zone-active' : 'drop-zone'}
        role="group"
        aria-label={t('attachments.dropZone')}
        onDragEnter={onDragOver}
        onDragOver={onDragOver}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p id={hintId}>{t('attachments.dropHere')}</p>
        <button
          type="button"
          aria-describedby={hintId}
          disabled={action.busy}
          onClick={() => void change(() => call('chooseAttachments', { owner }))}
        >
          {action.busy ? t('attachments.adding') : t('attachments.add')}
        </button>
      </div>
      {action.error && <ErrorMessage error={action.error} />}
      {live.length === 0 ? (
        <p className="hint">{t('attachments.none', { limitMB: MAX_ATTACHMENT_BYTES / (1024 * 1024) })}</p>
      ) : (
        <ol className="attachment-list" aria-label={t('attachments.list', { title })}>
          {live.map((attachment, i) => (
            <AttachmentItem
              key={attachment.sha256}
              attachment={attachment}
              first={i === 0}
              last={i === live.length - 1}
              onOpen={() => void action.run(() => call('openAttachment', { owner, sha256: attachment.sha256 }))}
              onSave={(changes) =>
                change(() => call('updateAttachment', { owner, sha256: attachment.sha256, ...changes }))
              }
              onMove={(delta) => move(attachment, delta)}
              onRemove={() => void remove(attachment)}
            />
          ))}
        </ol>
      )}
      {removed.length > 0 && (
        <details className="removed-attachments">
          <summary>{t('attachments.removedHeading')}</summary>
          <ul>
            {removed.map((attachment) => (
              <li key={attachment.sha256}>
                {attachment.name}{' '}
                <button
                  type="button"
                  onClick={() => void change(() => call('restoreAttachment', { owner, sha256: attachment.sha256 }))}
                >
                  {t('attachments.restore', { name: attachment.name })}
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
