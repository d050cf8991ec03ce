import { useId, useState } from 'react';
import { Button, Checkbox, CheckboxGroup, FieldError, Label } from 'react-aria-components';
import { Email, LegalName } from '../../contracts/accounts.ts';
import { CreateStaffResponse } from '../../contracts/admin.ts';
import { api } from '../lib/api.ts';
import { isFieldCode, useSubmit, type FieldErrorCodes } from '../lib/use-submit.ts';
import { validateWith } from '../lib/validate.ts';
import { SubmitForm } from '../ui/SubmitForm.tsx';
import { Alert } from '../ui/Alert.tsx';
import { FormError } from '../ui/FormError.tsx';
import { TextInputField } from '../ui/FormField.tsx';
import { passwordRulesText, validateNewPassword } from '../accounts/password-rules.ts';

type StaffRole = 'proctor' | 'admin';

const fieldCodes: FieldErrorCodes = { EmailTaken: { email: 'An account with this email already exists.' } };

/** Adds a proctor or admin account; without a password the server emails an invitation link. */
export function CreateStaffForm({ onCreated }: { onCreated: () => void }) {
  const submit = useSubmit(fieldCodes);
  const [email, setEmail] = useState('');
  const [legalName, setLegalName] = useState('');
  const [roles, setRoles] = useState<StaffRole[]>(['proctor']);
  const [password, setPassword] = useState('');
  const [created, setCreated] = useState<{ email: string; invited: boolean } | null>(null);

  async function onSubmit() {
    setCreated(null);
    const body = { email, legalName, roles, ...(password ? { password } : {}) };
    const result = await submit.run(() => api('/admin/staff', { method: 'POST', body, schema: CreateStaffResponse }));
    if (!result.ok) return;
    setCreated({ email: result.value.user.email, invited: result.value.invited });
    setEmail('');
    setLegalName('');
    setPassword('');
    setRoles(['proctor']);
    onCreated();
  }


  return (
    <section className="card" aria-labelledby="create-staff-heading">
      <h2 id="create-staff-heading">Add a staff account</h2>
      <p>Candidates sign up themselves. Here you add proctors and administrators.</p>
      {created ? (
        <Alert tone="success" title={`Account created for ${created.email}.`}>
          <p>
            {created.invited
              ? 'We emailed them an invitation link to choose their password.'
              : 'They can log in with the password you set. Ask them to change it in their profile.'}
          </p>
        </Alert>
      ) : null}
      <FormError error={isFieldCode(submit.error, fieldCodes) ? undefined : submit.error} title="We could not create the account." />
      <SubmitForm submission={submit} onSubmit={onSubmit}>
        <TextInputField label="Email" name="email" type="email" autoComplete="off" value={email} onChange={setEmail} validate={validateWith(Email)} />
        <TextInputField label="Legal name" name="legalName" autoComplete="off" value={legalName} onChange={setLegalName} validate={validateWith(LegalName)} />
        <CheckboxGroup
          className="field checkbox-group"
          name="roles"
          value={roles}
          onChange={(value) => setRoles(value as StaffRole[])}
          isRequired
          validate={(value) => (value.length === 0 ? 'Choose at least one role.' : null)}
        >
          <Label className="field-label">Roles</Label>
          <RoleCheckbox value="proctor" label="Proctor" help="Reviews check-ins and watches live exams." />
          <RoleCheckbox value="admin" label="Admin" help="Manages users, exams, results and this console." />
          <FieldError className="field-error" />
        </CheckboxGroup>
        <TextInputField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          optional
          description={`Leave empty to email an invitation link instead. ${passwordRulesText}`}
          value={password}
          onChange={setPassword}
          validate={validateNewPassword({ email, legalName })}
        />
        <Button type="submit" className="button button-primary" data-pending={(submit.pending) || undefined}>
          Create staff account
        </Button>
      </SubmitForm>
    </section>
  );
}

function RoleCheckbox({ value, label, help }: { value: StaffRole; label: string; help: string }) {
  const helpId = useId();
  // A plain Checkbox (a labelled native input) with its help text tied by aria-describedby: screen readers
  // announce both, and no decorative element carries a role of its own.
  return (
    <div className="checkbox-field">
      <Checkbox value={value} className="checkbox" aria-describedby={helpId}>
        {({ isSelected }) => (
          <>
            <span className="checkbox-box" aria-hidden="true">{isSelected ? '✓' : ''}</span>
            {label}
          </>
        )}
      </Checkbox>
      <p id={helpId} className="field-description checkbox-help">{help}</p>
    </div>
  );
}
