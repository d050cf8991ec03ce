import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { UserResponse } from '../../contracts/accounts.ts';
import { homeArea } from '../../core/accounts/roles.ts';
import { api, ApiError, messageOf } from '../lib/api.ts';
import { loginPathFor } from '../lib/next-path.ts';
import { useSession } from '../lib/session.tsx';
import { Alert } from '../ui/Alert.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { ResendVerification } from './ResendVerification.tsx';

type Outcome = { state: 'pending' } | { state: 'verified' } | { state: 'failed'; error: unknown };

const failureTitles: Record<string, string> = {
  TokenExpired: 'This link has expired.',
  TokenUsed: 'This link was already used.',
  TokenInvalid: 'This link is not valid.',
};

/** `/verify-email?token=…`: confirms the address as soon as the page opens. */
export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const session = useSession();
  const [outcome, setOutcome] = useState<Outcome>({ state: 'pending' });
  // A token works once; React's development double-run of effects must not spend it twice.
  const sentFor = useRef<string | null>(null);

  useEffect(() => {
    if (sentFor.current === token) return;
    sentFor.current = token;
    if (!token) {
      setOutcome({ state: 'failed', error: new ApiError('TokenInvalid', 'The link has no token in it.', 400) });
      return;
    }
    api('/auth/verify-email', { method: 'POST', body: { token }, schema: UserResponse }).then(
      () => {
        setOutcome({ state: 'verified' });
        // The server answers with the token's owner, who may not be the signed-in user: ask who we are.
        session.refresh().catch(() => undefined);
      },
      (error: unknown) => setOutcome({ state: 'failed', error }),
    );
  }, [token, session]);

  return (
    <section className="page narrow">
      <PageTitle>Confirm your email</PageTitle>
      {outcome.state === 'pending' ? <Loading what="Confirming your email address" /> : null}
      {outcome.state === 'verified' ? <Verified /> : null}
      {outcome.state === 'failed' ? <Failed error={outcome.error} /> : null}
    </section>
  );
}

function Verified() {
  const { user } = useSession();
  return (
    <>
      <Alert tone="success" title="Your email address is confirmed." />
      <p>
        {user ? (
          <Link to={homeArea(user.roles)} className="button button-primary">Go to your dashboard</Link>
        ) : (
          <Link to="/login" className="button button-primary">Log in</Link>
        )}
      </p>
    </>
  );
}

function Failed({ error }: { error: unknown }) {
  const { user } = useSession();
  const code = error instanceof ApiError ? error.code : '';
  const title = failureTitles[code] ?? 'We could not confirm your email address.';
  const alreadyVerified = user?.emailVerified ?? false;
  return (
    <>
      <Alert tone="error" title={title}>
        <p>{code === 'TokenUsed' ? 'If you opened it before, your address is probably confirmed already.' : messageOf(error)}</p>
      </Alert>
      {alreadyVerified ? (
        <p>Your address {user?.email} is confirmed: there is nothing more to do. <Link to={homeArea(user?.roles ?? [])}>Go to your dashboard</Link></p>
      ) : user ? (
        <>
          <p>We can send a new link to {user.email}.</p>
          <ResendVerification />
        </>
      ) : (
        <p>
          <Link to={loginPathFor('/')}>Log in</Link> to get a new link.
        </p>
      )}
    </>
  );
}
