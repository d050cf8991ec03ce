import { useState } from 'react';
import { Button } from 'react-aria-components';
import { ProgramResponse } from '../../../contracts/catalog.ts';
import { api } from '../../lib/api.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import { Alert } from '../../ui/Alert.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { SubmitForm } from '../../ui/SubmitForm.tsx';
import { ProgramFields } from './ProgramFields.tsx';
import { blankProgram, bodyOf, type ProgramValues } from './program-values.ts';

/** Adds a certification program (the exams page's first-run form covers only the very first one). */
export function AddProgramForm({ onCreated }: { onCreated: () => void }) {
  const submit = useSubmit();
  const [values, setValues] = useState<ProgramValues>(blankProgram);
  const [created, setCreated] = useState<string | null>(null);

  async function onSubmit() {
    setCreated(null);
    const result = await submit.run(() => api('/admin/programs', { method: 'POST', body: bodyOf(values), schema: ProgramResponse }));
    if (!result.ok) return;
    setCreated(result.value.program.name);
    setValues(blankProgram);
    onCreated();
  }

  return (
    <section className="card" aria-labelledby="add-program-heading">
      <h2 id="add-program-heading">Add a program</h2>
      {created ? <Alert tone="success" title={`Program “${created}” added.`} /> : null}
      <FormError error={submit.error} title="We could not add the program." />
      <SubmitForm submission={submit} onSubmit={onSubmit}>
        <ProgramFields
          values={values}
          onChange={(patch) => {
            setCreated(null);
            setValues((previous) => ({ ...previous, ...patch }));
          }}
        />
        <Button type="submit" className="button button-primary" data-pending={submit.pending || undefined}>
          Add program
        </Button>
      </SubmitForm>
    </section>
  );
}
