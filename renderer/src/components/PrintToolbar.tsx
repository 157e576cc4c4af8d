/**
 * The top of a print view, not printed itself: the language the printout
 * is in (German, Dutch, or both side by side) and the button that saves it
 * as a PDF through main's save dialog (printed with Chromium's own engine).
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../hooks/useAction';
import { call } from '../lib/kb';
import type { ReadingMode } from '../lib/texts';
import { ErrorMessage } from './ErrorMessage';
import { useFeedback } from './Feedback';

const MODES: ReadingMode[] = ['de', 'nl', 'both'];

export function PrintToolbar({
  mode,
  onMode,
  fileName,
}: {
  mode: ReadingMode;
  onMode: (mode: ReadingMode) => void;
  /** The name offered in the save dialog, ending in .pdf. */
  fileName: string;
}) {
  const { t } = useTranslation('visits');
  const { toast } = useFeedback();
  const print = useAction();
  const name = useId();

  async function save() {
    const result = await print.run(() => call('printView', { fileName }));
    if (result) toast({ message: t('print.saved', { fileName: result.fileName }) });
  }

  return (
    <div className="print-toolbar no-print">
      <fieldset className="radios">
        <legend>{t('print.language')}</legend>
        {MODES.map((m) => (
          <label key={m}>
            <input type="radio" name={name} checked={mode === m} onChange={() => onMode(m)} />
            {t(`print.mode.${m}`)}
          </label>
        ))}
      </fieldset>
      <button
        type="button"
        className="primary"
        onClick={() => void save()}
        disabled={print.busy}
        aria-busy={print.busy}
      >
        {print.busy ? t('print.busy') : t('print.button')}
      </button>
      {print.error && <ErrorMessage error={print.error} />}
    </div>
  );
}

/** A file name without what file systems refuse. */
export const pdfFileName = (title: string): string =>
  `${
    title
      .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
      .replace(/^\.+/, '')
      .trim()
      .slice(0, 140) || 'twinning-kb'
  }.pdf`;
