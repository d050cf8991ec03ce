import { Link } from 'react-router';
import { LatestSystemTestResponse } from '../../contracts/systemcheck.ts';
import { formatDate } from '../lib/format.ts';
import { useApiData } from '../lib/use-api-data.ts';

/**
 * The candidate's latest system test, as it stands for an exam starting at `startsAt`: passed and still valid then,
 * passed but expiring before the exam, failed, or not run yet; always with a link to run it.
 */
export function SystemTestStatus({ startsAt, timeZone, freeMove = false }: { startsAt: string; timeZone: string; /** A failed test grants a free move now. */ freeMove?: boolean }) {
  const latest = useApiData('/system-test/results/latest', LatestSystemTestResponse);
  const result = latest.data?.result ?? null;
  const run = <Link to="/system-test">{result ? 'Run the system test again' : 'Run the system test'}</Link>;
  if (latest.error || !latest.data) return <>{run} on the computer you will use, well before the day.</>;
  if (!result) return <>{run} on the computer you will use, well before the day. You have not run it yet.</>;
  if (!result.passed) {
    return (
      <>
        Your last system test ({formatDate(result.createdAt, timeZone)}) found problems. {run} after fixing them.
        {freeMove ? ' If you cannot fix them in time, you may move this appointment once, free of charge (see Reschedule below).' : null}
      </>
    );
  }
  if (result.validUntil < startsAt) return <>Your system test passed on {formatDate(result.createdAt, timeZone)} but counts only until {formatDate(result.validUntil, timeZone)}, before this exam. {run} closer to the day.</>;
  return <>System test passed on {formatDate(result.createdAt, timeZone)}; it counts for this exam. {run} if you change computer or network.</>;
}
