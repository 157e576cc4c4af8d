/**
 * The Save and Cancel buttons the editors end with, so they read and sit the
 * same everywhere: in a page form Save comes first and submits it; in a
 * dialog Cancel comes first, as in the app's other dialogs.
 */
import { useTranslation } from 'react-i18next';

/** The end of a page editor's form: Save submits it. */
export function FormSaveCancel({ busy, onCancel }: { busy: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="submit" className="primary" disabled={busy}>
        {t('action.save')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('action.cancel')}
      </button>
    </div>
  );
}

/** A dialog editor's actions, for Dialog's `actions`. */
export function DialogSaveCancel({
  busy,
  onSave,
  onCancel,
}: {
  busy: boolean;
  onSave: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <button type="button" onClick={onCancel}>
        {t('action.cancel')}
      </button>
      <button type="button" className="primary" disabled={busy} onClick={onSave}>
        {t('action.save')}
      </button>
    </>
  );
}
