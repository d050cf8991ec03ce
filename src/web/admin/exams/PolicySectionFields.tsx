import type { ExamPolicy } from '../../../core/catalog/policy.ts';
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

function PolicyField({ field, value, errors, onChange }: { field: PolicyFieldSpec; value: unknown; errors?: string[]; onChange: (value: unknown) => void }) {
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
