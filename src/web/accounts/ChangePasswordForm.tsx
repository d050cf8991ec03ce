import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { User } from '../../contracts/accounts.ts';
import { api } from '../lib/api.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { SubmitForm } from '../ui/SubmitForm.tsx';
import { Alert } from '../ui/Alert.tsx';
import { FormError } from '../ui/FormError.tsx';
import { TextInputField } from '../ui/FormField.tsx';
import { NewPasswordFields } from './NewPasswordFields.tsx';

/** Change password: the current one, then the new one twice. */
export function ChangePasswordForm({ user }: { user: User }) {
  const submit = useSubmit();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [changed, setChanged] = useState(false);
  // Remounting the fields after a success empties them, the repeat field included.
  const [formKey, setFormKey] = useState(0);

  async function onSubmit() {
    setChanged(false);
    const result = await submit.run(() =>
      api('/me/password', { method: 'POST', body: { currentPassword, newPassword } }),
    );
    if (!result.ok) return;
    setCurrentPassword('');
    setNewPassword('');
    setFormKey((k) => k + 1);
    setChanged(true);
  }


  return (
    <section className="card" aria-labelledby="password-heading">
      <h2 id="password-heading">Change your password</h2>
      <FormError error={submit.error} title="We could not change your password." />
      {changed ? <Alert tone="success" title="Your password was changed." /> : null}
      <SubmitForm key={formKey} submission={submit} onSubmit={onSubmit}>
        {/* Tells password managers which account the new password belongs to. */}
        <input type="email" name="username" autoComplete="username" value={user.email} readOnly hidden />
        <TextInputField
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={setCurrentPassword}
        />
        <NewPasswordFields
          name="newPassword"
          value={newPassword}
          onChange={setNewPassword}
          context={{ email: user.email, legalName: user.legalName }}
        />
        <Button type="submit" className="button button-primary" data-pending={(submit.pending) || undefined}>
          Change password
        </Button>
      </SubmitForm>
    </section>
  );
}
