import { useState } from 'react';
import { Button } from 'react-aria-components';
import { ProgramResponse } from '../../../contracts/catalog.ts';
import { api } from '../../lib/api.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import { FormError } from '../../ui/FormError.tsx';
import { TextInputField } from '../../ui/FormField.tsx';
import { SubmitForm } from '../../ui/SubmitForm.tsx';

/** Creates the first certification program, which every exam belongs to (shown when there is none yet). */
export function NewProgramForm({ onCreated }: { onCreated: () => void }) {
  const submit = useSubmit();
  const [name, setName] = useState('');
  const [issuerName, setIssuerName] = useState('');
  const [contactEmail, setContactEmail] = useState('');
  const [website, setWebsite] = useState('');

  async function onSubmit() {
    const body = {
      name,
      ...(issuerName.trim() ? { issuerName } : {}),
      contactEmail: contactEmail.trim() || null,
      website: website.trim() || null,
    };
    const result = await submit.run(() => api('/admin/programs', { method: 'POST', body, schema: ProgramResponse }));
    if (result.ok) onCreated();
  }

  return (
    <section className="card" aria-labelledby="program-heading">
      <h2 id="program-heading">First, name your certification program</h2>
      <p>Every exam belongs to a program: the body that certifies, e.g. “Acme Cloud Certification”.</p>
      <FormError error={submit.error} title="We could not create the program." />
      <SubmitForm submission={submit} onSubmit={onSubmit}>
        <TextInputField label="Program name" name="name" value={name} onChange={setName} minLength={2} maxLength={120} />
        <TextInputField label="Issuer name" name="issuerName" optional description="The name on badges and certificates. The program name when empty."
          value={issuerName} onChange={setIssuerName} maxLength={120} />
        <TextInputField label="Contact email" name="contactEmail" type="email" optional value={contactEmail} onChange={setContactEmail} />
        <TextInputField label="Website" name="website" type="url" optional value={website} onChange={setWebsite} />
        <Button type="submit" className="button button-primary" data-pending={submit.pending || undefined}>
          Create program
        </Button>
      </SubmitForm>
    </section>
  );
}
