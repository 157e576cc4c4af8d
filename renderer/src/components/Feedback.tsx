/**
 * Confirmations and short-lived messages, shared by every view: `useConfirm`
 * asks before anything destructive; `useToast` says what happened, with an
 * undo action where one is cheap.
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';

export interface ConfirmOptions {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
}
export interface ToastOptions {
  message: string;
  action?: { label: string; run: () => void };
}

interface Feedback {
  confirm: (options: ConfirmOptions) => Promise<boolean>;
  toast: (options: ToastOptions) => void;
}

const FeedbackContext = createContext<Feedback | null>(null);
const TOAST_MS = 10_000;

export function FeedbackProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<{ options: ConfirmOptions; resolve: (ok: boolean) => void } | null>(null);
  const [toastState, setToast] = useState<(ToastOptions & { key: number }) | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const confirm = useCallback(
    (options: ConfirmOptions) => new Promise<boolean>((resolve) => setPending({ options, resolve })),
    [],
  );
  const toast = useCallback((options: ToastOptions) => {
    clearTimeout(timer.current);
    setToast({ ...options, key: Date.now() });
    timer.current = setTimeout(() => setToast(null), TOAST_MS);
  }, []);
  const value = useMemo(() => ({ confirm, toast }), [confirm, toast]);

  const answer = (ok: boolean) => {
    pending?.resolve(ok);
    setPending(null);
  };

  return (
    <FeedbackContext.Provider value={value}>
      {children}
      {pending && (
        <Dialog
          title={pending.options.title}
          onClose={() => answer(false)}
          actions={
            <>
              <button type="button" onClick={() => answer(false)} autoFocus>
                {t('action.cancel')}
              </button>
              <button
                type="button"
                className={pending.options.danger ? 'danger' : 'primary'}
                onClick={() => answer(true)}
              >
                {pending.options.confirmLabel}
              </button>
            </>
          }
        >
          <p>{pending.options.message}</p>
        </Dialog>
      )}
      <div className="toast-region" role="status" aria-live="polite">
        {toastState && (
          <div className="toast" key={toastState.key}>
            <span>{toastState.message}</span>
            {toastState.action && (
              <button
                type="button"
                onClick={() => {
                  toastState.action!.run();
                  setToast(null);
                }}
              >
                {toastState.action.label}
              </button>
            )}
            <button type="button" className="close" aria-label={t('action.dismiss')} onClick={() => setToast(null)}>
              ×
            </button>
          </div>
        )}
      </div>
    </FeedbackContext.Provider>
  );
}

export function useFeedback(): Feedback {
  const feedback = useContext(FeedbackContext);
  if (!feedback) throw new Error('useFeedback outside FeedbackProvider');
  return feedback;
}
