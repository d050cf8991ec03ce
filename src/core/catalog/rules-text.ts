import type { ExamPolicy } from './policy.ts';

export interface RuleSection { heading: string; rules: string[] }

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const duration = (minutes: number) => (minutes % 60 === 0 && minutes >= 60 ? plural(minutes / 60, 'hour') : plural(minutes, 'minute'));
const days = (d: number) => (d % 365 === 0 && d >= 365 ? plural(d / 365, 'year') : plural(d, 'day'));

/**
 * The candidate-facing "rules of this exam", in plain words, rendered from the policy alone, so the page, the
 * check-in rules step and the proctor console can never disagree with what is enforced.
 */
export function renderRules(p: ExamPolicy, exam: { durationMinutes: number }): RuleSection[] {
  const sections: RuleSection[] = [];
  sections.push({
    heading: 'Booking and changes',
    rules: [
      `Book at least ${plural(p.booking.minLeadHours, 'hour')} and at most ${days(p.booking.maxAdvanceDays)} before the start.`,
      p.rescheduling.maxReschedules > 0
        ? `You can reschedule up to ${plural(p.rescheduling.maxReschedules, 'time')}, free of charge until ${plural(p.rescheduling.cutoffHours, 'hour')} before the start.`
        : 'Appointments cannot be rescheduled.',
      `Cancel more than ${plural(p.rescheduling.cutoffHours, 'hour')} before the start for a ${p.cancellation.refundBeforeCutoffPercent}% refund; later cancellations and missed appointments get ${p.cancellation.refundAfterCutoffPercent === 0 ? 'no refund' : `a ${p.cancellation.refundAfterCutoffPercent}% refund`}.`,
      `After a fail, wait ${days(p.retakes.waitDaysAfterFail)} before your next attempt.${p.retakes.lockoutDaysAfterPass > 0 ? ` After a pass, you cannot take this exam again for ${days(p.retakes.lockoutDaysAfterPass)}${renewsEarly(p) ? `, except to renew your certification: you can book again from ${days(p.credential.renewalWindowDays)} before it expires` : ''}.` : ''}${p.retakes.banDaysAfterInvalidation > p.retakes.waitDaysAfterFail ? ` If your result is invalidated, you cannot take this exam again for ${days(p.retakes.banDaysAfterInvalidation)} from the exam.` : ''}`,
    ],
  });
  if (p.proctoring.proctored) {
    const photos = [p.proctoring.requireIdPhoto ? (p.proctoring.requireIdBack ? 'the front and back of your government ID' : 'your government ID') : null, 'your face', p.proctoring.requireRoomPhotos ? 'the four sides of your room' : null].filter(Boolean);
    sections.push({
      heading: 'Check-in',
      rules: [
        `Check-in opens ${duration(p.checkIn.opensMinutesBefore)} before your start time and closes ${duration(p.checkIn.closesMinutesAfter)} after it. If you have not checked in by then, the appointment counts as missed.`,
        `You photograph ${photos.join(', ').replace(/, ([^,]*)$/, ' and $1')}, using your phone or webcam. A greeter compares them with your profile name.`,
        ...(p.proctoring.requireRoomScan ? ['Before the exam starts, you show the whole room with your webcam (a 360° scan), which is recorded.'] : []),
      ],
    });
  }
  sections.push({
    heading: 'During the exam',
    rules: [
      `You have ${duration(exam.durationMinutes)}, plus any extra time approved for you. The clock is kept by our server and stops if your connection drops.`,
      p.delivery.breaksAllowed ? breakRule(p) : 'There are no breaks: stay at your desk until you submit.',
      ...(p.proctoring.proctored
        ? [
            'A proctor watches you through your webcam and microphone. Stay in view, keep your desk clear and do not talk.',
            ...(p.proctoring.recordSessions ? [`Your webcam and microphone${p.proctoring.requireScreenShare ? ', and your screen,' : ''} are recorded for the whole exam, so a reviewer can check what the proctor saw.`] : []),
            'The proctor may ask you to show the room again with your webcam (a re-scan); the exam clock stops while you do.',
            ...(p.proctoring.requireSingleDisplay ? ['Use one display only; disconnect any others before you start.'] : []),
            'The exam runs full screen. Leaving full screen pauses the exam and notifies the proctor.',
            ...(p.proctoring.requireSafeExamBrowser ? ['You must use Safe Exam Browser.'] : []),
            'Automatic checks (for example, no face in view) only alert the proctor. A person reviews every alert, and you can see and appeal every incident recorded against you.',
          ]
        : ['This is an unproctored practice exam: nobody watches, and the result does not count towards certification.']),
      `If your connection drops, your answers are kept. Reconnect within ${duration(p.delivery.disconnectGraceMinutes)} and you continue where you were, with no time lost.`,
    ],
  });
  sections.push({
    heading: 'Results and certification',
    rules: [
      p.delivery.showProvisionalResult ? 'You see a provisional pass or fail as soon as you submit.' : 'No result is shown at the end of the exam.',
      p.results.releaseDelayHours === 0
        ? 'Your official score report follows as soon as you submit, unless your session needs a review first (you are told if it does).'
        : `Your official score report is released ${p.results.releaseDelayHours < 24 ? `${plural(p.results.releaseDelayHours, 'hour')}` : `within ${plural(Math.ceil(p.results.releaseDelayHours / 24), 'day')}`} after the exam, after validation, unless your session needs a review first (you are told if it does).`,
      // Unproctored exams are practice (see "During the exam"): no result, so no badge.
      ...(!p.proctoring.proctored ? [] : p.credential.validityMonths > 0
        ? [`A pass earns a digital badge (an Open Badges 3.0 credential, with a certificate and a public verification page) valid for ${months(p.credential.validityMonths)} from the exam. We email you 90 and 30 days before it expires; to renew it, pass the exam again, which earns a new badge valid for ${months(p.credential.validityMonths)} from that exam.`, revokedRule]
        : ['A pass earns a digital badge (an Open Badges 3.0 credential, with a certificate and a public verification page) that does not expire.', revokedRule]),
      ...(!p.proctoring.proctored ? [] : p.results.appealWindowDays > 0
        ? [`You can appeal your official result, with a statement, for ${days(p.results.appealWindowDays)} after it is released or invalidated. A staff member who had no part in your session decides within ${days(p.results.appealDecisionDays)}: the result stands, is reinstated, or you are offered a free retake.`]
        : ['Results of this exam cannot be appealed.']),
      ...(p.proctoring.proctored ? [`Photos and recordings of your session are deleted ${days(p.retention.mediaDays)} after the exam, unless an appeal needs them.`] : []),
    ],
  });
  return sections;
}

