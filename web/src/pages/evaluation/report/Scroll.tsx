/**
 * A wide table's box: it scrolls sideways on a narrow screen instead of the page, and can be
 * focused and scrolled from the keyboard (WCAG 2.1.1; axe's scrollable-region-focusable), named for
 * screen readers by `label`.
 */
import type { ReactNode } from 'react';

export function Scroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // A region a keyboard user can focus to scroll it: tabIndex on a non-interactive element is
    // what the rule asks for.
    <div className="rc-report-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
