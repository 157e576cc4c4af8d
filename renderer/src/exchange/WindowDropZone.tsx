/**
 * A bundle dropped anywhere on the window: the files are kept here and the
 * exchange view is opened, which previews them. Drags of text or links are
 * left alone, so dropping text into a field still works.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useNavigation } from '../app/navigation';
import { draggingFiles } from './DropZone';

interface WindowDrop {
  /** What was dropped last and not yet taken by the exchange view. */
  files: File[] | null;
  /** Takes the dropped files, so they are previewed once. */
  take: () => File[] | null;
}

const WindowDropContext = createContext<WindowDrop | null>(null);

export function WindowDropZone({ children }: { children: ReactNode }) {
  const { route, navigate } = useNavigation();
  const [files, setFiles] = useState<File[] | null>(null);
  const pending = useRef<File[] | null>(null);
  const onExchange = useRef(false);
  onExchange.current = route.view === 'exchange';

  useEffect(() => {
    const onDragOver = (event: DragEvent) => {
      if (!draggingFiles(event)) return;
      event.preventDefault(); // without this the browser refuses the drop
      event.dataTransfer!.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      if (!draggingFiles(event)) return;
      event.preventDefault();
      pending.current = [...event.dataTransfer!.files];
      setFiles(pending.current);
      if (!onExchange.current) navigate({ view: 'exchange' });
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [navigate]);

  const take = useCallback(() => {
    const taken = pending.current;
    pending.current = null;
    setFiles(null);
    return taken;
  }, []);
  const value = useMemo(() => ({ files, take }), [files, take]);
  return <WindowDropContext.Provider value={value}>{children}</WindowDropContext.Provider>;
}

export function useWindowDrop(): WindowDrop {
  const drop = useContext(WindowDropContext);
  if (!drop) throw new Error('useWindowDrop outside WindowDropZone');
  return drop;
}
