import { DateTime } from 'luxon';

/** A weekly recurring shift in the proctor's own zone: local times stay put across DST changes. */
export interface WeeklyShiftRule {
  id: string;
  proctorId: string;
  /** ISO weekdays the shift starts on, 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  /** Local `HH:MM`. */
  startTime: string;
  /** Local `HH:MM` (or `24:00`); at or before `startTime` means the next day. */
  endTime: string;
  timeZone: string;
  /** First and last local dates (inclusive) a shift may start on; `validUntil` null: open-ended. */
  validFrom: string;
  validUntil: string | null;
  proctoring: boolean;
  greeting: boolean;
}

/** A one-off change: an extra shift, or time off that cuts this proctor out of every shift in the span. */
export interface ShiftExceptionSpan {
  id: string;
  proctorId: string;
  kind: 'add' | 'cancel';
  startsAt: Date;
  endsAt: Date;
  proctoring: boolean;
  greeting: boolean;
}

/** One concrete stretch of duty in UTC. */
export interface Occurrence {
  proctorId: string;
  startsAt: Date;
  endsAt: Date;
  source: 'rule' | 'added';
  proctoring: boolean;
  greeting: boolean;
}

/** The calendar date after `iso` (`YYYY-MM-DD`), by the calendar alone (no zone, so no DST surprises). */
export const nextDate = (iso: string): string => shiftDate(iso, 1);
/** The calendar date before `iso`. */
export const previousDate = (iso: string): string => shiftDate(iso, -1);
// UTC midnight plus whole days: plain arithmetic (this runs for every day of every rule over the horizon).
const shiftDate = (iso: string, days: number): string => {
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(t)) throw new RangeError(`Not a calendar date: ${iso}`);
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
};

/**
 * The instant of local date + wall time in `zone`. A wall time that does not exist (inside a spring-forward gap) gives
 * the first instant after the gap, i.e. the moment the clocks change, not luxon's default of pushing it by the gap's
 * length. Ambiguous times (autumn) take the earlier instant.
 */
export function localInstant(date: string, time: string, zone: string): Date {
  // A pure function called for every day of every rule over the capacity horizon, mostly with the same few zones and
  // times: each answer is computed once (luxon's parse and format are the cost of expanding shifts).
  const key = `${date}|${time}|${zone}`;
  const known = instants.get(key);
  if (known !== undefined) return new Date(known);
  const computed = computeLocalInstant(date, time, zone);
  if (instants.size >= maxInstants) instants.clear();
  instants.set(key, computed.getTime());
  return computed;
}

const instants = new Map<string, number>();
const maxInstants = 50_000;

function computeLocalInstant(date: string, time: string, zone: string): Date {
  if (time === '24:00') return localInstant(nextDate(date), '00:00', zone);
  const wanted = `${date}T${time}`;
  let t: DateTime = DateTime.fromISO(wanted, { zone });
  if (!t.isValid) throw new RangeError(`Not a local time: ${wanted} in ${zone} (${t.invalidExplanation ?? t.invalidReason}).`);
  if (t.toFormat("yyyy-MM-dd'T'HH:mm") === wanted) return t.toJSDate();
  // In a gap: step back to the earliest instant whose wall time is not before the wanted one (gaps last ≤ 2 h).
  for (let i = 0; i < 120; i++) {
    const earlier: DateTime = t.minus({ minutes: 1 });
    if (earlier.toFormat("yyyy-MM-dd'T'HH:mm") < wanted) break;
    t = earlier;
  }
  return t.toJSDate();
}

/**
 * The concrete shifts of a rule that overlap [from, to), in UTC. Each occurrence starts on a matching local date at
 * the local start time, so a 09:00 shift is at 09:00 local on both sides of a DST change (and a shift spanning the
 * change is an hour shorter or longer, as the wall clock says). A local start inside a spring-forward gap moves to the
 * first valid instant after it.
 */
