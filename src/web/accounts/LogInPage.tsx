import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button } from 'react-aria-components';
import { UserResponse } from '../../contracts/accounts.ts';
import { homeArea } from '../../core/accounts/roles.ts';
import { api } from '../lib/api.ts';
import { safeNextPath } from '../lib/next-path.ts';
import { useSession } from '../lib/session.tsx';
import { useSubmit } from '../lib/use-submit.ts';
import { SubmitForm } from '../ui/SubmitForm.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { TextInputField } from '../ui/FormField.tsx';
import { FormError } from '../ui/FormError.tsx';
import { Alert } from '../ui/Alert.tsx';
import { AlreadySignedIn } from './AlreadySignedIn.tsx';

/** `/login`: email and password; afterwards the user goes to `?next=` (same site only) or their home area. */
export function LogInPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const submit = useSubmit();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [justSignedIn, setJustSignedIn] = useState(false);

  if (session.user && !justSignedIn) return <AlreadySignedIn />;

  async function onSubmit() {
    const result = await submit.run(() =>
      api('/auth/login', { method: 'POST', body: { email, password }, schema: UserResponse }),
    );
    if (!result.ok) return;
    setJustSignedIn(true);
    session.setUser(result.value.user);
    navigate(next ?? homeArea(result.value.user.roles), { replace: true });
  }

  return (
    <section className="page narrow">
      <PageTitle>Log in</PageTitle>
      {next ? <Alert tone="info" title="Log in to continue to the page you opened." /> : null}
      <FormError error={submit.error} title="We could not log you in." />
      <SubmitForm submission={submit} onSubmit={onSubmit}>
        <TextInputField label="Email" name="email" type="email" autoComplete="username" value={email} onChange={setEmail} />
        <TextInputField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
        />
        <Button type="submit" className="button button-primary" data-pending={(submit.pending) || undefined}>
          Log in
        </Button>
      </SubmitForm>
      <ul className="link-list">
        <li><Link to="/forgot-password">Forgot your password?</Link></li>
        <li>New here? <Link to="/signup">Create an account</Link></li>
      </ul>
    </section>
  );
}
