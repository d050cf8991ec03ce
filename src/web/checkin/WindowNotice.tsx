import { Button } from 'react-aria-components';
import { ApiError } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import { Alert } from '../ui/Alert.tsx';

export interface WindowInfo { state: 'not_yet' | 'closed'; opensAt: string; closesAt: string; message: string }

/** The window details of a "check-in is not open" refusal, or undefined for any other failure. */
export function windowOf(error: unknown): WindowInfo | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const w = (error.details as { window?: Partial<WindowInfo> } | undefined)?.window;
  if (!w || (w.state !== 'not_yet' && w.state !== 'closed') || !w.opensAt || !w.closesAt) return undefined;
  return { state: w.state, opensAt: w.opensAt, closesAt: w.closesAt, message: error.message };
}

/** Outside the check-in window: when it opens, or that it was missed, in the server's words and the candidate's zone. */
export function WindowNotice({ info, onRetry }: { info: WindowInfo; onRetry: () => void }) {
  const { user } = useSession();
  const zone = user?.timeZone;
  if (info.state === 'closed') {
    return (
      <Alert tone="error" title="Check-in for this appointment has closed.">
        <p>{info.message}</p>
        <p>It closed at {formatDateTime(info.closesAt, zone)}. Contact support to arrange a new appointment.</p>
      </Alert>
    );
  }
  return (
    <>
      <Alert tone="info" title="Check-in is not open yet.">
        <p>{info.message}</p>
        <p>It closes at {formatDateTime(info.closesAt, zone)}; after that, the appointment counts as missed.</p>
      </Alert>
      <Button className="button" onPress={onRetry}>Check again</Button>
    </>
  );
}
