import { TextInputField } from '../../ui/FormField.tsx';
import { validateEmail, validateName, validateWebAddress, type ProgramValues } from './program-values.ts';

/** A program's editable fields; the field names match `ProgramBody`, so the server's field errors show at them.
 * (No logo yet: there is no file store for it.) */
export function ProgramFields({
  values,
  onChange,
  autoFocus,
}: {
  values: ProgramValues;
  onChange: (patch: Partial<ProgramValues>) => void;
  /** Focus the name field when the fields appear (the edit form replaces the button that opened it). */
  autoFocus?: boolean;
}) {
  return (
    <>
      <TextInputField
        label="Program name"
        name="name"
        description="The body that certifies, e.g. “Acme Cloud Certification”."
        value={values.name}
        onChange={(name) => onChange({ name })}
        validate={validateName}
        minLength={2}
        maxLength={120}
        autoComplete="off"
        autoFocus={autoFocus}
      />
      <TextInputField
        label="Contact email"
        name="contactEmail"
        type="email"
        optional
        description="Where candidates can write with questions about the program."
        value={values.contactEmail}
        onChange={(contactEmail) => onChange({ contactEmail })}
        validate={validateEmail}
        maxLength={254}
        autoComplete="off"
      />
      <TextInputField
        label="Website"
        name="website"
        type="url"
        optional
        value={values.website}
        onChange={(website) => onChange({ website })}
        validate={validateWebAddress}
        maxLength={500}
        autoComplete="off"
      />
      <fieldset className="fieldset">
        <legend>Issuer of badges and certificates</legend>
        <TextInputField
          label="Issuer name"
          name="issuerName"
          optional
          description="The program name when empty."
          value={values.issuerName}
          onChange={(issuerName) => onChange({ issuerName })}
          validate={validateName}
          maxLength={120}
          autoComplete="off"
        />
        <TextInputField
          label="Issuer web address"
          name="issuerUrl"
          type="url"
          optional
          description="A page about the issuer, e.g. https://example.org/certification."
          value={values.issuerUrl}
          onChange={(issuerUrl) => onChange({ issuerUrl })}
          validate={validateWebAddress}
          maxLength={500}
          autoComplete="off"
        />
      </fieldset>
    </>
  );
}
