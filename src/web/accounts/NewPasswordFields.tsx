import { useState } from 'react';
import { TextInputField } from '../ui/FormField.tsx';
import { passwordRulesText, validateNewPassword } from './password-rules.ts';

/** A new password and its confirmation; the form cannot be sent until both match. */
export function NewPasswordFields({
  name,
  value,
  onChange,
  context = {},
}: {
  name: string;
  value: string;
  onChange: (password: string) => void;
  context?: { email?: string; legalName?: string };
}) {
  const [repeat, setRepeat] = useState('');
  return (
    <>
      <TextInputField
        label="New password"
        name={name}
        type="password"
        autoComplete="new-password"
        description={passwordRulesText}
        value={value}
        onChange={onChange}
        validate={validateNewPassword(context)}
      />
      <TextInputField
        label="Repeat the new password"
        name={`${name}Repeat`}
        type="password"
        autoComplete="new-password"
        value={repeat}
        onChange={setRepeat}
        validate={(again) => (again !== '' && again !== value ? 'The two passwords are not the same.' : null)}
      />
    </>
  );
}
