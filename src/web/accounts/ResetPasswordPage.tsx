import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button } from 'react-aria-components';
import { api, ApiError } from '../lib/api.ts';
import { useSession } from '../lib/session.tsx';
import { useSubmit } from '../lib/use-submit.ts';
import { Alert } from '../ui/Alert.tsx';
import { FormError } from '../ui/FormError.tsx';
import { SubmitForm } from '../ui/SubmitForm.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { NewPasswordFields } from './NewPasswordFields.tsx';

const tokenProblems: Record<string, string> = {
  TokenExpired: 'This reset link has expired.',
  TokenUsed: 'This reset link was already used.',
  TokenInvalid: 'This reset link is not valid.',
};

/** `/reset-password?token=…`: choose a new password with the emailed link. The staff invitation email links
 * here too, with `&invite=1`, to set the first password of a new account. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const invited = params.get('invite') === '1';
  const session = useSession();
  const submit = useSubmit();
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);

  async function onSubmit() {
    const result = await submit.run(() => api('/auth/password-reset/confirm', { method: 'POST', body: { token, password } }));
    if (!result.ok) return;
    setDone(true);
    // The server may end other sessions on a reset; find out whether this browser is still signed in.
    session.refresh().catch(() => undefined);
  }

  const code = submit.error instanceof ApiError ? submit.error.code : '';
  const badToken = !token || code in tokenProblems || 'token' in submit.validationErrors;

  return (
    <section className="page narrow">
      <PageTitle>{invited ? 'Choose your password' : 'Choose a new password'}</PageTitle>
      {done ? (
        <>
          <Alert tone="success" title={invited ? 'Your password is set. Welcome to Invigil.' : 'Your password was changed.'} />
          <p><Link to="/login" className="button button-primary">Log in</Link></p>
        </>
      ) : badToken ? (
        <>
          <Alert tone="error" title={tokenProblems[code] ?? 'This page needs the link from your email.'}>
            <p>
              {invited
                ? 'Invitation links work once and expire after 7 days. Ask an administrator to invite you again, or get a password reset link.'
                : 'Reset links work once and expire after a while. Ask for a new one.'}
            </p>
          </Alert>
          <p><Link to="/forgot-password" className="button">Get a new reset link</Link></p>
        </>
      ) : (
        <>
          {invited ? <p>An administrator created an Invigil staff account for you. Choose the password you will log in with.</p> : null}
          <FormError error={submit.error} title="We could not change your password." />
          <SubmitForm submission={submit} onSubmit={onSubmit}>
            <NewPasswordFields name="password" value={password} onChange={setPassword} />
            <Button type="submit" className="button button-primary" data-pending={(submit.pending) || undefined}>
              Save new password
            </Button>
          </SubmitForm>
        </>
      )}
    </section>
  );
}
