/**
 * The app's keyboard shortcuts (F1, Ctrl/Cmd+K, Ctrl/Cmd+S, Escape): window
 * wide, so they work wherever focus is, except inside an open dialog.
 */
import { useEffect, useRef } from 'react';

/** Calls `handler` for a key, with Ctrl (or Cmd on macOS) when `mod` is set, anywhere in the window. */
export function useShortcut(key: string, handler: () => void, { mod = false }: { mod?: boolean } = {}): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== key.toLowerCase()) return;
      if (mod !== (event.ctrlKey || event.metaKey)) return;
      if (document.querySelector('dialog[open]')) return; // a dialog owns the keyboard while open
      event.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [key, mod]);
}
