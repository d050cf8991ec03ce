import { useState } from 'react';
import { Button } from 'react-aria-components';
import { CreateApiTokenResponse } from '../../contracts/admin.ts';
import { api } from '../lib/api.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { SubmitForm } from '../ui/SubmitForm.tsx';
import { Alert } from '../ui/Alert.tsx';
import { CopyField } from '../ui/CopyField.tsx';
import { FormError } from '../ui/FormError.tsx';
import { SelectField, TextInputField } from '../ui/FormField.tsx';
import { UserPicker } from './UserPicker.tsx';

const expiryOptions = [
  { id: '30', label: 'In 30 days' },
  { id: '90', label: 'In 90 days' },
  { id: '365', label: 'In 1 year' },
  { id: 'never', label: 'Never' },
];

/** Creates a token and shows its secret exactly once. */
export function CreateApiTokenForm({ onCreated }: { onCreated: () => void }) {
  const submit = useSubmit();
  const [userId, setUserId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState('90');
  const [secret, setSecret] = useState<{ token: string; name: string; userEmail: string } | null>(null);
  const [formKey, setFormKey] = useState(0);

  async function onSubmit() {
    if (!userId) return;
    setSecret(null);
    const body = { userId, name, ...(expiry === 'never' ? {} : { expiresInDays: Number(expiry) }) };
    const result = await submit.run(() => api('/admin/api-tokens', { method: 'POST', body, schema: CreateApiTokenResponse }));
    if (!result.ok) return;
    const { token, apiToken } = result.value;
    setSecret({ token, name: apiToken.name, userEmail: apiToken.userEmail });
    setUserId(null);
    setName('');
    setFormKey((k) => k + 1);
    onCreated();
  }

  return (
    <section className="card" aria-labelledby="create-token-heading">
      <h2 id="create-token-heading">Create a token</h2>
      {secret ? (
        <div className="secret">
          <Alert tone="warning" title="Copy this token now: it will not be shown again.">
            <p>
              Token “{secret.name}” for {secret.userEmail}. Store it in a password manager or your system's secret
              store. If it is lost, revoke it and create a new one.
            </p>
          </Alert>
          <CopyField label="New API token" value={secret.token} />
          <Button className="button" onPress={() => setSecret(null)}>I have stored the token</Button>
        </div>
      ) : null}
      <FormError error={submit.error} title="We could not create the token." />
      <SubmitForm key={formKey} submission={submit} onSubmit={onSubmit}>
        <UserPicker value={userId} onChange={setUserId} />
        <TextInputField
          label="Token name"
          name="name"
          description="What the token is for, e.g. “LMS integration” or “nightly export”."
          value={name}
          onChange={setName}
          maxLength={100}
        />
        <SelectField label="Expires" name="expiresInDays" options={expiryOptions} value={expiry} onChange={setExpiry} />
        <Button type="submit" className="button button-primary" data-pending={(submit.pending) || undefined}>
          Create token
        </Button>
      </SubmitForm>
    </section>
  );
}
