/**
 * Where an exchange bundle can be dropped, with a file chooser beside it for
 * everyone who does not drag and drop (keyboard, screen reader).
 */
import { useId, useRef, useState, type DragEvent as ReactDragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { KbCallError } from '../lib/kb';

/** A file the user dropped or chose, read for `previewBundle`. */
export interface BundleFile {
  fileName: string;
  data: Uint8Array<ArrayBuffer>;
}

/** True while files (not text or links) are being dragged. */
export const draggingFiles = (event: DragEvent | ReactDragEvent) =>
  event.dataTransfer?.types.includes('Files') ?? false;

export async function readBundleFile(file: File): Promise<BundleFile> {
  try {
    return { fileName: file.name, data: new Uint8Array(await file.arrayBuffer()) };
  } catch (error) {
    // The file vanished or is locked since it was dropped; the name of the DOM error is all there is.
    throw new KbCallError('fileReadFailed', String(error), {
      reason: error instanceof DOMException ? error.name : String(error),
    });
  }
}

export function DropZone({ onFiles }: { onFiles: (files: File[]) => void }) {
  const { t } = useTranslation('exchange');
  const [over, setOver] = useState(false);
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);

  const onDragOver = (event: ReactDragEvent) => {
    if (!draggingFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  return (
    <div
      className={over ? 'drop-zone drop-zone-active' : 'drop-zone'}
      role="group"
      aria-label={t('import.dropZone')}
      onDragEnter={onDragOver}
      onDragOver={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        if (!draggingFiles(event)) return;
        // Handled here: the window's own drop handler must not take the same file again.
        event.preventDefault();
        event.stopPropagation();
        setOver(false);
        onFiles([...event.dataTransfer.files]);
      }}
    >
      <p id={hintId}>{t('import.dropHere')}</p>
      {/* Chromium's own file input would speak English ("Choose File / No file chosen"): a button of ours opens it. */}
      <button type="button" aria-describedby={hintId} onClick={() => input.current?.click()}>
        {t('import.chooseFile')}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        aria-label={t('import.chooseFile')}
        accept=".json,application/json"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = ''; // choosing the same file again must fire again
          if (files.length > 0) onFiles(files);
        }}
      />
    </div>
  );
}
