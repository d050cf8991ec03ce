import { useEffect, useId, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { ProgramResponse } from '../../../contracts/catalog.ts';
import { api } from '../../lib/api.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import { Alert } from '../../ui/Alert.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { SubmitForm } from '../../ui/SubmitForm.tsx';
import { ProgramFields } from './ProgramFields.tsx';
import { bodyOf, valuesOf, webHref, type ProgramData } from './program-values.ts';

/** One program: its details, and an "Edit" button that swaps them for a form in place. */
export function ProgramCard({ program, onSaved }: { program: ProgramData; onSaved: () => void }) {
  const headingId = useId();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<ProgramData | null>(null);
  const [justSaved, setJustSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  // Show the server's answer to our save until the reloaded list brings this program again.
  const [listed, setListed] = useState(program);
  if (listed !== program) {
    setListed(program);
    setSaved(null);
  }
  const shown = saved ?? program;

  // The form disappears on save or cancel: put focus back on the button that opened it, not on the page.
  useEffect(() => {
    if (editing || !returnFocus.current) return;
    returnFocus.current = false;
    editButton.current?.focus();
  }, [editing]);

  function close() {
    returnFocus.current = true;
    setEditing(false);
  }

  return (
    <section className="card program-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{shown.name}</h2>
      {editing ? (
        <ProgramEditForm
          program={shown}
          onCancel={close}
          onSaved={(program) => {
            setSaved(program);
            setJustSaved(true);
            close();
            onSaved();
          }}
        />
      ) : (
        <>
          {justSaved ? <Alert tone="success" title="The program is saved." /> : null}
          <ProgramSummary program={shown} />
          <Button
            ref={editButton}
            className="button"
            aria-label={`Edit ${shown.name}`}
            onPress={() => {
              setJustSaved(false);
              setEditing(true);
            }}
          >
            Edit
          </Button>
        </>
      )}
    </section>
  );
}

function ProgramSummary({ program }: { program: ProgramData }) {
  return (
    <dl className="summary program-summary">
      <div>
        <dt>Contact email</dt>
        <dd>{program.contactEmail ? <a href={`mailto:${program.contactEmail}`}>{program.contactEmail}</a> : <NotSet />}</dd>
      </div>
      <div>
        <dt>Website</dt>
        <dd><WebLink url={program.website} /></dd>
      </div>
      <div>
        <dt>Issuer name</dt>
        <dd>{program.issuerName}</dd>
      </div>
      <div>
        <dt>Issuer web address</dt>
        <dd><WebLink url={program.issuerUrl} /></dd>
      </div>
    </dl>
  );
}

function WebLink({ url }: { url: string | null }) {
  if (!url) return <NotSet />;
  const href = webHref(url);
  return href ? <a href={href}>{url}</a> : <>{url}</>;
}

function NotSet() {
  return <span className="muted">Not set</span>;
}

function ProgramEditForm({
  program,
  onCancel,
  onSaved,
}: {
  program: ProgramData;
  onCancel: () => void;
  onSaved: (program: ProgramData) => void;
}) {
  const submit = useSubmit();
  const [values, setValues] = useState(() => valuesOf(program));

  async function onSubmit() {
    const result = await submit.run(() =>
      api(`/admin/programs/${encodeURIComponent(program.id)}`, { method: 'PATCH', body: bodyOf(values), schema: ProgramResponse }),
    );
    if (result.ok) onSaved(result.value.program);
  }

  return (
    <>
      <FormError error={submit.error} title="We could not save the program." />
      <SubmitForm submission={submit} onSubmit={onSubmit}>
        <ProgramFields values={values} onChange={(patch) => setValues((previous) => ({ ...previous, ...patch }))} autoFocus />
        <div className="actions">
          <Button type="submit" className="button button-primary" data-pending={submit.pending || undefined}>
            Save changes
          </Button>
          <Button className="button" onPress={onCancel}>
            Cancel
          </Button>
        </div>
      </SubmitForm>
    </>
  );
}
