import { useState } from 'react';
import { Button, FieldError, Input, Label, NumberField, Radio, RadioGroup, Text } from 'react-aria-components';
import { AccommodationResponse, accommodationKinds } from '../../contracts/booking.ts';
import { api } from '../lib/api.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { Alert } from '../ui/Alert.tsx';
import { FormError } from '../ui/FormError.tsx';
import { TextInputField } from '../ui/FormField.tsx';
import { SubmitForm } from '../ui/SubmitForm.tsx';

type Kind = (typeof accommodationKinds)[number];

const kindOptions: { id: Kind; label: string; help: string }[] = [
  { id: 'extra_time_minutes', label: 'Extra minutes', help: 'A fixed number of minutes added to every exam.' },
  { id: 'extra_time_percent', label: 'Extra time in percent', help: 'A share of each exam\'s length added to it.' },
  { id: 'screen_reader', label: 'Screen-reader mode', help: 'Exams delivered for use with a screen reader.' },
  { id: 'other', label: 'Something else', help: 'Describe what you need in the note.' },
];

/** The request form: kind, amount (for extra time), and a note for the reviewer. */
export function AccommodationRequestForm({ onRequested }: { onRequested: () => void }) {
  const submit = useSubmit();
  const [kind, setKind] = useState<Kind>('extra_time_minutes');
  const [minutes, setMinutes] = useState(30);
  const [percent, setPercent] = useState(25);
  const [note, setNote] = useState('');
  const [sent, setSent] = useState(false);

  async function onSubmit() {
    setSent(false);
    const body =
      kind === 'extra_time_minutes' ? { kind, minutes, note } : kind === 'extra_time_percent' ? { kind, percent, note } : { kind, note };
    const result = await submit.run(() => api('/accommodations', { method: 'POST', body, schema: AccommodationResponse }));
    if (!result.ok) return;
    setNote('');
    setSent(true);
    onRequested();
  }

  return (
    <section className="card" aria-labelledby="request-heading">
      <h2 id="request-heading">Ask for an accommodation</h2>
      <p>An administrator of your certification program reviews each request. Once approved, it applies to every exam you book from then on.</p>
      {sent ? <Alert tone="success" title="Your request is sent. The decision will show in the list above." /> : null}
      <FormError error={submit.error} title="We could not send your request." />
      <SubmitForm submission={submit} onSubmit={onSubmit}>
        <RadioGroup className="field radio-group" name="kind" value={kind} onChange={(v) => setKind(v as Kind)} isRequired>
          <Label className="field-label">What do you need?</Label>
          <div className="radio-options">
            {kindOptions.map((option) => (
              <Radio key={option.id} value={option.id} className="radio">
                <span className="radio-mark" aria-hidden="true" />
                <span>
                  {option.label}
                  <span className="radio-help"> {option.help}</span>
                </span>
              </Radio>
            ))}
          </div>
        </RadioGroup>
        {kind === 'extra_time_minutes' ? (
          <NumberField className="field" name="minutes" value={minutes} onChange={setMinutes} minValue={5} maxValue={240} step={5} isRequired>
            <Label className="field-label">Extra minutes</Label>
            <Text slot="description" className="field-description">From 5 to 240 minutes.</Text>
            <Input className="field-input field-number" />
            <FieldError className="field-error" />
          </NumberField>
        ) : null}
        {kind === 'extra_time_percent' ? (
          <NumberField className="field" name="percent" value={percent} onChange={setPercent} minValue={5} maxValue={200} step={5} isRequired>
            <Label className="field-label">Extra time in percent</Label>
            <Text slot="description" className="field-description">From 5 to 200 % of the exam's length.</Text>
            <Input className="field-input field-number" />
            <FieldError className="field-error" />
          </NumberField>
        ) : null}
        <TextInputField
          label="Note for the reviewer"
          name="note"
          multiline
          minLength={3}
          maxLength={2000}
          description="Why you need it, and any document you can provide on request. Only reviewers see this."
          value={note}
          onChange={setNote}
        />
        <Button type="submit" className="button button-primary" data-pending={submit.pending || undefined}>
          Send request
        </Button>
      </SubmitForm>
    </section>
  );
}
