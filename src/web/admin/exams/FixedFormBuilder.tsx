import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { z } from 'zod';
import { AssembledForm, FixedFormResponse, type BlueprintStatus } from '../../../contracts/catalog.ts';
import { api } from '../../lib/api.ts';
import type { ApiData } from '../../lib/use-api-data.ts';
import { useSubmit, type FieldErrorCodes } from '../../lib/use-submit.ts';
import { Alert, LiveMessage } from '../../ui/Alert.tsx';
import { TextInputField } from '../../ui/FormField.tsx';
import { SubmitForm } from '../../ui/SubmitForm.tsx';
import { examPath, useExam } from './exam-context.ts';
import { countRows, groupItems, progressOf, summaryText, type ChosenItem } from './fixed-form-counts.ts';
import { FixedFormCounts } from './FixedFormCounts.tsx';
import { FixedFormItemSearch } from './FixedFormItemSearch.tsx';
import { FixedFormSaveError, RandomFormError } from './FixedFormErrors.tsx';

const fieldCodes: FieldErrorCodes = { Conflict: { name: 'A form with this name already exists. Choose another name.' } };
const nameRule = (value: string) => (value.trim() === '' ? 'Enter a name for the form.' : null);
const randomSeed = () => `form-${Math.random().toString(36).slice(2, 8)}`;

/** Builds a fixed form item by item: optionally starting from a random form, with running counts against the
 * blueprint; the server checks the form again when it is saved. */
