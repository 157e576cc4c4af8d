/**
 * Importing a bundle: chosen in main's open dialog, dropped, or picked in the
 * file input; previewed; then confirmed or cancelled. A refused bundle shows
 * why, and nothing changes.
 */
import { useEffect, useEffectEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview as Preview, ImportSummary } from '../../../shared/responses';
import { useNavigation } from '../app/navigation';
import { useOverview } from '../app/overview';
import { ErrorMessage } from '../components/ErrorMessage';
import { useAction } from '../hooks/useAction';
import { call } from '../lib/kb';
import { DropZone, readBundleFile } from './DropZone';
import { totalCounts } from './importCounts';
import { ImportPreview } from './ImportPreview';
import { TransferProgress } from './TransferProgress';
import { useWindowDrop } from './WindowDropZone';

type Busy = 'reading' | 'importing';

export function ImportBundle({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation('exchange');
  const { reload } = useOverview();
  const { navigate } = useNavigation();
  const { run, error, clearError } = useAction();
  const windowDrop = useWindowDrop();
  const [busy, setBusy] = useState<Busy>();
  const [preview, setPreview] = useState<Preview>();
  const [imported, setImported] = useState<ImportSummary>();
  const [problem, setProblem] = useState<string>();
  const openButton = useRef<HTMLButtonElement>(null);
  const result = useRef<HTMLDivElement>(null);
  const id = useId();

  // A preview left open when the user goes elsewhere is given up, so main does not keep it.
  const shown = useRef<string>(undefined);
  shown.current = preview?.previewId;
  useEffect(
    () => () => {
      if (shown.current) void call('cancelImport', { previewId: shown.current }).catch(() => undefined);
    },
    [],
  );

  async function showPreview(load: () => Promise<Preview | null>) {
    setPreview(undefined);
    setImported(undefined);
    setProblem(undefined);
    setBusy('reading');
    const loaded = await run(load);
    setBusy(undefined);
    if (loaded) setPreview(loaded); // null: the open dialog was cancelled
  }

  function previewFiles(files: File[]) {
    if (files.length !== 1) {
      clearError();
      setProblem(t('import.tooMany'));
      return;
    }
    void showPreview(async () => call('previewBundle', await readBundleFile(files[0]!)));
  }

  // Files dropped elsewhere on the window arrive here; an effect event always sees the latest render's handlers.
  const previewDropped = useEffectEvent((files: File[]) => previewFiles(files));
  const { files: dropped, take } = windowDrop;
  useEffect(() => {
    if (!dropped) return;
    const files = take();
    if (files) previewDropped(files);
  }, [dropped, take]);

  async function confirm(previewId: string) {
    setBusy('importing');
    const summary = await run(() => call('confirmImport', { previewId }));
    setBusy(undefined);
    if (!summary) return; // the error is shown; after a failed write the preview can be confirmed again
    setPreview(undefined);
    setImported(summary);
    reload();
    onImported();
    requestAnimationFrame(() => result.current?.focus());
  }

  async function cancel(previewId: string) {
    setPreview(undefined);
    await run(() => call('cancelImport', { previewId }));
    openButton.current?.focus();
  }

  // A preview that ran out (the knowledge base changed meanwhile) cannot be confirmed any more.
  useEffect(() => {
    if (error?.code === 'importPreviewExpired') setPreview(undefined);
  }, [error]);

  const total = imported && totalCounts(imported.counts);
  return (
    <section aria-labelledby={`${id}-heading`} className="exchange-section">
      <h2 id={`${id}-heading`}>{t('import.heading')}</h2>
      <div className="toolbar">
        <button
          type="button"
          ref={openButton}
          disabled={busy !== undefined}
          onClick={() => void showPreview(() => call('openBundle'))}
        >
          {t('import.open')}
        </button>
      </div>
      <DropZone onFiles={previewFiles} />
      <div role="status" className="exchange-status">
        {busy && <p className="loading">{t(`import.${busy}`)}</p>}
        {imported && total && (
          <div className="message message-success" ref={result} tabIndex={-1}>
            <p>
              {total.added + total.updated + total.deleted + total.conflicts === 0
                ? t('import.doneNothing', { fileName: imported.fileName })
                : t('import.done', {
                    fileName: imported.fileName,
                    added: t('import.count.added', { count: total.added }),
                    updated: t('import.count.updated', { count: total.updated }),
                    deleted: t('import.count.deleted', { count: total.deleted }),
                    conflicts: t('import.count.conflicts', { count: total.conflicts }),
                  })}
            </p>
            {total.conflicts > 0 && (
              <button type="button" className="link-button" onClick={() => navigate({ view: 'conflicts' })}>
                {t('import.showConflicts')}
              </button>
            )}
          </div>
        )}
      </div>
      <TransferProgress operation="preview" active={busy === 'reading'} />
      <TransferProgress operation="import" active={busy === 'importing'} />
      {problem && (
        <p className="message message-error" role="alert">
          {problem}
        </p>
      )}
      {error && <ErrorMessage error={error} />}
      {preview && (
        <ImportPreview
          preview={preview}
          busy={busy !== undefined}
          onConfirm={() => void confirm(preview.previewId)}
          onCancel={() => void cancel(preview.previewId)}
        />
      )}
    </section>
  );
}
