import type { ReactNode } from 'react';
import { Checkbox, CheckboxGroup, FieldError, Label, Text } from 'react-aria-components';

/** A labelled group of checkboxes (react-aria CheckboxGroup); `emptyMessage` makes at least one choice required. */
export function CheckboxesField({
  label,
  description,
  name,
  options,
  value,
  onChange,
  emptyMessage,
}: {
  label: ReactNode;
  description?: ReactNode;
  name: string;
  options: readonly { id: string; label: string }[];
  value: string[];
  onChange: (value: string[]) => void;
  emptyMessage?: string;
}) {
  return (
    <CheckboxGroup
      className="field checkbox-group"
      name={name}
      value={value}
      onChange={onChange}
      isRequired={Boolean(emptyMessage)}
      validate={(chosen) => (emptyMessage && chosen.length === 0 ? emptyMessage : null)}
    >
      <Label className="field-label">{label}</Label>
      {description ? <Text slot="description" className="field-description">{description}</Text> : null}
      <div className="checkbox-columns">
        {options.map((option) => (
          <Checkbox key={option.id} value={option.id} className="checkbox">
            {({ isSelected }) => (
              <>
                <span className="checkbox-box" aria-hidden="true">{isSelected ? '✓' : ''}</span>
                {option.label}
              </>
            )}
          </Checkbox>
        ))}
      </div>
      <FieldError className="field-error" />
    </CheckboxGroup>
  );
}
