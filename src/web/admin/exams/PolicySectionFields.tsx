import { useEffect, useState } from 'react';
import type { ExamPolicy } from '../../../core/catalog/policy.ts';
import { TextInputField } from '../../ui/FormField.tsx';
import { NumberInputField, RadioChoiceField, SwitchInputField } from './form-fields.tsx';
import { valueAt, type PolicyFieldSpec, type PolicySectionSpec } from './policy-fields.ts';

/** One section of the policy (e.g. "Check-in") as a group of fields generated from the schema. */
export function PolicySectionFields({
  section,
  policy,
  errors,
  onChange,
}: {
  section: PolicySectionSpec;
  policy: ExamPolicy;
  /** Live problems by dotted path. */
  errors: Record<string, string[]>;
  onChange: (path: string, value: unknown) => void;
}) {
  return (
    <fieldset className="fieldset">
      <legend>{section.label}</legend>
      <div className="policy-fields">
        {section.fields.map((field) => (
          <PolicyField key={field.path} field={field} value={valueAt(policy, field.path)} errors={errors[field.path]} onChange={(value) => onChange(field.path, value)} />
        ))}
      </div>
    </fieldset>
  );
}

/** A list of texts edited one per line; blank lines and surrounding spaces are dropped from the saved list. */
function LinesField({ field, value, errors, onChange }: { field: PolicyFieldSpec; value: unknown; errors?: string[]; onChange: (value: unknown) => void }) {
  const lines = Array.isArray(value) ? (value as string[]) : [];
  const [text, setText] = useState(() => lines.join('\n'));
  const parse = (t: string) => t.split('\n').map((l) => l.trim()).filter(Boolean);
  // Follow changes made elsewhere (a reset, a reload), but not the tidying of what is being typed.
  useEffect(() => {
    if (parse(text).join('\n') !== lines.join('\n')) setText(lines.join('\n'));
  }, [lines.join('\n')]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <TextInputField
      label={field.label}
      name={field.path}
      description={`${field.description} One per line.`}
      multiline
      className="policy-lines"
      value={text}
      validationBehavior="aria"
      validate={() => (errors?.length ? errors.join(' ') : null)}
      onChange={(t) => {
        setText(t);
        onChange(parse(t));
      }}
    />
  );
}

function PolicyField({ field, value, errors, onChange }: { field: PolicyFieldSpec; value: unknown; errors?: string[]; onChange: (value: unknown) => void }) {
  if (field.kind === 'lines') return <LinesField field={field} value={value} errors={errors} onChange={onChange} />;
  if (field.kind === 'boolean') {
    return <SwitchInputField label={field.label} name={field.path} description={field.description} errors={errors} isSelected={value === true} onChange={onChange} />;
  }
  if (field.kind === 'choice') {
    return (
      <RadioChoiceField
        label={field.label}
        name={field.path}
        description={field.description}
        orientation="horizontal"
        options={(field.choices ?? []).map((choice) => ({ id: String(choice), label: String(choice) }))}
        value={String(value)}
        onChange={(chosen) => onChange(Number(chosen))}
      />
    );
  }
  return (
    <NumberInputField
      label={field.label}
      name={field.path}
      description={`${field.description}${range(field)}`}
      errors={errors}
      minValue={field.min}
      maxValue={field.max}
      step={field.integer ? 1 : undefined}
      formatOptions={field.integer ? { maximumFractionDigits: 0, useGrouping: false } : { maximumFractionDigits: 2, useGrouping: false }}
      value={typeof value === 'number' ? value : Number.NaN}
      onChange={onChange}
    />
  );
}

function range(field: PolicyFieldSpec): string {
  if (field.min === undefined || field.max === undefined) return '';
  return ` (${field.min} to ${field.max})`;
}
