import { useState } from 'react';
import { Button } from 'react-aria-components';
import { AppointmentResponse, type Appointment } from '../../contracts/booking.ts';
import { api } from '../lib/api.ts';
import { formatMoney } from '../lib/format.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { TextInputField } from '../ui/FormField.tsx';
import { ChangeDialog } from './ChangeDialog.tsx';

/** What cancelling now does to the money, in words, before the candidate confirms. */
export function refundText(appointment: Appointment): string {
  const { cancelRefund, fee } = appointment;
  if (cancelRefund.amountMinor > 0) return `You get ${formatMoney(cancelRefund.amountMinor, cancelRefund.currency)} back.`;
  if (fee.paidMinor === 0) return 'Nothing was paid for this appointment, so there is nothing to refund.';
  return `There is no refund: the fee of ${formatMoney(fee.paidMinor, fee.currency)} is forfeited because the change cutoff has passed.`;
}

/** "Cancel appointment" with a dialog that states the refund (or that the fee is forfeited) before confirming. */
export function CancelAppointment({
  appointment,
  onChanged,
}: {
  appointment: Appointment;
  onChanged: (appointment: Appointment, message: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const submit = useSubmit();

  async function confirm() {
    const result = await submit.run(() =>
      api(`/appointments/${appointment.id}/cancel`, {
        method: 'POST',
        body: reason.trim() ? { reason: reason.trim() } : {},
        schema: AppointmentResponse,
      }),
    );
    if (!result.ok) return;
    setOpen(false);
    const refunded = result.value.appointment.fee.refundedMinor;
    onChanged(
      result.value.appointment,
      `Your appointment is cancelled.${refunded > 0 ? ` ${formatMoney(refunded, result.value.appointment.fee.currency)} will be refunded.` : ''}`,
    );
  }

  return (
    <section className="card" aria-labelledby="cancel-heading">
      <h2 id="cancel-heading">Cancel</h2>
      {appointment.canCancel ? (
        <>
          <p><strong>If you cancel now:</strong> {refundText(appointment)}</p>
          <Button className="button button-danger" onPress={() => setOpen(true)}>Cancel appointment</Button>
        </>
      ) : (
        <p>{appointment.changeRefusal ?? 'This appointment cannot be cancelled.'}</p>
      )}
      <ChangeDialog
        isOpen={open}
        onClose={() => setOpen(false)}
        title="Cancel this appointment?"
        keepLabel="Keep my appointment"
        confirmLabel="Cancel appointment"
        danger
        pending={submit.pending}
        error={submit.error}
        onConfirm={() => void confirm()}
      >
        <p className="refund-statement"><strong>{refundText(appointment)}</strong></p>
        <p>The seat goes back to other candidates. You can book the exam again later.</p>
        <TextInputField
          label="Reason"
          name="reason"
          optional
          multiline
          maxLength={500}
          description="Tell the program why, if you like."
          value={reason}
          onChange={setReason}
        />
      </ChangeDialog>
    </section>
  );
}
