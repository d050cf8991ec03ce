import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { AppointmentResponse, type Hold, type PaymentMethod } from '../../contracts/booking.ts';
import { api, messageOf } from '../lib/api.ts';
import { formatMoney } from '../lib/format.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { Alert } from '../ui/Alert.tsx';
import { FormError } from '../ui/FormError.tsx';
import { TextInputField } from '../ui/FormField.tsx';
import { Loading } from '../ui/Loading.tsx';
import { SubmitForm } from '../ui/SubmitForm.tsx';
import { CodeForm } from './CodeForm.tsx';
import { checkoutKey } from './idempotency-key.ts';
import { PaymentMethodField } from './PaymentMethodField.tsx';
import { PriceBreakdown } from './PriceBreakdown.tsx';
import { isHoldExpired, useQuote } from './use-quote.ts';

type Method = z.infer<typeof PaymentMethod>;

/** Price, code, payment method and "Confirm booking" for a held seat. The Idempotency-Key is made once per hold,
 * so a double press or a retry after a dropped answer books once and returns the same appointment. */
export function CheckoutForm({
  hold,
  onExpired,
  onChangeTime,
}: {
  hold: z.infer<typeof Hold>;
  onExpired: () => void;
  onChangeTime: () => void;
}) {
  const navigate = useNavigate();
  const quote = useQuote(hold.id, onExpired);
  const submit = useSubmit();
  const [idempotencyKey] = useState(() => checkoutKey(hold.id));
  const [chosen, setChosen] = useState<Method | null>(null);
  const [invoiceReference, setInvoiceReference] = useState('');

  if (quote.loadError) {
    return (
      <Alert tone="error" title="We could not work out the price.">
        <p>{messageOf(quote.loadError)}</p>
      </Alert>
    );
  }
  if (!quote.quote) return <Loading what="Working out the price" />;
  const current = quote.quote;
  // The methods depend on the amount due (a voucher leaves nothing to invoice): fall back to the first offered.
  const method = chosen && current.methods.some((m) => m.id === chosen) ? chosen : (current.methods[0]?.id ?? null);

  async function confirm() {
    if (!method) return;
    const result = await submit.run(async () => {
      try {
        return await api('/appointments', {
          method: 'POST',
          headers: { 'Idempotency-Key': idempotencyKey },
          body: {
            holdId: hold.id,
            code: quote.applied,
            paymentMethod: method,
            invoiceReference: method === 'invoice' && invoiceReference.trim() ? invoiceReference.trim() : undefined,
          },
          schema: AppointmentResponse,
        });
      } catch (error) {
        if (isHoldExpired(error)) onExpired();
        throw error;
      }
    });
    if (result.ok) navigate(`/appointments/${result.value.appointment.id}`, { state: { booked: true } });
  }

  return (
    <>
      <section className="card" aria-labelledby="price-heading">
        <h2 id="price-heading">Price</h2>
        <PriceBreakdown quote={current} />
        <CodeForm
          applied={quote.applied}
          description={quote.description}
          error={quote.error}
          pending={quote.pending}
          onApply={(code) => void quote.apply(code)}
          onRemove={() => void quote.remove()}
        />
      </section>
      <section className="card" aria-labelledby="pay-heading">
        <h2 id="pay-heading">Payment and confirmation</h2>
        <FormError error={submit.error} title="We could not book this appointment." />
        <SubmitForm submission={submit} onSubmit={confirm}>
          {current.methods.length === 0 ? (
            <Alert tone="warning" title="There is no way to pay this amount here.">
              <p>Ask your certification program how to pay, or apply a voucher code.</p>
            </Alert>
          ) : (
            <PaymentMethodField methods={current.methods} value={method} onChange={setChosen} />
          )}
          {method === 'invoice' ? (
            <TextInputField
              label="Purchase order number"
              name="invoiceReference"
              optional
              description="Printed on the invoice, if your employer needs one."
              maxLength={100}
              value={invoiceReference}
              onChange={setInvoiceReference}
            />
          ) : null}
          <p className="confirm-total">
            {current.dueMinor > 0
              ? `You pay ${formatMoney(current.dueMinor, current.currency)}${method === 'invoice' ? ' by invoice' : ''}.`
              : 'Nothing to pay.'}
          </p>
          <div className="actions">
            <Button type="submit" className="button button-primary" data-pending={submit.pending || undefined}>
              Confirm booking
            </Button>
            <Button className="button" onPress={onChangeTime}>
              Change time
            </Button>
          </div>
        </SubmitForm>
      </section>
    </>
  );
}
