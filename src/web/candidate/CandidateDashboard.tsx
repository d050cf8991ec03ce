import { Link } from 'react-router';
import type { User } from '../../contracts/accounts.ts';
import { formatDate, languageLabel, timeZoneLabel } from '../lib/format.ts';
import { PageTitle } from '../ui/PageTitle.tsx';
import { UnverifiedEmailBanner } from './UnverifiedEmailBanner.tsx';
import { UpcomingAppointments } from './UpcomingAppointments.tsx';
import { MyExams } from '../delivery/MyExams.tsx';

/** The signed-in candidate's home: appointments and account at a glance. */
export function CandidateDashboard({ user }: { user: User }) {
  return (
    <section className="page">
      <PageTitle title="Your dashboard">Welcome, {user.legalName}</PageTitle>
      {user.emailVerified ? null : <UnverifiedEmailBanner email={user.email} />}
      <div className="grid">
        <UpcomingAppointments timeZone={user.timeZone} />
        <MyExams timeZone={user.timeZone} />
        <section className="card" aria-labelledby="account-heading">
          <h2 id="account-heading">Your account</h2>
          <dl className="summary">
            <div>
              <dt>Legal name</dt>
              <dd>{user.legalName}</dd>
            </div>
            <div>
              <dt>Email</dt>
              <dd>
                {user.email} ({user.emailVerified ? 'confirmed' : 'not confirmed yet'})
              </dd>
            </div>
            <div>
              <dt>Time zone</dt>
              <dd>{timeZoneLabel(user.timeZone)}</dd>
            </div>
            <div>
              <dt>Language</dt>
              <dd>{languageLabel(user.language)}</dd>
            </div>
            <div>
              <dt>Member since</dt>
              <dd>{formatDate(user.createdAt, user.timeZone)}</dd>
            </div>
          </dl>
          <p><Link to="/profile">Edit your profile</Link> · <Link to="/profile/accommodations">Accommodations</Link> · <Link to="/credentials">Credentials</Link></p>
        </section>
      </div>
    </section>
  );
}