export function expandRule(rule: WeeklyShiftRule, from: Date, to: Date): Occurrence[] {
  const out: Occurrence[] = [];
  const zone = rule.timeZone;
  // Walk local dates as strings: day arithmetic on zoned times breaks where clocks change at midnight.
  // One day of margin before: a shift starting the local day before `from` may still run into it.
  const lastDay = DateTime.fromJSDate(to, { zone }).toISODate()!;
  const overnight = rule.endTime !== '24:00' && rule.endTime <= rule.startTime;
  for (let day = previousDate(DateTime.fromJSDate(from, { zone }).toISODate()!); day <= lastDay; day = nextDate(day)) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay() || 7; // ISO: Monday 1 … Sunday 7
    if (!rule.weekdays.includes(weekday) || day < rule.validFrom || (rule.validUntil !== null && day > rule.validUntil)) continue;
    const s = localInstant(day, rule.startTime, zone);
    const e = localInstant(overnight ? nextDate(day) : day, rule.endTime, zone);
    if (e > s && e > from && s < to) out.push({ proctorId: rule.proctorId, startsAt: s, endsAt: e, source: 'rule', proctoring: rule.proctoring, greeting: rule.greeting });
  }
  return out;
}

/** `a` minus every span in `cuts` (spans in ms). */
function subtract(a: [number, number], cuts: [number, number][]): [number, number][] {
  let pieces: [number, number][] = [a];
  for (const [cs, ce] of cuts) {
    const next: [number, number][] = [];
    for (const [ps, pe] of pieces) {
      if (ce <= ps || cs >= pe) { next.push([ps, pe]); continue; }
      if (cs > ps) next.push([ps, cs]);
      if (ce < pe) next.push([ce, pe]);
    }
    pieces = next;
  }
  return pieces;
}

/**
 * Every proctor's concrete shifts overlapping [from, to): rule occurrences and added shifts, with time off cut out,
 * clipped to the range and sorted by start. Overlaps between a proctor's own shifts are kept here (the calendar shows
 * them); capacity merges them so a proctor is never counted twice.
 */
export function expandShifts(rules: WeeklyShiftRule[], exceptions: ShiftExceptionSpan[], from: Date, to: Date): Occurrence[] {
  const f = from.getTime();
  const t = to.getTime();
  const cutsByProctor = new Map<string, [number, number][]>();
  for (const x of exceptions) {
    if (x.kind !== 'cancel') continue;
    const list = cutsByProctor.get(x.proctorId) ?? [];
    list.push([x.startsAt.getTime(), x.endsAt.getTime()]);
    cutsByProctor.set(x.proctorId, list);
  }
  const raw: Occurrence[] = rules.flatMap((r) => expandRule(r, from, to));
  for (const x of exceptions) {
    if (x.kind === 'add' && x.endsAt > from && x.startsAt < to) raw.push({ proctorId: x.proctorId, startsAt: x.startsAt, endsAt: x.endsAt, source: 'added', proctoring: x.proctoring, greeting: x.greeting });
  }
  const out: Occurrence[] = [];
  for (const o of raw) {
    const clipped: [number, number] = [Math.max(o.startsAt.getTime(), f), Math.min(o.endsAt.getTime(), t)];
    for (const [s, e] of subtract(clipped, cutsByProctor.get(o.proctorId) ?? [])) {
      if (e > s) out.push({ ...o, startsAt: new Date(s), endsAt: new Date(e) });
    }
  }
  return out.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.proctorId.localeCompare(b.proctorId));
}

/** Where a proctor stands against their proctoring shifts at one instant. */
export interface Duty {
  onShift: boolean;
  /** On shift: when this stretch of duty ends (shifts that touch or overlap count as one stretch). */
  until: Date | null;
  /** Off shift: when the next one starts within the occurrences given, else null. */
  next: Date | null;
}

/**
 * One proctor's proctoring duty at `at`, from their occurrences (any order; greeting-only ones are ignored). Example:
 * shifts 08:00–12:00 and 12:00–16:00, at 11:00 → on shift until 16:00; at 17:00 with one tomorrow at 08:00 → off shift,
 * next at 08:00 tomorrow.
 */
export function dutyAt(occurrences: readonly Occurrence[], at: Date): Duty {
  const spans = occurrences.filter((o) => o.proctoring).map((o) => [o.startsAt.getTime(), o.endsAt.getTime()] as const).sort((a, b) => a[0] - b[0]);
  const t = at.getTime();
  let until: number | null = null;
  for (const [s, e] of spans) {
    if (until === null ? s <= t && t < e : s <= until) until = Math.max(until ?? e, e);
    else if (until !== null) break;
  }
  if (until !== null) return { onShift: true, until: new Date(until), next: null };
  const next = spans.find(([s]) => s > t);
  return { onShift: false, until: null, next: next ? new Date(next[0]) : null };
}
