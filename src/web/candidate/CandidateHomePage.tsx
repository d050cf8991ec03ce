import { useSession } from '../lib/session.tsx';
import { Loading } from '../ui/Loading.tsx';
import { NoAccessPage, ServerUnreachable } from '../ui/Guards.tsx';
import { LandingPage } from './LandingPage.tsx';
import { CandidateDashboard } from './CandidateDashboard.tsx';

/** `/`: the landing page when signed out, the candidate's dashboard when signed in. */
export function CandidateHomePage() {
  const { user, status } = useSession();
  if (status === 'loading') return <Loading what="Checking your session" />;
  if (status === 'unreachable') return <ServerUnreachable />;
  if (!user) return <LandingPage />;
  if (!user.roles.includes('candidate')) return <NoAccessPage />;
  return <CandidateDashboard user={user} />;
}
