/**
 * Keeps a page editor's unsaved edits from being lost by accident: while
 * `dirty`, leaving the view asks first, and closing the window is held back
 * (main then asks the user in a native dialog).
 */
import { useEffect } from 'react';
import { useNavigation } from '../app/navigation';
import { useConfirmDiscard } from './useConfirmDiscard';

export function useUnsavedGuard(dirty: boolean): void {
  const { setGuard } = useNavigation();
  const confirmDiscard = useConfirmDiscard();
  useEffect(() => {
    if (!dirty) {
      setGuard(null);
      return;
    }
    setGuard(confirmDiscard);
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      setGuard(null);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [dirty, setGuard, confirmDiscard]);
}
