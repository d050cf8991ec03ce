import { useEffect, useRef, useState } from 'react';
import { StaffAppointmentList, StaffAppointment } from '../../contracts/delivery.ts';
import type { z } from 'zod';
import { messageOf } from '../lib/api.ts';
import { formatDateTime, timeZoneLabel } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import { useApiData } from '../lib/use-api-data.ts';
import { Alert } from '../ui/Alert.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { ApproveExceptionButton, ExceptionSummary, RequestExceptionDialog } from './LaunchException.tsx';
import { RoomScanDialog } from './RoomScanDialog.tsx';

type Row = z.infer<typeof StaffAppointment>;

const attemptText: Record<string, string> = {
  authorised: 'Opened, not started', in_progress: 'In progress', paused: 'Paused', submitted: 'Submitted', expired: 'Time ran out', terminated: 'Ended by staff',
};

/** The candidate's newest system test for this appointment: counts / expires first / failed (what) / not run. */
function SystemTestCell({ test, zone }: { test: Row['systemTest']; zone: string | undefined }) {
  if (!test) return <span className="muted">Not run</span>;
  const when = formatDateTime(test.createdAt, zone);
  if (test.countsForExam) return <>Passed {when}{test.problems.length ? <><br /><span className="muted">{test.problems.length} {test.problems.length === 1 ? 'warning' : 'warnings'}</span></> : null}</>;
  if (test.passed) return <>Passed {when}, <strong>expires before the exam</strong></>;
  return (
    <>
      <strong>Failed</strong> {when}
      <ul className="compact-list">
        {test.problems.filter((p) => p.status === 'fail').map((p) => <li key={p.id}>{p.detail}</li>)}
      </ul>
    </>
  );
}

/**
 * One appointment's launch: what happened (attempt, authorisation, with the exception behind it), or, while check-in
 * is open, "Request an exception" / "Approve exception" (only for a request someone else made).
 */
function LaunchCell({ row, userId, zone, onDone }: { row: Row; userId: string | undefined; zone: string; onDone: (message: string) => void }) {
  const exception = row.launchException;
  const summary = exception ? <ExceptionSummary exception={exception} zone={zone} /> : null;
  if (row.attemptStatus) return <>{attemptText[row.attemptStatus] ?? row.attemptStatus}{exception?.approvedAt ? summary : null}</>;
  if (row.launchAuthorisedAt) return <>Authorised; waiting for the candidate to start{exception?.approvedAt ? summary : null}</>;
  if (row.status !== 'booked') return <>—</>;
  // The server decides; the browser's clock only chooses what to offer.
  const now = Date.now();
  const open = now >= Date.parse(row.checkInOpensAt) && now < Date.parse(row.checkInClosesAt);
  const pending = exception && !exception.approvedAt ? exception : null;
  if (!open) {
    return (
      <>
        {now < Date.parse(row.checkInOpensAt) ? <>Exceptions can be made from {formatDateTime(row.checkInOpensAt, zone)}, while check-in is open</> : <>Check-in has closed</>}
        {pending ? summary : null}
      </>
    );
  }
  if (!pending) return <RequestExceptionDialog row={row} onDone={onDone} />;
  return (
    <>
      <strong>Exception waiting for approval</strong>
      {summary}
      {pending.requestedBy.id === userId
        ? <p>A second staff member must approve it.</p>
        : <ApproveExceptionButton row={row} exception={pending} onDone={onDone} />}
    </>
  );
}

/**
 * `/proctor/launches`: appointments from four hours ago to a day ahead. An approved check-in authorises the launch;
 * when the usual check-in cannot be done, one staff member requests an exception here and another approves it.
 */
export function LaunchesPage() {
  const { user } = useSession();
  const zone = user?.timeZone ?? 'UTC';
  const data = useApiData('/staff/appointments', StaffAppointmentList);
  const [outcome, setOutcome] = useState<string | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const focusOutcome = useRef(false);

  // The pressed control is gone after the reload (a request now waits, or the launch is authorised), so focus goes
  // to the outcome once the new list is in.
  useEffect(() => {
    if (!focusOutcome.current || !data.data) return;
    focusOutcome.current = false;
    outcomeRef.current?.focus();
  }, [data.data]);

  function done(message: string) {
    setOutcome(message);
    focusOutcome.current = true;
    data.reload();
  }
  return (
    <section className="page">
      <PageTitle>Exam launches</PageTitle>
      <p>
        Appointments from four hours ago to a day ahead, in your time zone, <strong>{timeZoneLabel(zone)}</strong>. A candidate
        can start their exam once their check-in is complete (a greeter approved it and, where the exam asks for one, the room
        scan is recorded). Only when check-in cannot be completed the usual way, request an exception with its reason while
        check-in is open; a second staff member approves it, and only then can the candidate start.
      </p>
      <div ref={outcomeRef} tabIndex={-1}>{outcome ? <Alert tone="success" title={outcome} /> : null}</div>
      {data.error ? (
        <Alert tone="error" title="We could not load the appointments."><p>{messageOf(data.error)}</p></Alert>
      ) : !data.data ? (
        <Loading what="Loading appointments" />
      ) : data.data.appointments.length === 0 ? (
        <p className="empty-state">No appointments in this window.</p>
      ) : (
        <DataTable caption="Appointments around now">
          <thead>
            <tr>
              <th scope="col">Starts</th>
              <th scope="col">Candidate</th>
              <th scope="col">Exam</th>
              <th scope="col">Check-in window</th>
              <th scope="col">System test and room scan</th>
              <th scope="col">Launch</th>
            </tr>
          </thead>
          <tbody>
            {data.data.appointments.map((row) => (
              <tr key={row.id}>
                <td>{formatDateTime(row.startsAt, zone)}</td>
                <td>{row.candidateName}<br /><span className="muted">{row.candidateEmail}</span></td>
                <td><span className="exam-code">{row.examCode}</span> {row.examTitle}</td>
                <td>{formatDateTime(row.checkInOpensAt, zone)} – {formatDateTime(row.checkInClosesAt, zone)}</td>
                <td>
                  <SystemTestCell test={row.systemTest} zone={zone} />
                  {row.checkIn && row.checkIn.roomScanTakes > 0 ? (
                    <p><RoomScanDialog checkInId={row.checkIn.id} candidateName={row.candidateName} takes={row.checkIn.roomScanTakes} zone={zone} /></p>
                  ) : null}
                </td>
                <td><LaunchCell row={row} userId={user?.id} zone={zone} onDone={done} /></td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </section>
  );
}
