import { Link } from 'react-router';
import { homeArea } from '../../core/accounts/roles.ts';
import { useSession } from '../lib/session.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';

/** Shown on the sign-up and log-in pages to someone who is already signed in. */
export function AlreadySignedIn() {
  const { user } = useSession();
  if (!user) return null;
  return (
    <section className="page narrow">
      <PageTitle>You are signed in</PageTitle>
      <p>
        You are signed in as <strong>{user.email}</strong>. To use another account, log out first.
      </p>
      <p>
        <Link to={homeArea(user.roles)} className="button button-primary">Continue</Link>
      </p>
    </section>
  );
}
