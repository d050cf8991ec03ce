import type { ReactNode } from 'react';
import {
  Checkbox,
  CheckboxGroup,
  FieldError,
  Input,
  Label,
  NumberField,
  Radio,
  RadioGroup,
  SwitchButton,
  SwitchField,
  Text,
  type NumberFieldProps,
} from 'react-aria-components';
import { useMeta } from '../../lib/meta.tsx';
import { languageNames } from '../../lib/format.ts';

interface FieldText {
  label: ReactNode;
  description?: ReactNode;
  /** Problems to show under the field now (live checks or server errors mapped by hand). */
  errors?: readonly string[];
}

/** A labelled number input (react-aria NumberField: arrow keys step, the value is clamped to min/max on blur).
 * No stepper buttons: they add two tab stops per field and the arrow keys do the same. */
export function NumberInputField({
  label,
  description,
  errors,
  className,
  ...props
}: FieldText & Omit<NumberFieldProps, 'children' | 'className'> & { className?: string }) {
  const shown = errors && errors.length > 0 ? errors : undefined;
  return (
    <NumberField {...props} isInvalid={shown ? true : props.isInvalid} className={`field ${className ?? ''}`}>
      <Label className="field-label">{label}</Label>
      {description ? <Text slot="description" className="field-description">{description}</Text> : null}
      <Input className="field-input field-number" />
      <FieldError className="field-error">{shown ? shown.join(' ') : undefined}</FieldError>
    </NumberField>
  );
}

/** An on/off setting with its help text and any problem, tied to the switch for screen readers. */
export function SwitchInputField({
  label,
  description,
  errors,
  name,
  isSelected,
  onChange,
}: FieldText & { name?: string; isSelected: boolean; onChange: (value: boolean) => void }) {
  const shown = errors && errors.length > 0 ? errors : undefined;
  return (
    <SwitchField className="field switch-field" name={name} isSelected={isSelected} onChange={onChange} isInvalid={Boolean(shown)}>
      <SwitchButton className="switch">
        <span className="switch-track" aria-hidden="true"><span className="switch-thumb" /></span>
        <span className="switch-label">{label}</span>
        <span className="switch-state" aria-hidden="true">{isSelected ? 'On' : 'Off'}</span>
      </SwitchButton>
      {description ? <Text slot="description" className="field-description">{description}</Text> : null}
      <FieldError className="field-error">{shown ? shown.join(' ') : undefined}</FieldError>
    </SwitchField>
  );
}

/** A small set of mutually exclusive choices shown all at once (react-aria RadioGroup). */
export function RadioChoiceField<T extends string>({
  label,
  description,
  name,
  options,
  value,
  onChange,
  orientation = 'vertical',
}: FieldText & {
  name: string;
  options: readonly { id: T; label: string; help?: string }[];
  value: T;
  onChange: (value: T) => void;
  orientation?: 'vertical' | 'horizontal';
}) {
  return (
    <RadioGroup className={`field radio-group radio-group-${orientation}`} name={name} value={value} onChange={(v) => onChange(v as T)} orientation={orientation}>
      <Label className="field-label">{label}</Label>
      {description ? <Text slot="description" className="field-description">{description}</Text> : null}
      <div className="radio-options">
        {options.map((option) => (
          <Radio key={option.id} value={option.id} className="radio">
            <span className="radio-mark" aria-hidden="true" />
            <span>
              {option.label}
              {option.help ? <span className="radio-help"> {option.help}</span> : null}
            </span>
          </Radio>
        ))}
      </div>
      <FieldError className="field-error" />
    </RadioGroup>
  );
}

/** The exam languages as checkboxes, offering the languages this server ships. */
export function LanguagesField({ value, onChange }: { value: string[]; onChange: (value: string[]) => void }) {
  const { languages } = useMeta();
  const offered = [...new Set([...languages, ...value])];
  return (
    <CheckboxGroup
      className="field checkbox-group"
      name="languages"
      value={value}
      onChange={onChange}
      isRequired
      validate={(chosen) => (chosen.length === 0 ? 'Choose at least one language.' : null)}
    >
      <Label className="field-label">Languages</Label>
      <Text slot="description" className="field-description">The languages the exam is delivered in.</Text>
      <div className="checkbox-columns">
        {offered.map((code) => (
          <Checkbox key={code} value={code} className="checkbox">
            {({ isSelected }) => (
              <>
                <span className="checkbox-box" aria-hidden="true">{isSelected ? '✓' : ''}</span>
                {languageNames[code]?.english ?? code}
              </>
            )}
          </Checkbox>
        ))}
      </div>
      <FieldError className="field-error" />
    </CheckboxGroup>
  );
}
