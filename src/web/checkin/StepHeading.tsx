import { useEffect, useRef, type ReactNode } from 'react';

/** A check-in step's heading. With `focus`, it takes keyboard focus when it appears, so a screen reader announces
 * the new step and Tab continues from there instead of from a button that vanished. */
export function StepHeading({ id, focus, children }: { id: string; focus: boolean; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
    // Only when the step appears, not on every render.
  }, []);
  return (
    <h2 id={id} ref={ref} tabIndex={-1} className="step-heading">
      {children}
    </h2>
  );
}
