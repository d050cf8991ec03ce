import { useState } from 'react';
import { Button } from 'react-aria-components';
import { z } from 'zod';
import { AssembledForm } from '../../../contracts/catalog.ts';
import { api, ApiError } from '../../lib/api.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import { Alert, LiveMessage } from '../../ui/Alert.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { TextInputField } from '../../ui/FormField.tsx';
import { SubmitForm } from '../../ui/SubmitForm.tsx';
import { examPath, useExam } from './exam-context.ts';

const Shortfalls = z.object({ shortfalls: z.array(z.object({ domain: z.string(), needed: z.number(), available: z.number() })) });

/** Assembles one random form the way a candidate would get it (same seed, same form) and lists its items by domain. */
export function FormPreview() {
  const { exam } = useExam();
  const submit = useSubmit();
  const [seed, setSeed] = useState('preview-1');
  const [form, setForm] = useState<z.infer<typeof AssembledForm> | null>(null);

  async function onSubmit() {
    setForm(null);
    const result = await submit.run(() => api(`${examPath(exam.code)}/form-preview`, { method: 'POST', body: { seed }, schema: AssembledForm }));
    if (result.ok) setForm(result.value);
  }

  const shortfalls = submit.error instanceof ApiError && submit.error.code === 'Conflict' ? Shortfalls.safeParse(submit.error.details) : null;
  const names = new Map(exam.domains.map((d) => [d.code, d.name]));
  const groups = form ? groupByDomain(form.items) : [];

  return (
    <section className="card" aria-labelledby="preview-form-heading">
      <h2 id="preview-form-heading">Preview a random form</h2>
      <p>The same seed always gives the same form, so you can share what you looked at. Change the seed for another form.</p>
      {shortfalls?.success ? (
        <Alert tone="error" title="No form can be assembled yet.">
          <ul>
            {shortfalls.data.shortfalls.map((s) => (
              <li key={s.domain}>{names.get(s.domain) ?? s.domain}: needs {s.needed}, only {s.available} active.</li>
            ))}
          </ul>
        </Alert>
      ) : (
        <FormError error={submit.error} title="We could not assemble a form." />
      )}
      <SubmitForm submission={submit} onSubmit={onSubmit}>
        <div className="inline-form">
          <TextInputField label="Seed" name="seed" value={seed} onChange={setSeed} maxLength={100} />
          <Button type="submit" className="button" data-pending={submit.pending || undefined}>Preview a random form</Button>
        </div>
      </SubmitForm>
      <LiveMessage>
        {form ? `Form for seed “${form.seed}”: ${form.items.length} items, ${form.items.filter((i) => !i.scored).length} of them pretest.` : ''}
      </LiveMessage>
      {form ? (
        <div className="form-preview">
          <p className="muted">Listed by domain, in the order the candidate meets them within the form.</p>
          {groups.map(([domain, items]) => (
            <div key={domain}>
              <h3 className="form-preview-domain">{names.get(domain) ?? domain} <span className="muted">({items.length} items)</span></h3>
              <ol className="form-preview-items">
                {items.map((item) => (
                  <li key={item.identifier}>
                    <span className="mono">{item.identifier}</span>
                    {item.scored ? null : <span className="tag">pretest</span>}
                    <span className="muted"> · options shown as {item.optionOrder.join(', ')}</span>
                  </li>
                ))}
              </ol>
            </div>
          ))}
        </div>
      ) : null}
    </section>
  );
}

function groupByDomain<T extends { domain: string }>(items: readonly T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.domain, [...(groups.get(item.domain) ?? []), item]);
  return [...groups];
}
