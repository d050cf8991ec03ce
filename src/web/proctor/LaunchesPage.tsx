import { Button } from 'react-aria-components';
import { StaffAppointmentList, StaffAppointment } from '../../contracts/delivery.ts';
import type { z } from 'zod';
import { api, messageOf } from '../lib/api.ts';
import { formatDateTime, timeZoneLabel } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import { useApiData } from '../lib/use-api-data.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { Alert } from '../ui/Alert.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
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

/** One appointment's launch control: authorise it, or say what happened since. */
function LaunchCell({ row, onDone }: { row: Row; onDone: () => void }) {
  const submit = useSubmit();
  if (row.attemptStatus) return <>{attemptText[row.attemptStatus] ?? row.attemptStatus}</>;
  if (row.launchAuthorisedAt) return <>Authorised; waiting for the candidate to start</>;
  if (row.status !== 'booked') return <>—</>;
  return (
    <>
      <Button
        className="button"
        data-pending={submit.pending || undefined}
        onPress={async () => {
          const result = await submit.run(() => api(`/appointments/${row.id}/launch-authorisation`, { method: 'POST' }));
          if (result.ok) onDone();
        }}
      >
        Authorise launch<span className="visually-hidden"> for {row.candidateName}, {row.examCode}</span>
      </Button>
      {submit.error ? <p className="field-error" role="alert">{messageOf(submit.error)}</p> : null}
    </>
  );
}

/**
 * `/proctor/launches`: appointments from four hours ago to a day ahead. Until check-in exists, a proctor authorises
 * each exam launch here after checking the candidate; the candidate can then start the exam from the appointment.
 */
export function LaunchesPage() {
  const { user } = useSession();
  const zone = user?.timeZone ?? 'UTC';
  const data = useApiData('/staff/appointments', StaffAppointmentList);
  return (
    <section className="page">
      <PageTitle>Exam launches</PageTitle>
      <p>
        Appointments from four hours ago to a day ahead, in your time zone, <strong>{timeZoneLabel(zone)}</strong>. A candidate
        can start their exam once their check-in is complete (a greeter approved it and, where the exam asks for one, the room
        scan is recorded). Authorise a launch here only when check-in cannot be completed the usual way.
      </p>
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
                <td><LaunchCell row={row} onDone={data.reload} /></td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </section>
  );
}
