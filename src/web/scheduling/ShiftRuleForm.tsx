import { useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import type { z } from 'zod';
import { ShiftRuleResponse, type Proctor, type ShiftRule, type ShiftRuleBody } from '../../contracts/scheduling.ts';
import { api } from '../lib/api.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { FormError } from '../ui/FormError.tsx';
import { SelectField, TextInputField } from '../ui/FormField.tsx';
import { SubmitForm } from '../ui/SubmitForm.tsx';
import { TimeZoneField } from '../ui/TimeZoneField.tsx';
import { CheckboxesField } from './CheckboxesField.tsx';
import { quarterTimes, todayIn, weekdayNames } from './zoned.ts';

type ProctorRow = z.infer<typeof Proctor>;

const weekdayOptions = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ id: String(d), label: weekdayNames[d]! }));
const startOptions = quarterTimes().map((t) => ({ id: t, label: t }));
const endOptions = quarterTimes(true).map((t) => ({ id: t, label: t === '24:00' ? '24:00 (midnight)' : t }));
const dutyOptions = [
  { id: 'proctoring', label: 'Proctoring (watches running exams)' },
  { id: 'greeting', label: 'Greeting (reviews check-ins)' },
];

/** Adds a weekly shift for a proctor, or changes one (`rule`). Times are local to the rule's zone. */
export function ShiftRuleForm({
  proctor,
  programId,
  rule,
  onSaved,
  onCancel,
}: {
  proctor: ProctorRow;
  programId: string;
  rule?: ShiftRule;
  onSaved: (rule: ShiftRule) => void;
  onCancel: () => void;
}) {
  const submit = useSubmit();
  const [weekdays, setWeekdays] = useState<string[]>(rule ? rule.weekdays.map(String) : []);
  const [startTime, setStartTime] = useState(rule?.startTime ?? '09:00');
  const [endTime, setEndTime] = useState(rule?.endTime ?? '17:00');
  const [timeZone, setTimeZone] = useState(rule?.timeZone ?? proctor.timeZone);
  const [validFrom, setValidFrom] = useState(rule?.validFrom ?? todayIn(proctor.timeZone));
  const [validUntil, setValidUntil] = useState(rule?.validUntil ?? '');
  const [duties, setDuties] = useState<string[]>(rule ? dutiesOf(rule) : ['proctoring', 'greeting']);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // The form opens in place of a button: move focus to it so keyboard and screen-reader users land here.
  useEffect(() => headingRef.current?.focus(), []);

  async function onSubmit() {
    const body: ShiftRuleBody = {
      proctorId: proctor.id,
      programId,
      weekdays: weekdays.map(Number).sort(),
      startTime,
      endTime,
      timeZone,
      validFrom,
      validUntil: validUntil || null,
      proctoring: duties.includes('proctoring'),
      greeting: duties.includes('greeting'),
    };
    const result = await submit.run(() =>
      rule
        ? api(`/admin/shift-rules/${encodeURIComponent(rule.id)}`, { method: 'PUT', body, schema: ShiftRuleResponse })
        : api('/admin/shift-rules', { method: 'POST', body, schema: ShiftRuleResponse }),
    );
    if (result.ok) onSaved(result.value.rule);
  }

  const title = rule ? `Change a weekly shift of ${proctor.name}` : `Add a weekly shift for ${proctor.name}`;
  return (
    <div className="inline-editor">
      <h3 ref={headingRef} tabIndex={-1}>{title}</h3>
      <FormError error={submit.error} title={rule ? 'We could not change the shift.' : 'We could not add the shift.'} />
      <SubmitForm submission={submit} onSubmit={onSubmit}>
        <CheckboxesField
          label="Days"
          description="The days the shift starts on."
          name="weekdays"
          options={weekdayOptions}
          value={weekdays}
          onChange={setWeekdays}
          emptyMessage="Choose at least one day."
        />
        <div className="field-row">
          <SelectField label="Starts at" name="startTime" options={startOptions} value={startTime} onChange={setStartTime} />
          <SelectField
            label="Ends at"
            name="endTime"
            description="At or before the start: the shift ends the next day."
            options={endOptions}
            value={endTime}
            onChange={setEndTime}
          />
        </div>
        <TimeZoneField
          value={timeZone}
          onChange={setTimeZone}
          description={`The shift keeps these local times when the clocks change. ${proctor.name}'s profile zone is the default.`}
        />
        <div className="field-row">
          <TextInputField label="First day" name="validFrom" type="date" value={validFrom} onChange={setValidFrom} />
          <TextInputField
            label="Last day"
            name="validUntil"
            type="date"
            optional
            description="Leave empty to repeat with no end."
            value={validUntil}
            onChange={setValidUntil}
          />
        </div>
        {/* Named after the first duty: the server reports "no duty chosen" on `proctoring`. */}
        <CheckboxesField
          label="Duties"
          name="proctoring"
          options={dutyOptions}
          value={duties}
          onChange={setDuties}
          emptyMessage="Choose proctoring, greeting or both."
        />
        <div className="actions">
          <Button type="submit" className="button button-primary" data-pending={submit.pending || undefined}>
            {rule ? 'Save shift' : 'Add shift'}
          </Button>
          <Button className="button" onPress={onCancel}>Cancel</Button>
        </div>
      </SubmitForm>
    </div>
  );
}

function dutiesOf(rule: ShiftRule): string[] {
  return [...(rule.proctoring ? ['proctoring'] : []), ...(rule.greeting ? ['greeting'] : [])];
}
