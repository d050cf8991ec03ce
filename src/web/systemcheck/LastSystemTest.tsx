import { LatestSystemTestResponse } from '../../contracts/systemcheck.ts';
import { useApiData } from '../lib/use-api-data.ts';
import { formatDateTime } from '../lib/format.ts';

/** One line about the user's previous system test, when there is one. */
export function LastSystemTest({ timeZone }: { timeZone: string | undefined }) {
  const { data } = useApiData('/system-test/results/latest', LatestSystemTestResponse);
  const last = data?.result;
  if (!last) return null;
  const when = <time dateTime={last.createdAt}>{formatDateTime(last.createdAt, timeZone)}</time>;
  const expired = new Date(last.validUntil).getTime() < Date.now();
  return (
    <p className="last-system-test">
      {last.passed
        ? <>Your last system test on {when} passed; {expired ? 'it has expired' : <>it is valid until <time dateTime={last.validUntil}>{formatDateTime(last.validUntil, timeZone)}</time></>}.</>
        : <>Your last system test on {when} did not pass.</>}
    </p>
  );
}
