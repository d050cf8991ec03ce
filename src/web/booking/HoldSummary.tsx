import type { z } from 'zod';
import type { Hold } from '../../contracts/booking.ts';
import { formatDuration } from '../catalog/exam-facts.ts';
import { formatDayOf, formatTime, languageLabel, zoneWithOffset } from '../lib/format.ts';

/** The appointment being booked: exam, day and time in the chosen zone (named), length with extra time, language. */
export function HoldSummary({ hold, timeZone }: { hold: z.infer<typeof Hold>; timeZone: string }) {
  const minutes = Math.round((Date.parse(hold.endsAt) - Date.parse(hold.startsAt)) / 60_000);
  return (
    <dl className="summary">
      <div>
        <dt>Exam</dt>
        <dd><span className="exam-code">{hold.examCode}</span> {hold.examTitle}</dd>
      </div>
      <div>
        <dt>Date</dt>
        <dd>{formatDayOf(hold.startsAt, timeZone)}</dd>
      </div>
      <div>
        <dt>Time</dt>
        <dd>
          <time dateTime={hold.startsAt}>{formatTime(hold.startsAt, timeZone)}</time> to{' '}
          <time dateTime={hold.endsAt}>{formatTime(hold.endsAt, timeZone)}</time>, {zoneWithOffset(timeZone, new Date(hold.startsAt))}
        </dd>
      </div>
      <div>
        <dt>Length</dt>
        <dd>
          {formatDuration(minutes)}
          {hold.extraMinutes > 0 ? `, including your ${hold.extraMinutes} minutes of extra time` : null}
        </dd>
      </div>
      <div>
        <dt>Language</dt>
        <dd>{languageLabel(hold.language)}</dd>
      </div>
    </dl>
  );
}
