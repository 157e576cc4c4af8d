/**
 * A view's h1. After a navigation it takes focus, so keyboard and screen
 * reader users land at the start of the new view rather than in the old one.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useNavigation } from '../app/navigation';

export function ViewHeading({ children, lang }: { children: ReactNode; lang?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { navigated } = useNavigation();
  useEffect(() => {
    if (navigated) ref.current?.focus();
  }, [navigated]);
  return (
    <h1 id="view-heading" ref={ref} tabIndex={-1} lang={lang}>
      {children}
    </h1>
  );
}
