import { Currency, examLevels, type Exam } from '../../../contracts/catalog.ts';
import { validateWith } from '../../lib/validate.ts';
import { SelectField, TextInputField } from '../../ui/FormField.tsx';
import { currencyDigits, levelLabels } from '../../catalog/exam-facts.ts';
import { LanguagesField, NumberInputField, RadioChoiceField, SwitchInputField } from './form-fields.tsx';

/** The fields an admin edits on an exam (everything but its code, program and status). */
export type ExamFieldValues = Pick<
  Exam,
  | 'title' | 'level' | 'description' | 'languages' | 'durationMinutes' | 'scoredItemCount' | 'unscoredItemCount'
  | 'scaleMin' | 'scaleMax' | 'passingScore' | 'priceMinor' | 'currency' | 'practice' | 'formMode'
>;

/** A new exam's starting values: a 2-hour professional exam on a 100–1000 scale. */
export const blankExam: ExamFieldValues = {
  title: '', level: 'associate', description: '', languages: ['en'], durationMinutes: 120, scoredItemCount: 50,
  unscoredItemCount: 0, scaleMin: 100, scaleMax: 1000, passingScore: 700, priceMinor: 15000, currency: 'USD',
  practice: false, formMode: 'random',
};

const levelOptions = examLevels.map((level) => ({ id: level, label: levelLabels[level] ?? level }));
const formModes = [
  { id: 'random', label: 'A random form per candidate', help: '(assembled from the blueprint, with pretest items)' },
  { id: 'fixed', label: 'Fixed forms', help: '(chosen by an administrator)' },
] as const;

/** The exam's editable fields in groups; `onChange` receives the changed fields. */
export function ExamFields({ values, onChange }: { values: ExamFieldValues; onChange: (patch: Partial<ExamFieldValues>) => void }) {
  const digits = Currency.safeParse(values.currency).success ? currencyDigits(values.currency) : 2;
  const price = values.priceMinor / 10 ** digits;
  return (
    <>
      <fieldset className="fieldset">
        <legend>About the exam</legend>
        <TextInputField label="Title" name="title" value={values.title} onChange={(title) => onChange({ title })} minLength={3} maxLength={200} />
        <SelectField label="Level" name="level" options={levelOptions} value={values.level} onChange={(level) => onChange({ level: level as ExamFieldValues['level'] })} />
        <TextInputField
          label="Description"
          name="description"
          multiline
          optional
          description="Shown on the exam's catalog page: who it is for and what it proves. Plain text; blank lines start paragraphs."
          value={values.description}
          onChange={(description) => onChange({ description })}
          maxLength={5000}
        />
        <LanguagesField value={values.languages} onChange={(languages) => onChange({ languages: languages as ExamFieldValues['languages'] })} />
      </fieldset>
      <fieldset className="fieldset">
        <legend>Length and scoring</legend>
        <div className="field-row">
          <NumberInputField label="Duration (minutes)" name="durationMinutes" minValue={5} maxValue={600} isRequired value={values.durationMinutes} onChange={(v) => onChange({ durationMinutes: v })} />
          <NumberInputField label="Scored questions" name="scoredItemCount" minValue={1} maxValue={500} isRequired value={values.scoredItemCount} onChange={(v) => onChange({ scoredItemCount: v })} />
          <NumberInputField label="Pretest questions" name="unscoredItemCount" description="Unscored, mixed in to try out new items." minValue={0} maxValue={100} isRequired value={values.unscoredItemCount} onChange={(v) => onChange({ unscoredItemCount: v })} />
        </div>
        <div className="field-row">
          <NumberInputField label="Lowest scaled score" name="scaleMin" minValue={0} maxValue={10_000} isRequired value={values.scaleMin} onChange={(v) => onChange({ scaleMin: v })} />
          <NumberInputField label="Highest scaled score" name="scaleMax" minValue={1} maxValue={10_000} isRequired value={values.scaleMax} onChange={(v) => onChange({ scaleMax: v })}
            validate={(v) => (v <= values.scaleMin ? 'Must be above the lowest score.' : null)} />
          <NumberInputField label="Passing score" name="passingScore" minValue={0} maxValue={10_000} isRequired value={values.passingScore} onChange={(v) => onChange({ passingScore: v })}
            validate={(v) => (v < values.scaleMin || v > values.scaleMax ? `Must lie between ${values.scaleMin} and ${values.scaleMax}.` : null)} />
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend>Price and delivery</legend>
        <div className="field-row">
          <TextInputField label="Currency" name="currency" description="Three-letter code, e.g. USD, EUR." value={values.currency}
            onChange={(currency) => onChange({ currency: currency.toUpperCase() })} maxLength={3} validate={validateWith(Currency)} />
          <NumberInputField
            label={`Price (${values.currency || 'currency'})`}
            name="priceMinor"
            description="0 makes the exam free."
            minValue={0}
            isRequired
            formatOptions={{ minimumFractionDigits: digits, maximumFractionDigits: digits }}
            value={price}
            onChange={(v) => onChange({ priceMinor: Number.isNaN(v) ? 0 : Math.round(v * 10 ** digits) })}
          />
        </div>
        <SwitchInputField label="Practice exam" name="practice" description="An unproctored practice exam: nobody watches, and a pass does not certify."
          isSelected={values.practice} onChange={(practice) => onChange({ practice })} />
        <RadioChoiceField label="Forms" name="formMode" options={formModes} value={values.formMode} onChange={(formMode) => onChange({ formMode })} />
      </fieldset>
    </>
  );
}
