import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from 'react-aria-components';
import { Email } from '../../contracts/accounts.ts';
import { api } from '../lib/api.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { validateWith } from '../lib/validate.ts';
import { Alert } from '../ui/Alert.tsx';
import { FormError } from '../ui/FormError.tsx';
import { TextInputField } from '../ui/FormField.tsx';
import { SubmitForm } from '../ui/SubmitForm.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';

/** `/forgot-password`: asks for a reset link. The answer never says whether the account exists. */
export function ForgotPasswordPage() {
  const submit = useSubmit();
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function onSubmit() {
    const result = await submit.run(() => api('/auth/password-reset/request', { method: 'POST', body: { email } }));
    if (result.ok) setSentTo(email.trim());
  }

  return (
    <section className="page narrow">
      <PageTitle>Reset your password</PageTitle>
      {sentTo ? (
        <>
          <Alert tone="success" title="Check your email.">
            <p>
              If an account exists for {sentTo}, we sent it a link to choose a new password. The link works once and
              only for a short time, so use it soon.
            </p>
          </Alert>
          <p><Link to="/login">Back to log in</Link></p>
        </>
      ) : (
        <>
          <p>Enter the email address of your account and we will send you a link to choose a new password.</p>
          <FormError error={submit.error} title="We could not send the link." />
          <SubmitForm submission={submit} onSubmit={onSubmit}>
            <TextInputField
              label="Email"
              name="email"
              type="email"
              autoComplete="email"
              value={email}
              onChange={setEmail}
              validate={validateWith(Email)}
            />
            <Button type="submit" className="button button-primary" data-pending={(submit.pending) || undefined}>
              Send reset link
            </Button>
          </SubmitForm>
          <p><Link to="/login">Back to log in</Link></p>
        </>
      )}
    </section>
  );
}
