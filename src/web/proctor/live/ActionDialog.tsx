import { useState } from 'react';
import { Button, Checkbox, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useSubmit } from '../../lib/use-submit.ts';
import { FormError } from '../../ui/FormError.tsx';
import { SelectField, TextInputField } from '../../ui/FormField.tsx';
import { SubmitForm } from '../../ui/SubmitForm.tsx';

export interface ActionValues { reason: string; note: string; minutes: number; target: string }

/**
 * One intervention's dialog: a reason from the policy's list (the candidate sees it), an optional note, minutes for
 * added time, a target for a handover, and for the gravest actions a confirmation box that must be ticked.
 */
export function ActionDialog({ label, title, intro, reasons, note, minutes, targets, confirm, submitLabel, tone, onSubmit }: {
  label: string;
  title: string;
  intro: string;
  reasons?: readonly string[];
  note?: { label: string; required?: boolean };
  minutes?: { max: number };
  targets?: { id: string; label: string }[];
  confirm?: string;
  submitLabel: string;
  tone?: 'danger';
  onSubmit: (values: ActionValues) => Promise<unknown>;
}) {
  const submit = useSubmit();
  const [reason, setReason] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [mins, setMins] = useState('5');
  const [target, setTarget] = useState<string | null>(targets?.[0]?.id ?? null);
  const [confirmed, setConfirmed] = useState(false);
  const reset = () => { setReason(null); setText(''); setMins('5'); setConfirmed(false); };

  return (
    <DialogTrigger onOpenChange={(open) => { if (!open) reset(); }}>
      <Button className={`button button-small${tone === 'danger' ? ' button-danger' : ''}`}>{label}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title" level={2} className="dialog-title">{title}</Heading>
                <p>{intro}</p>
                <FormError error={submit.error} title="That did not work." />
                <SubmitForm
                  submission={submit}
                  onSubmit={async () => {
                    if (confirm && !confirmed) return;
                    const r = await submit.run(() => onSubmit({ reason: reason ?? '', note: text.trim(), minutes: Number(mins), target: target ?? '' }));
                    if (r.ok) close();
                  }}
                >
                  {reasons ? (
                    <SelectField label="Reason (the candidate sees it)" name="reason" options={reasons.map((r) => ({ id: r, label: r }))} value={reason} onChange={setReason} placeholder="Choose a reason" />
                  ) : null}
                  {targets ? (
                    <SelectField label="Hand to" name="target" options={targets} value={target} onChange={setTarget} />
                  ) : null}
                  {minutes ? (
                    <TextInputField label="Minutes to add" name="minutes" type="number" inputMode="numeric" value={mins} onChange={setMins}
                      description={`At most ${minutes.max} more for this exam.`} validate={(v) => (Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= minutes.max ? null : `Between 1 and ${minutes.max}.`)} />
                  ) : null}
                  {note ? (
                    <TextInputField label={note.label} name="note" multiline value={text} onChange={setText} optional={!note.required} maxLength={1000} minLength={note.required ? 3 : undefined} />
                  ) : null}
                  {confirm ? (
                    <Checkbox className="checkbox" isSelected={confirmed} onChange={setConfirmed} isRequired>
                      <span className="checkbox-box" aria-hidden="true" /> {confirm}
                    </Checkbox>
                  ) : null}
                  <div className="dialog-actions">
                    <Button className="button" onPress={close}>Cancel</Button>
                    <Button type="submit" className={`button ${tone === 'danger' ? 'button-danger' : 'button-primary'}`} data-pending={submit.pending || undefined}>{submitLabel}</Button>
                  </div>
                </SubmitForm>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
