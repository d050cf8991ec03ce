import { useMeta } from '../lib/meta.tsx';
import { languageNames } from '../lib/format.ts';
import { SelectField } from './FormField.tsx';

/** The preferred-language select, offering the languages the server says it ships. */
export function LanguageField({ value, onChange }: { value: string; onChange: (language: string) => void }) {
  const { languages } = useMeta();
  const options = languages.map((code) => ({
    id: code,
    label: languageNames[code]?.english ?? code,
    native: languageNames[code] ? { text: languageNames[code].native, lang: code } : undefined,
  }));
  return (
    <SelectField
      label="Language"
      name="language"
      description="For emails and, as translations arrive, this website."
      options={options}
      value={value}
      onChange={onChange}
    />
  );
}
