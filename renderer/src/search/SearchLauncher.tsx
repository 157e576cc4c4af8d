/** The header's search button; Ctrl/Cmd+K and Ctrl/Cmd+F open the same search from anywhere. */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShortcut } from '../hooks/useShortcut';
import { SearchDialog } from './SearchDialog';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function SearchLauncher() {
  const { t } = useTranslation('search');
  const [open, setOpen] = useState(false);
  /** What had focus before the search opened, to return to when it is closed without opening a result. */
  const returnTo = useRef<HTMLElement | null>(null);

  const show = () => {
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpen(true);
  };
  useShortcut('k', show, { mod: true });
  useShortcut('f', show, { mod: true });

  const close = () => {
    setOpen(false);
    const target = returnTo.current;
    requestAnimationFrame(() => (target?.isConnected ? target : document.getElementById('main'))?.focus());
  };
  const opened = () => {
    setOpen(false);
    // The new view focuses its heading; when the view stayed the same, focus goes there too.
    requestAnimationFrame(() => {
      if (document.activeElement === document.body) document.getElementById('view-heading')?.focus();
    });
  };

  const keys = t(isMac ? 'shortcutMac' : 'shortcut');
  return (
    <>
      <button
        type="button"
        className="search-launcher no-print"
        aria-keyshortcuts={isMac ? 'Meta+K Meta+F' : 'Control+K Control+F'}
        onClick={show}
      >
        {t('open')} <kbd>{keys}</kbd>
      </button>
      {open && <SearchDialog onClose={close} onOpened={opened} />}
    </>
  );
}
