// A view laid over the tabs (health, settings): focus moves into it when it opens and back when it closes.
import { useLayoutEffect, useRef, type ReactNode } from 'react';

export function MainPanel({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.focus();
    return () => {
      // Back to the terminal (or whatever had focus) as if the panel had never been there.
      if (before?.isConnected) before.focus();
    };
  }, []);
  return (
    <div ref={ref} className="app-panel" role="region" aria-label={label} tabIndex={-1}>
      {children}
    </div>
  );
}
