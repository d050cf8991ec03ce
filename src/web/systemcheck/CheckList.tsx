import type { CheckState } from './check-types.ts';
import { CheckRow } from './CheckRow.tsx';

/** The checks of the system test as a list, each with its status in words. */
export function CheckList({ checks }: { checks: CheckState[] }) {
  return (
    <ol className="system-checks" aria-label="Checks">
      {checks.map((check) => <CheckRow key={check.id} check={check} />)}
    </ol>
  );
}
