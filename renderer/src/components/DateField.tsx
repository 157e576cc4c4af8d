/**
 * The app's own date field: a text field that shows and accepts the date as
 * the interface language writes it (TT.MM.JJJJ, dd-mm-jjjj), never the
 * browser's date picker, which follows the system's locale (mm/dd/yyyy in an
 * English Chromium, ambiguous for 09/10). The format is said next to it; what
 * is no date is marked and explained.
 */
import { useEffect, useId, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../hooks/useLang';
import { formatDateInput, parseDateInput } from '../lib/calendarDate';

export function DateField({
  label,
  value,
  onChange,
  allowMonth = false,
  required = false,
  inputRef,
  className,
}: {
  label: string;
  /** YYYY-MM-DD (or YYYY-MM with allowMonth), '' for none, null while what is typed is no date. */
  value: string | null;
  onChange: (value: string | null) => void;
  allowMonth?: boolean;
  required?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  className?: string;
}) {
  const { t } = useTranslation('visits');
  const lang = useLang();
  const [text, setText] = useState(() => (value ? formatDateInput(value, lang) : ''));
  const [touched, setTouched] = useState(false);
  const shownLang = useRef(lang);
  // What is typed, read (not watched) by the effect: typing must not reformat what is being typed.
  const typed = useRef(text);
  typed.current = text;
  const hintId = useId();
  const errorId = useId();

  // A value set from outside (a restore, a reset) or a new interface language: shown in its format.
  useEffect(() => {
    const langChanged = shownLang.current !== lang;
    shownLang.current = lang;
    if (value === null) return; // what is typed is no date: it stays as typed
    if (!langChanged && parseDateInput(typed.current, { allowMonth }) === value) return;
    setText(value ? formatDateInput(value, lang) : '');
  }, [value, lang, allowMonth]);

  const invalid = touched && parseDateInput(text, { allowMonth }) === null;
  const format = allowMonth ? t('date.formatWithMonth') : t('date.format');
  return (
    <div className={className ?? 'date-field'}>
      <label>
        {label}
        <input
          ref={inputRef}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          value={text}
          aria-required={required || undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${hintId} ${errorId}` : hintId}
          onChange={(e) => {
            setText(e.target.value);
            onChange(parseDateInput(e.target.value, { allowMonth }));
          }}
          onBlur={() => {
            setTouched(true);
            const parsed = parseDateInput(text, { allowMonth });
            if (parsed) setText(formatDateInput(parsed, lang));
          }}
        />
      </label>
      <span id={hintId} className="hint">
        {t('date.hint', { format })}
      </span>
      {invalid && (
        <span id={errorId} className="field-error">
          {t('date.invalid', { format })}
        </span>
      )}
    </div>
  );
}