export function FixedFormBuilder({ status, onCreated }: { status: ApiData<z.infer<typeof BlueprintStatus>>; onCreated: () => void }) {
  const { exam } = useExam();
  const submit = useSubmit(fieldCodes);
  const random = useSubmit();
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<ChosenItem[]>([]);
  const [saved, setSaved] = useState<{ name: string; count: number } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  // The latest list, for additions that arrive after an await (typing an identifier looks it up first).
  const latest = useRef<ChosenItem[]>(chosen);
  const listRef = useRef<HTMLDivElement>(null);
  const listHeadingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLParagraphElement>(null);

  const chosenSet = useMemo(() => new Set(chosen.map((item) => item.identifier)), [chosen]);
  const rows = status.data ? countRows(chosen, status.data) : null;
  const ready = rows ? rows.every((row) => row.chosen === row.needed) : true;
  const groups = groupItems(chosen, exam);
  const domainNames = new Map(exam.domains.map((d) => [d.code, d.name]));

  // After a removal, focus goes to the next item's Remove button (or the list's heading when none is left).
  useEffect(() => {
    if (focusTarget === null) return;
    const button = [...(listRef.current?.querySelectorAll<HTMLElement>('[data-identifier]') ?? [])]
      .find((li) => li.dataset.identifier === focusTarget)?.querySelector('button');
    (button ?? listHeadingRef.current)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  function change(next: ChosenItem[]) {
    latest.current = next;
    setChosen(next);
    setSaved(null);
  }

  /** Adds an item at the end; false when it is in the form already. */
  function add(item: ChosenItem): boolean {
    if (latest.current.some((i) => i.identifier === item.identifier)) return false;
    const next = [...latest.current, item];
    change(next);
    setAnnouncement(`Added ${item.identifier}. ${progressOf(item, status.data ? countRows(next, status.data) : null, next.length)}`);
    return true;
  }

  function remove(identifier: string, moveFocus: boolean) {
    const item = latest.current.find((i) => i.identifier === identifier);
    if (!item) return;
    const next = latest.current.filter((i) => i.identifier !== identifier);
    if (moveFocus) {
      const shown = groups.flatMap((g) => g.items);
      const index = shown.indexOf(item);
      setFocusTarget((shown[index + 1] ?? shown[index - 1])?.identifier ?? '');
    }
    change(next);
    setAnnouncement(`Removed ${identifier}. ${progressOf(item, status.data ? countRows(next, status.data) : null, next.length)}`);
  }

  async function startRandom() {
    setConfirming(false);
    const seed = randomSeed();
    const result = await random.run(() => api(`${examPath(exam.code)}/form-preview`, { method: 'POST', body: { seed }, schema: AssembledForm }));
    if (!result.ok) return;
    const items = result.value.items.map(({ identifier, domain, scored }) => ({ identifier, domain, scored }));
    change(items);
    const pretest = items.filter((i) => !i.scored).length;
    setAnnouncement(`Filled with the random form for seed “${seed}”: ${items.length} items, ${pretest} of them pretest. Remove or add items to adjust it.`);
  }

  async function onSubmit() {
    if (chosen.length === 0 || !ready) {
      summaryRef.current?.focus();
      return;
    }
    const body = { name: name.trim(), itemIdentifiers: chosen.map((item) => item.identifier) };
    const result = await submit.run(() => api(`${examPath(exam.code)}/forms`, { method: 'POST', body, schema: FixedFormResponse }));
    if (!result.ok) return;
    setSaved({ name: result.value.form.name, count: result.value.form.itemIdentifiers.length });
    setName('');
    latest.current = [];
    setChosen([]);
    setAnnouncement('');
    onCreated();
  }

  const summary = summaryText(rows, chosen.length);
  const good = chosen.length > 0 && rows !== null && ready;

  return (
    <section className="card fixed-form-builder" aria-labelledby="new-form-heading">
      <h2 id="new-form-heading">New fixed form</h2>
      <p>
        Give the form a name and choose its items: exactly as many scored items per domain as the blueprint needs, plus
        the pretest items. Only active items of {exam.code} can be used.
      </p>
      {saved ? (
        <Alert tone="success" title={`Fixed form “${saved.name}” saved with ${saved.count} items.`}>
          <p>It is listed under Fixed forms above. You can build another one here.</p>
        </Alert>
      ) : null}
      <SubmitForm submission={submit} onSubmit={onSubmit}>
        <TextInputField label="Name" name="name" className="fixed-form-name" description="For example “Form A”. Each form of the exam needs its own name."
          value={name} onChange={(text) => { setName(text); setSaved(null); }} maxLength={100} validate={nameRule} autoComplete="off" />

        <div>
          <h3 id="form-items-heading">Items against the blueprint</h3>
          <p ref={summaryRef} tabIndex={-1} className={`blueprint-total ${good ? 'total-ok' : 'total-bad'}`}>
            <span className="total-mark" aria-hidden="true">{good ? '✓' : '!'}</span> {summary}
          </p>
          <FixedFormCounts status={status} rows={rows} />
          <div className="actions">
            <Button className="button" data-pending={random.pending || undefined} onPress={() => (chosen.length > 0 ? setConfirming(true) : void startRandom())}>
              Start from a random form
            </Button>
          </div>
          <RandomFormError error={random.error} domainNames={domainNames} />
          <LiveMessage>{announcement}</LiveMessage>
        </div>

        <div>
          <h3 id="add-items-heading">Add items</h3>
          <FixedFormItemSearch chosen={chosenSet} onAdd={add} onRemove={(identifier) => remove(identifier, false)} />
        </div>

        <div ref={listRef}>
          <h3 id="chosen-items-heading" ref={listHeadingRef} tabIndex={-1}>
            Items in the form <span className="muted">({chosen.length})</span>
          </h3>
          {groups.length === 0 ? <p className="empty-state">No items yet.</p> : null}
          {groups.map((group) => (
            <div key={group.key}>
              <h4 className="form-preview-domain">{group.label} <span className="muted">({group.items.length})</span></h4>
              <ol className="chosen-items">
                {group.items.map((item) => (
                  <li key={item.identifier} className="chosen-item" data-identifier={item.identifier}>
                    <span className="mono">{item.identifier}</span>
                    <Button className="button button-small" aria-label={`Remove ${item.identifier}`} onPress={() => remove(item.identifier, true)}>Remove</Button>
                  </li>
                ))}
              </ol>
            </div>
          ))}
        </div>

        <FixedFormSaveError error={submit.error} domainNames={domainNames} />
        <div className="actions form-actions">
          <Button type="submit" className="button button-primary" data-pending={submit.pending || undefined}>Save fixed form</Button>
        </div>
      </SubmitForm>

      <ModalOverlay className="modal-overlay" isDismissable isOpen={confirming} onOpenChange={setConfirming}>
        <Modal className="modal">
          <Dialog className="dialog" role="alertdialog">
            <Heading slot="title" level={2} className="dialog-title">Replace the chosen items?</Heading>
            <p>The {chosen.length} items chosen so far are replaced by a random form assembled from the blueprint.</p>
            <div className="dialog-actions">
              <Button className="button" onPress={() => setConfirming(false)} autoFocus>Keep my items</Button>
              <Button className="button button-primary" onPress={() => void startRandom()}>Replace them</Button>
            </div>
          </Dialog>
        </Modal>
      </ModalOverlay>
    </section>
  );
}
