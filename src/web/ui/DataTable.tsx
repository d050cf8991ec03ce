import { useId, type ReactNode } from 'react';

/** A read-only data table in a keyboard-scrollable region, so wide tables stay usable at 320px.
 * A native table (not react-aria's interactive grid) because these lists are for reading, not selecting. */
export function DataTable({ caption, children }: { caption: string; children: ReactNode }) {
  const id = useId();
  return (
    <div className="table-scroll" role="region" aria-labelledby={id} tabIndex={0}>
      <table className="table">
        <caption id={id}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
