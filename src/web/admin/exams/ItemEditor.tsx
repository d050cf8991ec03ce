import { useMemo, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { ItemResponse, type Item } from '../../../contracts/catalog.ts';
import { itemContentProblems, type ItemContent } from '../../../core/catalog/item.ts';
import { api } from '../../lib/api.ts';
import { useSubmit, type FieldErrorCodes } from '../../lib/use-submit.ts';
import { Alert } from '../../ui/Alert.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { SelectField, TextInputField } from '../../ui/FormField.tsx';
import { SubmitForm } from '../../ui/SubmitForm.tsx';
import { examPath, useExam } from './exam-context.ts';
import { useNestedErrors } from './field-errors.ts';
import { NumberInputField, RadioChoiceField, SwitchInputField } from './form-fields.tsx';
import { HtmlField } from './HtmlField.tsx';
import { itemBody, toForm, withInteraction, type ItemForm } from './item-draft.ts';
import { ItemPreview } from './ItemPreview.tsx';
import { OptionsEditor } from './OptionsEditor.tsx';
import { ScoringSummary } from './ScoringSummary.tsx';

const fieldCodes: FieldErrorCodes = { Conflict: { identifier: 'Another item of this exam has this identifier. Choose another one.' } };
const statusOptions = [
  { id: 'draft', label: 'Draft: being written, never delivered' },
  { id: 'active', label: 'Active: can be put on forms' },
  { id: 'retired', label: 'Retired: no longer delivered' },
];
const scoredOptions = [
  { id: 'scored', label: 'Scored', help: '(counts towards the result)' },
  { id: 'pretest', label: 'Pretest', help: '(delivered unscored, to try the item out)' },
] as const;
const interactionOptions = [
  { id: 'single', label: 'Single response', help: '(one correct option)' },
  { id: 'multiple', label: 'Multiple response', help: '(“choose N”)' },
] as const;
// Server issues shown next to a field; any other issue is listed above the form.
const placed = /^(title|identifier|domain|status|content\.(stem|rationale|maxChoices|options\.\d+\.html))$/;

/** Writes or changes one item, with the candidate's view of it beside the form. `item` is absent for a new one. */
export function ItemEditor({ initial, item, onSaved }: { initial: ItemForm; item?: Item; onSaved: (item: Item, message: string) => void }) {
  const { exam } = useExam();
  const submit = useSubmit();
  const nested = useNestedErrors(submit, undefined, fieldCodes);
  const [form, setForm] = useState<ItemForm>(initial);
  const problemsRef = useRef<HTMLDivElement>(null);
  const problems = useMemo(() => itemContentProblems(form.content), [form.content]);
  const unplaced = nested.issues.filter((issue) => !placed.test(issue.key));

  const domains = exam.domains.map((d) => ({ id: d.code, label: `${d.code} ${d.name}` }));
  if (form.domain && !domains.some((d) => d.id === form.domain)) domains.push({ id: form.domain, label: `${form.domain} (not in the blueprint)` });

  const set = (patch: Partial<ItemForm>) => setForm((previous) => ({ ...previous, ...patch }));
  const setContent = (patch: Partial<ItemContent>) => setForm((previous) => ({ ...previous, content: { ...previous.content, ...patch } }));

  async function onSubmit() {
    if (problems.length > 0) {
      problemsRef.current?.focus();
      return;
    }
    const body = itemBody(form);
    const result = await submit.run(() =>
      item
        ? api(`/admin/items/${encodeURIComponent(item.id)}`, { method: 'PUT', body, schema: ItemResponse })
        : api(`${examPath(exam.code)}/items`, { method: 'POST', body, schema: ItemResponse }),
    );
    if (!result.ok) return;
    const saved = result.value.item;
    // The server cleans the HTML: show what it stored.
    setForm(toForm(saved));
    const message = !item
      ? `Item ${saved.identifier} created.`
      : saved.version > item.version
        ? `Saved as version ${saved.version}. Version ${item.version} was delivered to candidates, so it stays as it was for their results.`
        : `Item saved (version ${saved.version}).`;
    onSaved(saved, message);
  }

  return (
    <div className="editor-layout">
      <div className="editor-form">
        {unplaced.length > 0 ? (
          <Alert tone="error" title="The server refused the item.">
            <ul>{unplaced.map((issue, i) => <li key={i}>{issue.message}</li>)}</ul>
          </Alert>
        ) : (
          <FormError error={submit.error} title="We could not save the item." />
        )}
        <SubmitForm submission={nested} onSubmit={onSubmit}>
          <fieldset className="fieldset">
            <legend>About the item</legend>
            <TextInputField label="Title" name="title" description="For authors and reviewers; candidates never see it." value={form.title} onChange={(title) => set({ title })} maxLength={200} />
            {item ? (
              <p className="field-static"><span className="field-label">Identifier</span> <span className="mono">{item.identifier}</span> · version {item.version}{item.delivered ? ' · delivered to candidates' : ''}</p>
            ) : (
              <TextInputField label="Identifier" name="identifier" optional description={`Stable across versions and QTI packages. Left empty, the next free one (${exam.code}-0001, …) is used.`}
                value={form.identifier} onChange={(identifier) => set({ identifier })} maxLength={64} autoComplete="off" />
            )}
            <SelectField label="Domain" name="domain" options={domains} value={form.domain || null} onChange={(domain) => set({ domain })} placeholder="Choose a domain" />
            <SelectField label="Status" name="status" options={statusOptions} value={form.status} onChange={(status) => set({ status: status as ItemForm['status'] })} />
            <RadioChoiceField label="Counts towards the score" name="scored" options={scoredOptions} value={form.scored ? 'scored' : 'pretest'} onChange={(v) => set({ scored: v === 'scored' })} />
          </fieldset>
          <fieldset className="fieldset">
            <legend>Question</legend>
            <RadioChoiceField label="Response type" name="interaction" options={interactionOptions} value={form.content.interaction}
              onChange={(interaction) => setForm((previous) => ({ ...previous, content: withInteraction(previous.content, interaction) }))} />
            {form.content.interaction === 'multiple' ? (
              <NumberInputField label="Candidates choose" name="content.maxChoices" description={`How many options make a full answer (1 to ${Math.max(1, form.content.options.length - 1)}).`}
                minValue={1} maxValue={Math.max(1, form.content.options.length - 1)} isRequired value={form.content.maxChoices} onChange={(maxChoices) => setContent({ maxChoices })} />
            ) : null}
            <SwitchInputField label="Shuffle options" name="content.shuffle" description="Each candidate gets the options in their own order; options kept in place do not move."
              isSelected={form.content.shuffle} onChange={(shuffle) => setContent({ shuffle })} />
            <HtmlField label="Question (stem)" name="content.stem" rows={6} description="HTML. Use the buttons or type tags such as <p>, <strong>, <code>, <ul>."
              value={form.content.stem} onChange={(stem) => setContent({ stem })} />
          </fieldset>
          <OptionsEditor content={form.content} onChange={(content) => set({ content })} />
          <ScoringSummary content={form.content} />
          <HtmlField label="Rationale" name="content.rationale" optional description="Why the key is right and the other options are wrong. For reviewers; never shown during the exam."
            value={form.content.rationale ?? ''} onChange={(rationale) => setContent({ rationale })} />
          <div ref={problemsRef} tabIndex={-1} className="item-problems">
            {/* Not a live region: it changes as the author types, and announcing every change would drown the typing. */}
            {problems.length > 0 ? (
              <div className="alert alert-warning">
                <p className="alert-title">
                  <span className="alert-tone">To fix:</span> {problems.length === 1 ? 'one thing before saving' : `${problems.length} things before saving`}
                </p>
                <ul className="alert-body">{problems.map((p) => <li key={p}>{p}</li>)}</ul>
              </div>
            ) : (
              <p className="muted">Checks passed: the item is complete.</p>
            )}
          </div>
          <Button type="submit" className="button button-primary" data-pending={submit.pending || undefined}>
            {item ? 'Save item' : 'Create item'}
          </Button>
        </SubmitForm>
      </div>
      <ItemPreview content={form.content} />
    </div>
  );
}