const revokedRule = 'If a result is invalidated, its badge is revoked, and its verification page says so.';
const months = (m: number) => (m % 12 === 0 ? plural(m / 12, 'year') : plural(m, 'month'));

/**
 * Whether renewal can open before the lockout after a pass ends (booking/rules.ts `passLockout` decides exactly, from
 * the credential's real expiry; a month counts as its average length here).
 */
function renewsEarly(p: ExamPolicy): boolean {
  return p.credential.validityMonths > 0 && p.credential.renewalWindowDays > 0 && p.credential.validityMonths * 30.44 - p.credential.renewalWindowDays < p.retakes.lockoutDaysAfterPass;
}

/** The break rule as the candidate reads it, from the policy's break settings. */
function breakRule(p: ExamPolicy): string {
  const d = p.delivery;
  const count = d.maxBreaks === 1 ? 'one break' : `up to ${d.maxBreaks} breaks`;
  const clock = d.breakStopsClock ? 'the exam clock stops during a break' : 'a break is taken from your exam time';
  const over = d.breakOverrun === 'deduct' ? 'time beyond that is taken from your exam time' : 'beyond that, your proctor decides how you continue';
  const back = p.proctoring.proctored ? ` When you come back, film your room again with the webcam (at least ${plural(p.proctoring.roomScanSeconds, 'second')}, recorded); your proctor then continues your exam.` : '';
  const lock = d.lockAnswersAtBreak ? ' Questions you answered before a break are locked: you can still read them, but not change them.' : '';
  return `You may take ${count} of up to ${duration(d.maxBreakMinutes)} each: ${clock}, and ${over}.${lock}${back}`;
}
