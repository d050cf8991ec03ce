import { useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { Domain, ExamResponse } from '../../../contracts/catalog.ts';
import { api } from '../../lib/api.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import { validateWith } from '../../lib/validate.ts';
import { Alert, LiveMessage } from '../../ui/Alert.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { TextInputField } from '../../ui/FormField.tsx';
import { SubmitForm } from '../../ui/SubmitForm.tsx';
import { examPath, useExam } from './exam-context.ts';
import { useNestedErrors } from './field-errors.ts';
import { NumberInputField } from './form-fields.tsx';

interface Row { key: number; code: string; name: string; weight: number }

/** Edits the blueprint's domains and weights, with a running total that must reach 100 before saving. */
export function BlueprintEditor({ onSaved }: { onSaved: () => void }) {
  const { exam, reload } = useExam();
  const submit = useSubmit();
  const nested = useNestedErrors(submit);
  const nextKey = useRef(exam.domains.length);
  const [rows, setRows] = useState<Row[]>(() => exam.domains.map((d, i) => ({ key: i, ...d })));
  const [saved, setSaved] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const totalRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (focusRow === null) return;
    listRef.current?.querySelector<HTMLInputElement>(`[data-row="${focusRow}"] input`)?.focus();
    setFocusRow(null);
  }, [focusRow]);

  const total = rows.reduce((sum, row) => sum + (Number.isNaN(row.weight) ? 0 : row.weight), 0);
  const totalText = total === 100 ? 'Total: 100%. The weights add up.' : `Total: ${total}%. ${total < 100 ? `Add ${100 - total} more` : `Remove ${total - 100}`} to reach 100%.`;

  function update(key: number, patch: Partial<Row>) {
    setSaved(false);
    setRows((previous) => previous.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  }

  function add() {
    const key = nextKey.current++;
    setRows((previous) => [...previous, { key, code: `D${previous.length + 1}`, name: '', weight: Math.max(1, 100 - total) }]);
    setFocusRow(key);
    setSaved(false);
  }

  function remove(row: Row, index: number) {
    setRows((previous) => previous.filter((r) => r.key !== row.key));
    setAnnouncement(`Domain ${row.name || row.code} removed.`);
    const neighbour = rows[index + 1] ?? rows[index - 1];
    if (neighbour) setFocusRow(neighbour.key);
    else addRef.current?.focus();
    setSaved(false);
  }

  async function onSubmit() {
    if (total !== 100) {
      totalRef.current?.focus();
      return;
    }
    const body = { domains: rows.map(({ code, name, weight }) => ({ code: code.trim(), name: name.trim(), weight })) };
    const result = await submit.run(() => api(`${examPath(exam.code)}/blueprint`, { method: 'PUT', body, schema: ExamResponse }));
    if (!result.ok) return;
    setSaved(true);
    reload();
    onSaved();
  }

  return (
    <section className="card" aria-labelledby="domains-heading">
      <h2 id="domains-heading">Domains and weights</h2>
      <p>Each domain's weight is its share of the {exam.scoredItemCount} scored questions. Items belong to a domain by its code.</p>
      {saved ? <Alert tone="success" title="The blueprint is saved." /> : null}
      <FormError error={submit.error} title="We could not save the blueprint." />
      <SubmitForm submission={nested} onSubmit={onSubmit}>
        {rows.length === 0 ? <p className="empty-state">No domains yet. Add the first one.</p> : null}
        <ol className="domain-rows" ref={listRef}>
          {rows.map((row, index) => (
            <li key={row.key} className="domain-row" data-row={row.key}>
              <TextInputField label={`Domain ${index + 1} code`} name={`domains.${index}.code`} className="domain-code" value={row.code}
                onChange={(code) => update(row.key, { code })} maxLength={16} validate={validateWith(Domain.shape.code)} />
              <TextInputField label={`Domain ${index + 1} name`} name={`domains.${index}.name`} className="domain-name" value={row.name}
                onChange={(name) => update(row.key, { name })} maxLength={200} />
              <NumberInputField label="Weight (%)" name={`domains.${index}.weight`} className="domain-weight" minValue={1} maxValue={100} isRequired
                value={row.weight} onChange={(weight) => update(row.key, { weight })} />
              <Button className="button button-small button-danger domain-remove" onPress={() => remove(row, index)}
                aria-label={`Remove domain ${index + 1}${row.name ? `, ${row.name}` : ''}`}>
                Remove
              </Button>
            </li>
          ))}
        </ol>
        <p ref={totalRef} tabIndex={-1} className={`blueprint-total ${total === 100 ? 'total-ok' : 'total-bad'}`} role="status">
          <span className="total-mark" aria-hidden="true">{total === 100 ? '✓' : '!'}</span> {totalText}
        </p>
        <LiveMessage>{announcement}</LiveMessage>
        <div className="actions form-actions">
          <Button ref={addRef} className="button" onPress={add} isDisabled={rows.length >= 20}>Add a domain</Button>
          <Button type="submit" className="button button-primary" data-pending={submit.pending || undefined}>Save blueprint</Button>
        </div>
        {total !== 100 && rows.length > 0 ? <p className="muted">The blueprint can be saved once the weights add up to 100%.</p> : null}
      </SubmitForm>
    </section>
  );
}
