import { Link } from 'react-router';
import { PageTitle } from '../ui/PageTitle.tsx';
import { ResendVerification } from './ResendVerification.tsx';

/** After sign-up: the account exists and is signed in; the email still needs confirming. */
export function CheckYourEmail({ email }: { email: string }) {
  return (
    <section className="page narrow">
      <PageTitle>Check your email</PageTitle>
      <p>
        Your account is ready. We sent a link to <strong>{email}</strong>: open it to confirm your email address.
        You need a confirmed address to book an exam.
      </p>
      <p>The email can take a few minutes to arrive. Look in your spam folder too.</p>
      <ResendVerification />
      <p>
        <Link to="/" className="button button-primary">Go to your dashboard</Link>
      </p>
    </section>
  );
}
