/**
 * The in-place glossary lookup: the glossary terms Markdown marks in a text
 * show, on hover or keyboard focus, the term and definition in the other
 * language. Each tooltip (role="tooltip") describes its marked terms
 * (aria-describedby); Escape hides it, and it stays while the pointer is on it.
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { otherLang, type GlossaryTerm, type Lang } from '../../../shared/model';

interface Shown {
  termId: string;
  top: number;
  left: number;
}

/** How long the tooltip waits after the pointer leaves, so it can be moved onto the tooltip itself. */
const HIDE_DELAY_MS = 300;

/**
 * The tooltips of the terms marked in `host` (the Markdown element), one per
 * term, hidden until its term is hovered or focused.
 */
export function GlossaryTooltips({
  host,
  terms,
  lang,
  idFor,
}: {
  host: RefObject<HTMLElement | null>;
  terms: GlossaryTerm[];
  lang: Lang;
  idFor: (termId: string) => string;
}) {
  const [shown, setShown] = useState<Shown | null>(null);
  const hideTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const other = otherLang(lang);

  const show = useCallback((mark: HTMLElement) => {
    clearTimeout(hideTimer.current);
    const termId = mark.dataset.term;
    if (!termId) return;
    // Placed under the term, relative to the positioned wrapper the tooltips live in.
    const box = mark.getBoundingClientRect();
    const origin = (mark.closest('.markdown-host') ?? mark).getBoundingClientRect();
    setShown({ termId, top: box.bottom - origin.top + 4, left: box.left - origin.left });
  }, []);
  const hide = useCallback((delay = 0) => {
    clearTimeout(hideTimer.current);
    if (delay === 0) setShown(null);
    else hideTimer.current = setTimeout(() => setShown(null), delay);
  }, []);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const markOf = (target: EventTarget | null) =>
      target instanceof Element ? target.closest<HTMLElement>('.glossary-term') : null;
    const onOver = (event: Event) => {
      const mark = markOf(event.target);
      if (mark) show(mark);
    };
    const onOut = (event: Event) => {
      if (markOf(event.target)) hide(HIDE_DELAY_MS);
    };
    const onBlur = (event: Event) => {
      if (markOf(event.target)) hide();
    };
    element.addEventListener('mouseover', onOver);
    element.addEventListener('mouseout', onOut);
    element.addEventListener('focusin', onOver);
    element.addEventListener('focusout', onBlur);
    return () => {
      element.removeEventListener('mouseover', onOver);
      element.removeEventListener('mouseout', onOut);
      element.removeEventListener('focusin', onOver);
      element.removeEventListener('focusout', onBlur);
      clearTimeout(hideTimer.current);
    };
  }, [host, show, hide]);

  useEffect(() => {
    if (!shown) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation(); // dismisses the tooltip only, not a dialog around it
      hide();
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, [shown, hide]);

  return (
    <>
      {terms.map((term) => (
        <span
          key={term.id}
          id={idFor(term.id)}
          role="tooltip"
          className="glossary-tooltip"
          lang={other}
          hidden={shown?.termId !== term.id}
          style={shown?.termId === term.id ? { top: shown.top, left: shown.left } : undefined}
          onMouseEnter={() => clearTimeout(hideTimer.current)}
          onMouseLeave={() => hide(HIDE_DELAY_MS)}
        >
          <strong>{term.term[other]}</strong>
          {term.definition[other] && <span className="glossary-tooltip-definition">{term.definition[other]}</span>}
        </span>
      ))}
    </>
  );
}
