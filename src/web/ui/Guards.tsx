import type { ReactNode } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { Button } from 'react-aria-components';
import { hasAnyRole, type Role } from '../../core/accounts/roles.ts';
import { useSession } from '../lib/session.tsx';
import { loginPathFor } from '../lib/next-path.ts';
import { Alert } from './Alert.tsx';
import { Loading } from './Loading.tsx';
import { PageTitle } from './PageTitle.tsx';
import { areasFor } from './areas.ts';

/** Renders its children (or the nested route) only for a signed-in user holding one of `roles`
 * (an empty list admits any signed-in user). Signed-out users go to the login page and come back after. */
export function RequireRole({ roles, children }: { roles: Role[]; children?: ReactNode }) {
  const { user, status } = useSession();
  const location = useLocation();
  if (status === 'loading') return <Loading what="Checking your session" />;
  if (status === 'unreachable') return <ServerUnreachable />;
  if (!user) return <Navigate to={loginPathFor(`${location.pathname}${location.search}`)} replace />;
  if (!hasAnyRole(user.roles, roles)) return <NoAccessPage />;
  return <>{children ?? <Outlet />}</>;
}

/** Shown to a signed-in user who opened an area their roles don't include. */
export function NoAccessPage() {
  const { user } = useSession();
  const theirs = user ? areasFor(user.roles) : [];
  return (
    <section className="page narrow">
      <PageTitle>You don't have access to this area</PageTitle>
      <p>
        Your account{user ? ` (${user.email})` : ''} does not have the role this part of Invigil needs. If you
        think it should, ask an administrator of your certification program.
      </p>
      {theirs.length > 0 ? (
        <>
          <h2>Where you can go</h2>
          <ul className="link-list">
            {theirs.map((area) => (
              <li key={area.path}><Link to={area.path}>{area.label} area</Link></li>
            ))}
            <li><Link to="/profile">Your profile</Link></li>
          </ul>
        </>
      ) : (
        <p><Link to="/profile">Go to your profile</Link></p>
      )}
    </section>
  );
}

/** Shown when the first `/me` call could not reach the server at all. */
export function ServerUnreachable() {
  const { refresh } = useSession();
  return (
    <section className="page narrow">
      <PageTitle>Invigil is not reachable</PageTitle>
      <Alert tone="error" title="We could not reach the Invigil server.">
        <p>Check your internet connection. If it works, the server may be restarting: try again in a moment.</p>
      </Alert>
      <Button className="button" onPress={() => refresh().catch(() => undefined)}>
        Try again
      </Button>
    </section>
  );
}

/** The page for any path the app doesn't know. */
export function NotFoundPage() {
  return (
    <section className="page narrow">
      <PageTitle>Page not found</PageTitle>
      <p>There is no page at this address. Check the link, or start again from the home page.</p>
      <p><Link to="/">Go to the home page</Link></p>
    </section>
  );
}
