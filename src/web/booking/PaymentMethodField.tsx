import { Label, Radio, RadioGroup, Text } from 'react-aria-components';
import type { z } from 'zod';
import type { PaymentMethod, Quote } from '../../contracts/booking.ts';

type Method = z.infer<typeof PaymentMethod>;

/** How to pay the amount due, from the methods the quote offers. */
export function PaymentMethodField({
  methods,
  value,
  onChange,
}: {
  methods: z.infer<typeof Quote>['methods'];
  value: Method | null;
  onChange: (method: Method) => void;
}) {
  return (
    <RadioGroup className="field radio-group" name="paymentMethod" value={value} onChange={(v) => onChange(v as Method)} isRequired>
      <Label className="field-label">Payment</Label>
      <Text slot="description" className="field-description">
        {methods.length === 1 ? 'This is how the amount due is settled.' : 'Choose how to pay the amount due.'}
      </Text>
      <div className="radio-options">
        {methods.map((method) => (
          <Radio key={method.id} value={method.id} className="radio">
            <span className="radio-mark" aria-hidden="true" />
            <span>{method.label}</span>
          </Radio>
        ))}
      </div>
    </RadioGroup>
  );
}
