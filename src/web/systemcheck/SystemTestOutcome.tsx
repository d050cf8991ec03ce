import type { SystemTestResult } from '../../contracts/systemcheck.ts';
import { Alert } from '../ui/Alert.tsx';
import { formatDateTime } from '../lib/format.ts';
import { checkLabels } from './check-types.ts';

/** The stored outcome: passed with its validity, or the failed checks (their fixes are in the list above). */
export function SystemTestOutcome({ result, timeZone }: { result: SystemTestResult; timeZone: string | undefined }) {
  const failed = result.checks.filter((c) => c.status === 'fail');
  const warned = result.checks.filter((c) => c.status === 'warn');
  const validUntil = <time dateTime={result.validUntil}>{formatDateTime(result.validUntil, timeZone)}</time>;
  if (result.passed) {
    return (
      <Alert tone="success" title={<>Your computer passed the system test. Valid until {validUntil}.</>}>
        {warned.length ? <p>Look at the {warned.length === 1 ? 'warning' : `${warned.length} warnings`} above ({warned.map((c) => checkLabels[c.id]).join(', ')}) before your exam.</p> : null}
      </Alert>
    );
  }
  return (
    <Alert tone="error" title="Your computer did not pass the system test.">
      <p>Fix these, then run the test again:</p>
      <ul>{failed.map((c) => <li key={c.id}>{checkLabels[c.id]}: {c.detail}</li>)}</ul>
    </Alert>
  );
}
