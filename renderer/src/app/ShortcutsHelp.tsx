/** A header button (and F1) that lists the keyboard shortcuts. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import { useShortcut } from '../hooks/useShortcut';

/** Every keyboard shortcut of the app; the modifier is Cmd on macOS and Ctrl elsewhere. */
const SHORTCUTS = [
  { keys: ['mod', 'K'], action: 'search' },
  { keys: ['mod', 'F'], action: 'search' },
  { keys: ['mod', 'S'], action: 'save' },
  { keys: ['Esc'], action: 'cancel' },
  { keys: ['↑', '↓'], action: 'listMove' },
  { keys: ['Home', 'End'], action: 'listEnds' },
  { keys: ['PageUp', 'PageDown'], action: 'listPage' },
  { keys: ['F1'], action: 'help' },
] as const;

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

export function ShortcutsHelp() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  useShortcut('F1', () => setOpen(true));
  const keyName = (key: string) =>
    key === 'mod' ? (isMac ? '⌘' : t('shortcuts.ctrl')) : t(`shortcuts.key.${key}`, { defaultValue: key });
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} aria-haspopup="dialog">
        {t('shortcuts.open')}
      </button>
      {open && (
        <Dialog
          title={t('shortcuts.title')}
          onClose={() => setOpen(false)}
          actions={
            <button type="button" className="primary" onClick={() => setOpen(false)}>
              {t('shortcuts.close')}
            </button>
          }
        >
          <table className="shortcuts">
            <thead>
              <tr>
                <th scope="col">{t('shortcuts.keys')}</th>
                <th scope="col">{t('shortcuts.action')}</th>
              </tr>
            </thead>
            <tbody>
              {SHORTCUTS.map(({ keys, action }) => (
                <tr key={keys.join('+')}>
                  <td>
                    {keys.map((key, i) => (
                      <span key={key}>
                        {i > 0 && (keys[0] === 'mod' ? ' + ' : ' / ')}
                        <kbd>{keyName(key)}</kbd>
                      </span>
                    ))}
                  </td>
                  <td>{t(`shortcuts.do.${action}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Dialog>
      )}
    </>
  );
}
