import { Link } from 'react-router';
import { useSession } from '../lib/session.tsx';
import { timeZoneLabel } from '../lib/format.ts';
import { PageTitle } from '../ui/PageTitle.tsx';
import { LocalClock } from '../ui/LocalClock.tsx';
import { QueueSummaryCard } from './checkins/QueueSummaryCard.tsx';

/** `/proctor`: the proctor's console. The check-in queue is live; sessions stay empty until live proctoring exists. */
export function ProctorDashboard() {
  const { user } = useSession();
  if (!user) return null;
  return (
    <section className="page">
      <div className="area-header">
        <PageTitle>Proctor console</PageTitle>
        <nav aria-label="On this page" className="area-nav">
          <ul>
            <li><a href="#checkin-queue">Check-in queue</a></li>
            <li><a href="#live-sessions">Live sessions</a></li>
          </ul>
        </nav>
      </div>
      <p>
        Times are shown in your time zone, <strong>{timeZoneLabel(user.timeZone)}</strong>{' '}
        (now <LocalClock timeZone={user.timeZone} />). You can change it in your profile.
      </p>
      <p>
        Your shifts for the coming weeks are on <Link to="/proctor/shifts">My shifts</Link>.
      </p>
      <div className="grid">
        <QueueSummaryCard />
        <section id="live-sessions" className="card" aria-labelledby="sessions-heading" tabIndex={-1}>
          <h2 id="sessions-heading">Live sessions</h2>
          <p className="empty-state">No exams are in progress.</p>
          <p>
            The candidates you proctor will be shown here with their automatic flags, most severe first. Exam delivery
            is not available yet.
          </p>
        </section>
      </div>
    </section>
  );
}
