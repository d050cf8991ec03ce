import { useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { AppointmentResponse, type Appointment } from '../../contracts/booking.ts';
import { CatalogExam } from '../../contracts/catalog.ts';
import { api, ApiError } from '../lib/api.ts';
import { formatDayOf, formatTime, zoneWithOffset } from '../lib/format.ts';
import { useApiData } from '../lib/use-api-data.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { ordinal } from './appointment-text.ts';
import { ChangeDialog } from './ChangeDialog.tsx';
import { localDateOf } from './local-date.ts';
import { SlotPicker, type PickedSlot, type SlotView } from './SlotPicker.tsx';

/** "Reschedule": the same slot picker as booking, then a dialog naming the new time and which free reschedule
 * this is. When the appointment cannot be moved, the server's reason instead. */
export function RescheduleSection({
  appointment,
  timeZone,
  onChanged,
}: {
  appointment: Appointment;
  timeZone: string;
  onChanged: (appointment: Appointment, message: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [view, setView] = useState<SlotView>(() => ({ date: localDateOf(appointment.startsAt, timeZone), timeZone, language: appointment.language }));
  const [picked, setPicked] = useState<PickedSlot | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const submit = useSubmit();
  const heading = useRef<HTMLHeadingElement>(null);
  const exam = useApiData(open ? `/exams/${encodeURIComponent(appointment.examCode)}` : null, CatalogExam);

  useEffect(() => {
    if (open) heading.current?.focus();
  }, [open]);

  if (!appointment.canReschedule) {
    return (
      <section className="card" aria-labelledby="reschedule-heading">
        <h2 id="reschedule-heading">Reschedule</h2>
        <p>{appointment.changeRefusal ?? 'This appointment cannot be moved.'}</p>
      </section>
    );
  }

  const number = appointment.rescheduleCount + 1;
  const total = appointment.rescheduleCount + appointment.reschedulesLeft;
  // After a failed system test close to the exam: one extra move, free, past the cutoff, not counted.
  const rescue = appointment.rescheduleViaSystemTest;
  const rescueText = 'Your system test failed, so you may move this appointment once, free of charge, even though the usual change deadline has passed. It does not count as one of your reschedules.';

  async function confirm() {
    if (!picked) return;
    const result = await submit.run(async () => {
      try {
        return await api(`/appointments/${appointment.id}/reschedule`, {
          method: 'POST',
          body: { startsAt: picked.slot.startsAt, language: picked.language },
          schema: AppointmentResponse,
        });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'SlotUnavailable') setRefreshKey((k) => k + 1);
        throw error;
      }
    });
    if (!result.ok) return;
    setPicked(null);
    setOpen(false);
    const moved = result.value.appointment;
    onChanged(moved, `Your exam is moved to ${formatDayOf(moved.startsAt, timeZone)} at ${formatTime(moved.startsAt, timeZone)}.`);
  }

  return (
    <section className={`card ${open ? 'reschedule-open' : ''}`} aria-labelledby="reschedule-heading">
      <h2 id="reschedule-heading" ref={heading} tabIndex={-1}>{open ? 'Choose a new time' : 'Reschedule'}</h2>
      {open ? (
        <>
          <p>
            {rescue ? rescueText : `Moving is free until the change cutoff. This will be your ${ordinal(number)} of ${total} free reschedules.`}
          </p>
          {exam.data ? (
            <SlotPicker
              examCode={appointment.examCode}
              languages={exam.data.exam.languages}
              view={view}
              onViewChange={setView}
              onPick={(pick) => setPicked(pick)}
              pendingStartsAt={submit.pending ? (picked?.slot.startsAt ?? null) : null}
              ignoredRefusals={['ActiveAppointment']}
              rescheduling={{ id: appointment.id, startsAt: appointment.startsAt }}
              headingLevel={3}
              refreshKey={refreshKey}
            />
          ) : null}
          <p>
            <Button className="button" onPress={() => setOpen(false)}>Keep the current time</Button>
          </p>
        </>
      ) : (
        <>
          <p>
            {rescue
              ? rescueText
              : `You can move this appointment ${appointment.reschedulesLeft === 1 ? 'once more' : `${appointment.reschedulesLeft} more times`} for free before the change cutoff.`}
          </p>
          <Button className="button" onPress={() => setOpen(true)}>Reschedule</Button>
        </>
      )}
      <ChangeDialog
        isOpen={picked !== null}
        onClose={() => setPicked(null)}
        title="Move your exam?"
        keepLabel="Go back"
        confirmLabel="Move my exam"
        pending={submit.pending}
        error={submit.error}
        onConfirm={() => void confirm()}
      >
        {picked ? (
          <>
            <p>
              New time: <strong>{formatDayOf(picked.slot.startsAt, picked.timeZone)} at {formatTime(picked.slot.startsAt, picked.timeZone)}</strong>,{' '}
              {zoneWithOffset(picked.timeZone, new Date(picked.slot.startsAt))}.
            </p>
            {rescue ? (
              <p>This is the free move your failed system test allows; it can be used only once.</p>
            ) : (
              <p>
                This is your {ordinal(number)} of {total} free reschedules
                {appointment.reschedulesLeft - 1 === 0 ? '; after it, this appointment cannot be moved again.' : `; ${appointment.reschedulesLeft - 1} will be left.`}
              </p>
            )}
          </>
        ) : null}
      </ChangeDialog>
    </section>
  );
}
