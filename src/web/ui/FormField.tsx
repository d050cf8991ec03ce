import type { ReactNode } from 'react';
import {
  Button,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
  Text,
  TextArea,
  TextField,
  type Key,
  type SelectProps,
  type TextFieldProps,
} from 'react-aria-components';

interface FieldTextProps {
  label: ReactNode;
  /** Help shown under the label, tied to the field with aria-describedby. */
  description?: ReactNode;
  /** Marks the label "(optional)"; required fields are the norm and carry no marker. */
  optional?: boolean;
}

/** The label of a field, with "(optional)" spelled out when the field may stay empty. */
function FieldLabel({ label, optional }: Pick<FieldTextProps, 'label' | 'optional'>) {
  return (
    <Label className="field-label">
      {label}
      {optional ? <span className="field-optional"> (optional)</span> : null}
    </Label>
  );
}

/** A labelled text input with its description and error message (react-aria TextField). */
export function TextInputField({
  label,
  description,
  optional,
  multiline,
  className,
  ...props
}: FieldTextProps & Omit<TextFieldProps, 'children' | 'className'> & { multiline?: boolean; className?: string }) {
  return (
    <TextField {...props} isRequired={props.isRequired ?? !optional} className={`field ${className ?? ''}`}>
      <FieldLabel label={label} optional={optional} />
      {description ? <Text slot="description" className="field-description">{description}</Text> : null}
      {multiline ? <TextArea className="field-input" /> : <Input className="field-input" />}
      <FieldError className="field-error" />
    </TextField>
  );
}

export interface Option {
  id: string;
  label: string;
  /** A name in another language shown after the label (e.g. a language's own name), with its `lang`. */
  native?: { text: string; lang: string };
}

/** A labelled single-choice select (react-aria Select) over a short list of options. */
export function SelectField({
  label,
  description,
  optional,
  options,
  value,
  onChange,
  ...props
}: FieldTextProps &
  Omit<SelectProps<Option>, 'children' | 'value' | 'onChange' | 'className'> & {
    options: Option[];
    value: string | null;
    onChange: (value: string) => void;
  }) {
  return (
    <Select
      {...props}
      className="field"
      isRequired={props.isRequired ?? !optional}
      value={value}
      onChange={(key: Key | null) => {
        if (key !== null) onChange(String(key));
      }}
    >
      <FieldLabel label={label} optional={optional} />
      {description ? <Text slot="description" className="field-description">{description}</Text> : null}
      <Button className="field-input select-button">
        <SelectValue className="select-value" />
        <span className="select-chevron" aria-hidden="true">▾</span>
      </Button>
      <FieldError className="field-error" />
      <Popover className="popover">
        <ListBox className="listbox" items={options}>
          {(option) => (
            <ListBoxItem className="listbox-item" id={option.id} textValue={option.label}>
              {option.label}
              {option.native && option.native.text !== option.label ? (
                <>
                  {' '}· <span lang={option.native.lang}>{option.native.text}</span>
                </>
              ) : null}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}
