import { useEffect, useMemo, useState } from 'react';
import type { z } from 'zod';
import type { Refusal } from '../../contracts/booking.ts';
import { formatDuration } from '../catalog/exam-facts.ts';
import { languageLabel } from '../lib/format.ts';
import { messageOf } from '../lib/api.ts';
import { Alert } from '../ui/Alert.tsx';
import { SelectField } from '../ui/FormField.tsx';
import { Loading } from '../ui/Loading.tsx';
import { addDays, localDateOf } from './local-date.ts';
import { DateStrip } from './DateStrip.tsx';
import { DaySlots } from './DaySlots.tsx';
import { RefusalNotice } from './RefusalNotice.tsx';
import { useSlots, type Slots } from './use-slots.ts';
import { ZoneSwitcher } from './ZoneSwitcher.tsx';

export type Slot = Slots['days'][number]['slots'][number];

/** What the candidate is looking at; the booking page keeps it in the address so Back returns to it. */
export interface SlotView { date: string | null; timeZone: string; language: string | undefined }

/** The slot picked, with the view it was picked in. */
export interface PickedSlot { slot: Slot; language: string; timeZone: string }

/** Language, time zone, a week of days and the free times of the chosen day, for booking and rescheduling.
 * The week starts at the earliest bookable date (or a multiple of 7 days after it), so the first strip always
 * begins with the first day that can have times. */
export function SlotPicker({
  examCode,
  languages,
  view,
  onViewChange,
  onPick,
  pendingStartsAt,
  ignoredRefusals = [],
  rescheduling,
  headingLevel = 2,
  refreshKey = 0,
}: {
  examCode: string;
  languages: readonly string[];
  view: SlotView;
  onViewChange: (view: SlotView) => void;
  onPick: (pick: PickedSlot) => void;
  pendingStartsAt: string | null;
  ignoredRefusals?: z.infer<typeof Refusal>['code'][];
  /** The appointment being moved: its own start is not offered, and it does not count as another booking. */
  rescheduling?: { id: string; startsAt: string };
  headingLevel?: 2 | 3;
  /** Change it to load the times again (after a time was taken by someone else). */
  refreshKey?: number;
}) {
  const { timeZone, language } = view;
  const [weekStart, setWeekStart] = useState<string | null>(null);
  const today = localDateOf(new Date(), timeZone);
  // Until the week is known, ask for one day only: the answer's `earliest` says where the first week starts.
  const request = weekStart
    ? { from: weekStart, to: addDays(weekStart, 13), tz: timeZone, language, reschedule: rescheduling?.id }
    : { from: today, to: today, tz: timeZone, language, reschedule: rescheduling?.id };
  const slots = useSlots(examCode, request, refreshKey);
  const data = slots.data;
  const latest = slots.latest;
  // Bounds of the bookable window in this zone, from the last answer (they hardly move between requests).
  const firstDate = latest ? localDateOf(latest.earliest, latest.timeZone) : null;
  const lastDate = latest ? localDateOf(latest.latest, latest.timeZone) : null;

  useEffect(() => {
    if (weekStart !== null || !data) return;
    const first = localDateOf(data.earliest, timeZone);
    const target = view.date && view.date > first ? view.date : first;
    const weeks = Math.floor((Date.parse(target) - Date.parse(first)) / (7 * 86_400_000));
    setWeekStart(addDays(first, 7 * weeks));
  }, [weekStart, data, timeZone, view.date]);

  const byDate = useMemo(
    () => new Map((data?.days ?? []).map((day) => [day.date, day.slots.filter((s) => s.startsAt !== rescheduling?.startsAt)])),
    [data, rescheduling?.startsAt],
  );
  const counts = useMemo(
    () => (weekStart && data ? new Map([...byDate].map(([date, list]) => [date, list.length])) : undefined),
    [byDate, weekStart, data],
  );

  const loadError = slots.error ? (
    <Alert tone="error" title="We could not load the free times.">
      <p>{messageOf(slots.error)}</p>
    </Alert>
  ) : null;
  if (!latest) return loadError ?? <Loading what="Loading free times" />;

  // Until the first week is known (after a change of zone), the options stay on screen and only the days wait.
  const ready = weekStart !== null && firstDate !== null && lastDate !== null;
  const week = ready ? Array.from({ length: 7 }, (_, i) => addDays(weekStart, i)) : [];
  const firstWithSlots = week.find((date) => (byDate.get(date)?.length ?? 0) > 0);
  const shownDay = view.date && (!ready || week.includes(view.date)) ? view.date : (firstWithSlots ?? weekStart ?? firstDate ?? today);
  const refusals = latest.refusals.filter((r) => !ignoredRefusals.includes(r.code));
  const shownLanguage = language ?? latest.language;

  function changeWeek(direction: -1 | 1) {
    if (!weekStart) return;
    const next = addDays(weekStart, 7 * direction);
    setWeekStart(next);
    onViewChange({ ...view, date: null });
  }

  return (
    <div className="slot-picker">
      {refusals.length > 0 ? <RefusalNotice refusals={refusals} timeZone={timeZone} /> : null}
      {latest.notes.length > 0 ? (
        <Alert tone="info" title="About the times shown">
          {latest.notes.map((note) => <p key={note}>{note}</p>)}
        </Alert>
      ) : null}
      <div className="slot-options">
        {languages.length > 1 ? (
          <SelectField
            label="Exam language"
            name="language"
            options={languages.map((code) => ({ id: code, label: languageLabel(code) }))}
            value={shownLanguage}
            onChange={(next) => onViewChange({ ...view, language: next })}
          />
        ) : (
          <p className="exam-language"><strong>Exam language:</strong> {languageLabel(shownLanguage)}</p>
        )}
        <ZoneSwitcher
          timeZone={timeZone}
          at={new Date(`${shownDay}T12:00:00Z`)}
          onChange={(zone) => {
            // Dates read differently in another zone: find the first week again, keeping the chosen day.
            setWeekStart(null);
            onViewChange({ ...view, timeZone: zone, date: shownDay });
          }}
        />
      </div>
      {latest.extraMinutes > 0 ? (
        <p className="extra-time">
          <strong>Extra time:</strong> your approved {latest.extraMinutes} extra minutes are included. Each appointment
          lasts {formatDuration(latest.durationMinutes + latest.extraMinutes)}.
        </p>
      ) : (
        <p className="muted">Each appointment lasts {formatDuration(latest.durationMinutes)}.</p>
      )}
      {loadError ?? (refusals.length > 0 ? null : !ready ? <Loading what="Loading free times" /> : (
        <>
          <DateStrip
            weekStart={weekStart}
            selected={shownDay}
            counts={slots.loading ? undefined : counts}
            firstDate={firstDate}
            lastDate={lastDate}
            onSelect={(date) => onViewChange({ ...view, date })}
            onWeek={changeWeek}
          />
          {slots.loading || !data ? (
            <Loading what="Loading free times" />
          ) : (
            <DaySlots
              day={shownDay}
              slots={byDate.get(shownDay) ?? []}
              byDate={byDate}
              lastDate={lastDate}
              timeZone={timeZone}
              headingLevel={headingLevel}
              pendingStartsAt={pendingStartsAt}
              onPick={(slot) => onPick({ slot, language: shownLanguage, timeZone })}
              onShowDay={(date) => {
                if (date >= addDays(weekStart, 7)) setWeekStart(addDays(weekStart, 7));
                onViewChange({ ...view, date });
              }}
            />
          )}
        </>
      ))}
    </div>
  );
}
