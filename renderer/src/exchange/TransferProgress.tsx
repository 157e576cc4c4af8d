/**
 * How far a long transfer has got (writing a container, checking one,
 * importing its attachments): a labelled progress bar with the share and the
 * megabytes done, shown while the call runs and once main has said something.
 * It listens only while `active`, and gives up its subscription afterwards.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransferOperation, TransferProgress as Progress } from '../../../shared/contract';

const MB = 1024 * 1024;

export function TransferProgress({ operation, active }: { operation: TransferOperation; active: boolean }) {
  const { t } = useTranslation('exchange');
  const [progress, setProgress] = useState<Progress>();
  const id = useId();

  useEffect(() => {
    const api = window.kb;
    if (!active || !api) return;
    const unsubscribe = api.onTransferProgress((event) => {
      if (event.operation === operation) setProgress(event);
    });
    return () => {
      unsubscribe();
      setProgress(undefined);
    };
  }, [active, operation]);

  if (!active || !progress) return null;
  const share = progress.total > 0 ? progress.done / progress.total : 1;
  const percent = Math.round(share * 100);
  const text = t('progress.value', {
    share,
    done: progress.done / MB,
    total: progress.total / MB,
  });
  return (
    <div className="transfer-progress">
      <span id={`${id}-label`}>{t(`progress.${operation}`)}</span>
      <div
        role="progressbar"
        aria-labelledby={`${id}-label`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
        className="transfer-progress-bar"
      >
        <div className="transfer-progress-done" style={{ width: `${percent}%` }} />
      </div>
      <span aria-hidden="true">{text}</span>
    </div>
  );
}
