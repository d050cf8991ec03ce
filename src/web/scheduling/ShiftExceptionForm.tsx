import { useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import type { z } from 'zod';
import { ShiftExceptionResponse, type Proctor, type ShiftException } from '../../contracts/scheduling.ts';
import { api } from '../lib/api.ts';
import { timeZoneLabel } from '../lib/format.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { RadioChoiceField } from '../admin/exams/form-fields.tsx';
import { Alert } from '../ui/Alert.tsx';
import { FormError } from '../ui/FormError.tsx';
import { TextInputField } from '../ui/FormField.tsx';
import { SubmitForm } from '../ui/SubmitForm.tsx';
import { CheckboxesField } from './CheckboxesField.tsx';
import { zonedInputToIso } from './zoned.ts';

type ProctorRow = z.infer<typeof Proctor>;
type Kind = 'cancel' | 'add';

const kindOptions = [
  { id: 'cancel', label: 'Time off', help: '(removes the proctor from any shift in this time)' },
  { id: 'add', label: 'Extra shift', help: '(adds cover outside the weekly shifts)' },
] as const;
const dutyOptions = [
  { id: 'proctoring', label: 'Proctoring' },
  { id: 'greeting', label: 'Greeting' },
];

/** Records time off or an extra shift for a proctor; the times are typed in the admin's own zone. */
export function ShiftExceptionForm({
  proctor,
  programId,
  zone,
  onSaved,
  onCancel,
}: {
  proctor: ProctorRow;
  programId: string;
  /** The zone the admin types the times in (their profile zone). */
  zone: string;
  onSaved: (exception: ShiftException) => void;
  onCancel: () => void;
}) {
  const submit = useSubmit();
  const [kind, setKind] = useState<Kind>('cancel');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [duties, setDuties] = useState<string[]>(['proctoring', 'greeting']);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => headingRef.current?.focus(), []);

  async function onSubmit() {
    const start = zonedInputToIso(startsAt, zone);
    const end = zonedInputToIso(endsAt, zone);
    if (!start || !end) {
      setProblem('Enter a date and time for both the start and the end.');
      return;
    }
    setProblem(null);
    const body = {
      proctorId: proctor.id,
      programId,
      kind,
      startsAt: start,
      endsAt: end,
      proctoring: kind === 'cancel' || duties.includes('proctoring'),
      greeting: kind === 'cancel' || duties.includes('greeting'),
      note,
    };
    const result = await submit.run(() => api('/admin/shift-exceptions', { method: 'POST', body, schema: ShiftExceptionResponse }));
    if (result.ok) onSaved(result.value.exception);
  }

  const zoneNote = `In your time zone, ${timeZoneLabel(zone)}.`;
  return (
    <div className="inline-editor">
      <h3 ref={headingRef} tabIndex={-1}>Time off or an extra shift for {proctor.name}</h3>
      <p>One entry spans at most 7 days; add another for a longer absence.</p>
      {problem ? <Alert tone="error" title={problem} /> : null}
      <FormError error={submit.error} title="We could not save this." />
      <SubmitForm submission={submit} onSubmit={onSubmit}>
        <RadioChoiceField label="What" name="kind" options={kindOptions} value={kind} onChange={setKind} />
        <div className="field-row">
          <TextInputField label="From" name="startsAt" type="datetime-local" description={zoneNote} value={startsAt} onChange={setStartsAt} />
          <TextInputField label="Until" name="endsAt" type="datetime-local" description={zoneNote} value={endsAt} onChange={setEndsAt} />
        </div>
        {kind === 'add' ? (
          <CheckboxesField
            label="Duties"
            name="proctoring"
            options={dutyOptions}
            value={duties}
            onChange={setDuties}
            emptyMessage="Choose proctoring, greeting or both."
          />
        ) : null}
        <TextInputField label="Note" name="note" optional description="For other admins, e.g. “annual leave”." value={note} onChange={setNote} maxLength={500} />
        <div className="actions">
          <Button type="submit" className="button button-primary" data-pending={submit.pending || undefined}>
            {kind === 'cancel' ? 'Add time off' : 'Add extra shift'}
          </Button>
          <Button className="button" onPress={onCancel}>Cancel</Button>
        </div>
      </SubmitForm>
    </div>
  );
}
