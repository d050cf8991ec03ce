import { Link } from 'react-router';
import { useSession } from '../lib/session.tsx';
import { timeZoneLabel } from '../lib/format.ts';
import { PageTitle } from '../ui/PageTitle.tsx';
import { LocalClock } from '../ui/LocalClock.tsx';

/** `/proctor`: the proctor's console. Queue and sessions are empty until check-in and delivery exist. */
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
        <section id="checkin-queue" className="card" aria-labelledby="queue-heading" tabIndex={-1}>
          <h2 id="queue-heading">Check-in queue</h2>
          <p className="empty-state">Nobody is waiting to check in.</p>
          <p>
            Candidates will appear here, longest-waiting first, once online check-in is switched on. Until then this
            queue stays empty.
          </p>
        </section>
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
