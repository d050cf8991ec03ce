import { useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import type { z } from 'zod';
import type { Proctor, ShiftException, ShiftRule } from '../../contracts/scheduling.ts';
import { api, messageOf } from '../lib/api.ts';
import { timeZoneLabel } from '../lib/format.ts';
import { Alert } from '../ui/Alert.tsx';
import { ShiftExceptionForm } from './ShiftExceptionForm.tsx';
import { ShiftExceptionsTable } from './ShiftExceptionsTable.tsx';
import { ShiftRuleForm } from './ShiftRuleForm.tsx';
import { ShiftRulesTable } from './ShiftRulesTable.tsx';

type ProctorRow = z.infer<typeof Proctor>;
type Editor = { kind: 'rule'; rule?: ShiftRule } | { kind: 'exception' } | null;

/** One proctor's staffing in a program: weekly shifts and exceptions, each added, changed or deleted in place. */
export function ProctorShiftsCard({
  proctor,
  programId,
  rules,
  exceptions,
  zone,
  onChanged,
}: {
  proctor: ProctorRow;
  programId: string;
  rules: ShiftRule[];
  exceptions: ShiftException[];
  /** The admin's zone, for exception times. */
  zone: string;
  onChanged: () => void;
}) {
  const [editor, setEditor] = useState<Editor>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  // Forms and deleted rows take their focused control with them; focus returns to the proctor's heading.
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = `proctor-${proctor.id}`;

  function finish(text: string | null) {
    setEditor(null);
    setOutcome(text ? { ok: true, text } : null);
    if (text) onChanged();
    headingRef.current?.focus();
  }

  async function remove(path: string, id: string, done: string) {
    setDeleting(id);
    setOutcome(null);
    try {
      await api(path, { method: 'DELETE' });
      finish(done);
    } catch (error) {
      setOutcome({ ok: false, text: messageOf(error) });
      headingRef.current?.focus();
    } finally {
      setDeleting(null);
    }
  }

  return (
    <section className="card proctor-card" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>{proctor.name}</h2>
      <p className="muted">
        {proctor.email} · time zone {timeZoneLabel(proctor.timeZone)}
      </p>
      {outcome ? (
        <Alert tone={outcome.ok ? 'success' : 'error'} title={outcome.ok ? outcome.text : 'That was refused.'}>
          {outcome.ok ? null : <p>{outcome.text}</p>}
        </Alert>
      ) : null}

      <h3>Weekly shifts</h3>
      <ShiftRulesTable
        proctorName={proctor.name}
        rules={rules}
        deleting={deleting}
        onEdit={(rule) => { setOutcome(null); setEditor({ kind: 'rule', rule }); }}
        onDelete={(rule) => remove(`/admin/shift-rules/${encodeURIComponent(rule.id)}`, rule.id, 'The weekly shift was deleted.')}
      />
      {editor?.kind === 'rule' ? (
        <ShiftRuleForm
          key={editor.rule?.id ?? 'new'}
          proctor={proctor}
          programId={programId}
          rule={editor.rule}
          onSaved={() => finish(editor.rule ? 'The weekly shift was changed.' : 'The weekly shift was added.')}
          onCancel={() => finish(null)}
        />
      ) : editor === null ? (
        <Button className="button" onPress={() => { setOutcome(null); setEditor({ kind: 'rule' }); }} aria-label={`Add a weekly shift for ${proctor.name}`}>
          Add a weekly shift
        </Button>
      ) : null}

      <h3>Time off and extra shifts</h3>
      <ShiftExceptionsTable
        proctorName={proctor.name}
        exceptions={exceptions}
        zone={zone}
        deleting={deleting}
        onDelete={(exception) =>
          remove(`/admin/shift-exceptions/${encodeURIComponent(exception.id)}`, exception.id, exception.kind === 'cancel' ? 'The time off was deleted.' : 'The extra shift was deleted.')
        }
      />
      {editor?.kind === 'exception' ? (
        <ShiftExceptionForm
          proctor={proctor}
          programId={programId}
          zone={zone}
          onSaved={(exception) => finish(exception.kind === 'cancel' ? 'The time off was added.' : 'The extra shift was added.')}
          onCancel={() => finish(null)}
        />
      ) : editor === null ? (
        <Button className="button" onPress={() => { setOutcome(null); setEditor({ kind: 'exception' }); }} aria-label={`Add time off or an extra shift for ${proctor.name}`}>
          Add time off or an extra shift
        </Button>
      ) : null}
    </section>
  );
}
