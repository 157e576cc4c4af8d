/**
 * A wide table in a region of its own that scrolls sideways: with text at
 * 200 % a table of many columns is wider than the window, and a data table may
 * scroll (WCAG 1.4.10) where the page must not. Focusable, so it scrolls by keyboard.
 */
import type { ReactNode } from 'react';

export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
