import { ResendVerification } from '../accounts/ResendVerification.tsx';

/** Reminds a candidate to confirm their email, with a button to send the link again. */
export function UnverifiedEmailBanner({ email }: { email: string }) {
  return (
    <section className="banner banner-warning" aria-labelledby="unverified-heading">
      <h2 id="unverified-heading">
        <span className="alert-tone">Action needed:</span> confirm your email address
      </h2>
      <p>
        We sent a link to <strong>{email}</strong>. Open it to confirm your address; you need a confirmed address to
        book an exam.
      </p>
      <ResendVerification />
    </section>
  );
}
