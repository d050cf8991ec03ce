import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { z } from 'zod';
import { VoucherList, type Voucher } from '../../../contracts/booking.ts';
import { ExamList } from '../../../contracts/catalog.ts';
import { api } from '../../lib/api.ts';
import { timeZoneLabel } from '../../lib/format.ts';
import { useApiData } from '../../lib/use-api-data.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import { FormError } from '../../ui/FormError.tsx';
import { SelectField, TextInputField } from '../../ui/FormField.tsx';
import { SubmitForm } from '../../ui/SubmitForm.tsx';
import { NumberInputField, RadioChoiceField } from '../exams/form-fields.tsx';
import { endOfDateIso } from '../../scheduling/zoned.ts';
import { CreatedCodes } from './CreatedCodes.tsx';
import { toMinor } from './money.ts';

type Row = z.infer<typeof Voucher>;
type Kind = 'voucher' | 'discount';
type OffBy = 'percent' | 'amount';
type Codes = 'generate' | 'given';

const kindOptions = [
  { id: 'voucher', label: 'Voucher', help: '(pays the whole exam fee)' },
  { id: 'discount', label: 'Discount code', help: '(takes a share or an amount off the fee)' },
] as const;
const offByOptions = [
  { id: 'percent', label: 'A percentage' },
  { id: 'amount', label: 'An amount' },
] as const;
const codesOptions = [
  { id: 'generate', label: 'Generate codes', help: '(one or many, each used by one candidate)' },
  { id: 'given', label: 'Use a code I choose', help: '(e.g. SPRING-25, shared by many)' },
] as const;

/** Creates a voucher or a discount code: one chosen code, or a batch of generated ones shown for copying. */
export function CreateVoucherForm({ zone, onCreated }: { zone: string; onCreated: () => void }) {
  const exams = useApiData('/admin/exams', ExamList);
  const submit = useSubmit();
  const [kind, setKind] = useState<Kind>('discount');
  const [offBy, setOffBy] = useState<OffBy>('percent');
  const [percent, setPercent] = useState(10);
  const [amount, setAmount] = useState(NaN);
  const [currency, setCurrency] = useState('USD');
  const [examCode, setExamCode] = useState('any');
  const [maxUses, setMaxUses] = useState(1);
  const [validUntil, setValidUntil] = useState('');
  const [codes, setCodes] = useState<Codes>('given');
  const [code, setCode] = useState('');
  const [count, setCount] = useState(1);
  const [created, setCreated] = useState<Row[] | null>(null);
  const [formKey, setFormKey] = useState(0);

  const examOptions = [
    { id: 'any', label: 'Any exam' },
    ...(exams.data?.exams ?? []).map((exam) => ({ id: exam.code, label: `${exam.code} · ${exam.title}` })),
  ];

  async function onSubmit() {
    setCreated(null);
    const until = validUntil ? endOfDateIso(validUntil, zone) : null;
    const cur = currency.trim().toUpperCase();
    const body = {
      kind,
      ...(kind === 'discount' && offBy === 'percent' ? { percentOff: percent } : {}),
      ...(kind === 'discount' && offBy === 'amount' ? { amountOffMinor: toMinor(amount, cur), currency: cur } : {}),
      ...(examCode === 'any' ? {} : { examCode }),
      maxUses,
      ...(until ? { validUntil: until } : {}),
      ...(codes === 'given' ? { code: code.trim().toUpperCase() } : { count }),
    };
    const result = await submit.run(() => api('/admin/vouchers', { method: 'POST', body, schema: VoucherList }));
    if (!result.ok) return;
    setCreated(result.value.vouchers);
    setCode('');
    setFormKey((k) => k + 1);
    onCreated();
  }

  return (
    <section className="card" aria-labelledby="create-voucher-heading">
      <h2 id="create-voucher-heading">Create vouchers or a discount code</h2>
      {created ? <CreatedCodes vouchers={created} onDone={() => setCreated(null)} /> : null}
      <FormError error={submit.error} title="We could not create the codes." />
      <SubmitForm key={formKey} submission={submit} onSubmit={onSubmit}>
        <RadioChoiceField label="Kind" name="kind" options={kindOptions} value={kind} onChange={setKind} />
        {kind === 'discount' ? (
          <>
            <RadioChoiceField label="Takes off" name="offBy" options={offByOptions} value={offBy} onChange={setOffBy} orientation="horizontal" />
            {offBy === 'percent' ? (
              <NumberInputField label="Percentage off" name="percentOff" minValue={1} maxValue={100} value={percent} onChange={setPercent} isRequired
                formatOptions={{ maximumFractionDigits: 0 }} />
            ) : (
              <div className="field-row">
                <NumberInputField label="Amount off" name="amountOffMinor" minValue={0.01} value={amount} onChange={setAmount} isRequired
                  formatOptions={{ minimumFractionDigits: 0, maximumFractionDigits: 3 }} />
                <TextInputField label="Currency" name="currency" description="Three letters, e.g. USD." value={currency} onChange={setCurrency}
                  minLength={3} maxLength={3} pattern="[A-Za-z]{3}" />
              </div>
            )}
          </>
        ) : null}
        <SelectField label="Exam" name="examCode" options={examOptions} value={examCode} onChange={setExamCode} />
        <NumberInputField label="Uses per code" name="maxUses" description="How many bookings each code can pay for."
          minValue={1} maxValue={100_000} value={maxUses} onChange={setMaxUses} isRequired formatOptions={{ maximumFractionDigits: 0 }} />
        <TextInputField label="Valid until" name="validUntil" type="date" optional
          description={`Codes work until the end of this day in your time zone, ${timeZoneLabel(zone)}. Leave empty for no end.`}
          value={validUntil} onChange={setValidUntil} />
        <RadioChoiceField label="Codes" name="codes" options={codesOptions} value={codes} onChange={setCodes} />
        {codes === 'given' ? (
          <TextInputField label="Code" name="code" description="4 to 40 letters, digits or dashes." value={code} onChange={setCode}
            minLength={4} maxLength={40} pattern="[A-Za-z0-9\-]{4,40}" />
        ) : (
          <NumberInputField label="How many codes" name="count" minValue={1} maxValue={500} value={count} onChange={setCount} isRequired
            formatOptions={{ maximumFractionDigits: 0 }} />
        )}
        <Button type="submit" className="button button-primary" data-pending={submit.pending || undefined}>
          {codes === 'given' ? 'Create code' : count === 1 ? 'Generate code' : `Generate ${count} codes`}
        </Button>
      </SubmitForm>
    </section>
  );
}
