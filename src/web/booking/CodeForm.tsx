import { useState, type FormEvent } from 'react';
import { Button, FieldError, Form, Input, Label, Text, TextField } from 'react-aria-components';
import { ApiError } from '../lib/api.ts';
import { FormError } from '../ui/FormError.tsx';

/** The voucher or discount code field with Apply, and Remove once a code is applied. A refused code shows its
 * reason (used up, expired, another exam) under the field. */
export function CodeForm({
  applied,
  description,
  error,
  pending,
  onApply,
  onRemove,
}: {
  applied: string | null;
  description: string | null;
  error: unknown;
  pending: boolean;
  onApply: (code: string) => void;
  onRemove: () => void;
}) {
  const [code, setCode] = useState('');
  const [submitted, setSubmitted] = useState<string | null>(null);
  const refused = error instanceof ApiError && error.code === 'CodeInvalid';
  // The server's reason stays under the field until the code is edited.
  const codeError = refused && submitted === code.trim() ? error.message : null;

  if (applied) {
    return (
      <div className="code-applied">
        <p>
          <strong>Code {applied} applied.</strong> {description}
        </p>
        <Button className="button button-small" onPress={onRemove} data-pending={pending || undefined}>
          Remove code {applied}
        </Button>
      </div>
    );
  }
  return (
    <Form
      className="inline-form code-form"
      // aria, not native: a refused code must not leave a custom validity that blocks the next Apply.
      validationBehavior="aria"
      validationErrors={codeError ? { code: codeError } : {}}
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        if (!code.trim()) return;
        setSubmitted(code.trim());
        onApply(code.trim());
      }}
    >
      {refused ? null : <FormError error={error} title="We could not check the code." />}
      <TextField className="field" name="code" value={code} onChange={setCode} maxLength={40} autoComplete="off">
        <Label className="field-label">Voucher or discount code <span className="field-optional">(optional)</span></Label>
        <Text slot="description" className="field-description">Letters, digits and dashes, as on your voucher.</Text>
        <Input className="field-input code-input" />
        <FieldError className="field-error" />
      </TextField>
      <Button type="submit" className="button" data-pending={pending || undefined}>Apply</Button>
    </Form>
  );
}
