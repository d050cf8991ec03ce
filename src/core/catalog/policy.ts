import { z } from 'zod';

/**
 * The exam policy: one versioned document per exam, the single source of every rule later capabilities enforce
 * (booking, check-in, delivery, proctoring, results, retention). Every field has a documented default, so `{}`
 * is a complete, sensible policy. Descriptions are shown next to each field in the admin policy editor.
 */
const minutes = (max: number) => z.number().int().min(0).max(max);

/** What a greeter may give as the reason for a rejected check-in, unless the policy names its own. */
export const defaultRejectReasons = [
  'The name on the ID does not match the name on the account.',
  'The face in the headshot does not match the ID photo.',
  'The ID is expired, unreadable or not an accepted government ID.',
  'The room is not suitable (another person, notes or devices in reach).',
];

/** What a proctor may give as the reason for a warning, pause or termination, unless the policy names its own. */
export const defaultInterventionReasons = [
  'You looked away from the screen for a long time.',
  'Another person was seen or heard in the room.',
  'A phone, notes or another device was seen.',
  'You left the camera view.',
  'You were reading aloud or talking.',
  'A technical problem needs sorting out.',
];

/** Messages a proctor can send with one click, unless the policy names its own. */
export const defaultCannedMessages = [
  'Hello, I am your proctor. Let me know in this chat if you need anything.',
  'Please keep your face in the camera view.',
  'Please keep your eyes on the screen.',
  'Please clear your desk of everything except your computer.',
  'Thank you, you may continue.',
];

export const ExamPolicy = z.strictObject({
  checkIn: z.strictObject({
    opensMinutesBefore: minutes(240).default(30).meta({ description: 'Check-in opens this many minutes before the start.' }),
    closesMinutesAfter: minutes(60).default(15).meta({ description: 'Check-in closes this many minutes after the start; later counts as a missed appointment.' }),
    rejectReasons: z.array(z.string().trim().min(3).max(200)).min(1).max(20).default(defaultRejectReasons).meta({ description: 'The reasons a greeter can give for rejecting a check-in, one per line; the candidate sees the one chosen.' }),
  }).prefault({}),
  booking: z.strictObject({
    minLeadHours: z.number().int().min(0).max(24 * 90).default(24).meta({ description: 'Earliest booking: this many hours ahead of the start.' }),
    slotIntervalMinutes: z.union([z.literal(15), z.literal(30)]).default(30).meta({ description: 'Appointments start every 15 or 30 minutes.' }),
    holdMinutes: z.number().int().min(2).max(30).default(10).meta({ description: 'A chosen slot is held this long while the candidate checks out.' }),
    maxAdvanceDays: z.number().int().min(1).max(180).default(90).meta({ description: 'Latest booking: this many days ahead.' }),
    allowInvoice: z.boolean().default(true).meta({ description: 'Candidates may choose to be invoiced for the fee (besides vouchers and free exams).' }),
  }).prefault({}),
  rescheduling: z.strictObject({
    cutoffHours: z.number().int().min(0).max(24 * 30).default(24).meta({ description: 'Rescheduling and cancelling are free until this many hours before the start.' }),
    maxReschedules: z.number().int().min(0).max(10).default(2).meta({ description: 'How many times one appointment may be moved.' }),
  }).prefault({}),
  cancellation: z.strictObject({
    refundBeforeCutoffPercent: z.number().int().min(0).max(100).default(100).meta({ description: 'Share of the fee refunded when cancelled before the cutoff.' }),
    refundAfterCutoffPercent: z.number().int().min(0).max(100).default(0).meta({ description: 'Share refunded when cancelled after the cutoff (or missed).' }),
  }).prefault({}),
  retakes: z.strictObject({
    waitDaysAfterFail: z.number().int().min(0).max(365).default(14).meta({ description: 'Days a candidate waits after a fail before sitting the exam again.' }),
    lockoutDaysAfterPass: z.number().int().min(0).max(3650).default(730).meta({ description: 'Days after a pass during which the exam cannot be taken again.' }),
    banDaysAfterInvalidation: z.number().int().min(0).max(3650).default(0).meta({ description: 'Days from the exam during which a candidate whose result was invalidated cannot sit it again (0: only the wait after a fail).' }),
  }).prefault({}),
  delivery: z.strictObject({
    breaksAllowed: z.boolean().default(false).meta({ description: 'Whether candidates may take breaks on request during the exam.' }),
    maxBreakMinutes: minutes(60).default(0).meta({ description: 'Longest allowed break when breaks are allowed.' }),
    maxBreaks: z.number().int().min(1).max(10).default(1).meta({ description: 'How many breaks one candidate may take.' }),
    breakStopsClock: z.boolean().default(true).meta({ description: 'The exam clock stops during a break (up to the longest allowed break); otherwise the break is taken from the exam time.' }),
    lockAnswersAtBreak: z.boolean().default(false).meta({ description: 'Questions answered before a break cannot be changed after it (they stay visible).' }),
    breakOverrun: z.enum(['deduct', 'proctor']).default('deduct').meta({ description: 'A break longer than allowed: the extra time is taken from the exam time (deduct), or the exam waits for the proctor to decide (proctor).' }),
    disconnectGraceMinutes: minutes(60).default(10).meta({ description: 'A disconnect may last this long (clock stopped) before staff must decide how to continue.' }),
    showProvisionalResult: z.boolean().default(true).meta({ description: 'Show a provisional pass/fail right after submitting.' }),
  }).prefault({}),
  results: z.strictObject({
    releaseDelayHours: z.number().int().min(0).max(24 * 60).default(72).meta({ description: 'Official results are released this long after the exam unless an incident or anomaly holds them.' }),
    rawCutPercent: z.number().int().min(1).max(100).default(70).meta({ description: 'Share of the scored points a form needs for a pass; this raw cut maps to the passing scaled score.' }),
    holdScoreJumpPercent: z.number().int().min(0).max(100).default(30).meta({ description: "Hold a result that gains at least this share of the scale's range over the candidate's previous attempt (0: off)." }),
    holdMinSecondsPerItem: z.number().int().min(0).max(600).default(10).meta({ description: 'Hold a pass answered in fewer seconds per scored item than this (0: off).' }),
    holdSimilarWrongAnswers: z.number().int().min(0).max(200).default(8).meta({ description: 'Hold a result with at least this many identical wrong answers shared with another candidate on the same exam, most of their shared wrong answers (0: off).' }),
    appealWindowDays: z.number().int().min(0).max(365).default(14).meta({ description: 'A candidate may appeal a released or invalidated result for this many days after the decision (0: no appeals).' }),
    appealDecisionDays: z.number().int().min(1).max(180).default(10).meta({ description: 'An appeal is decided within this many days of being filed; staff are reminded when it is overdue.' }),
  }).prefault({}),
  retention: z.strictObject({
    mediaDays: z.number().int().min(1).max(3650).default(30).meta({ description: 'Check-in photos and recordings are deleted this many days after the exam (appeals extend it).' }),
  }).prefault({}),
  proctoring: z.strictObject({
    proctored: z.boolean().default(true).meta({ description: 'Watched by a proctor. Off for unproctored practice exams.' }),
    candidatesPerProctor: z.number().int().min(1).max(50).default(6).meta({ description: 'How many candidates one proctor watches at once.' }),
    checkInsPerGreeter: z.number().int().min(1).max(20).default(4).meta({ description: 'How many check-ins one greeter reviews in parallel.' }),
    requireIdPhoto: z.boolean().default(true).meta({ description: 'Photograph a government ID at check-in.' }),
    requireIdBack: z.boolean().default(false).meta({ description: 'Photograph the back of the ID too.' }),
    requireRoomPhotos: z.boolean().default(true).meta({ description: 'Photograph the room (front, back, left, right) at check-in.' }),
    requireRoomScan: z.boolean().default(true).meta({ description: 'A 360° webcam room scan before the exam starts.' }),
    roomScanSeconds: z.number().int().min(5).max(600).default(30).meta({ description: 'The room scan records at least this many seconds (a slow full turn).' }),
    requireSingleDisplay: z.boolean().default(true).meta({ description: 'Only one display may be connected.' }),
    requireSafeExamBrowser: z.boolean().default(false).meta({ description: 'The exam must be taken in Safe Exam Browser.' }),
    safeExamBrowserConfigKey: z.string().max(128).default('').meta({ description: "The Config Key of the exam's Safe Exam Browser settings (SEB shows it); requests must carry its hash." }),
    interventionReasons: z.array(z.string().trim().min(3).max(200)).min(1).max(30).default(defaultInterventionReasons).meta({ description: 'Reasons a proctor gives for a warning, pause or termination, one per line; the candidate sees the one chosen.' }),
    cannedMessages: z.array(z.string().trim().min(1).max(500)).max(30).default(defaultCannedMessages).meta({ description: 'Chat messages a proctor sends with one click, one per line.' }),
    requireScreenShare: z.boolean().default(false).meta({ description: "The candidate shares the entire screen with the proctor for the whole exam; while it is not shared the exam is paused." }),
    pauseOnCameraLoss: z.boolean().default(true).meta({ description: "A proctored exam pauses (clock stopped, questions hidden) while the candidate's camera is off, and continues when it is back." }),
    recordSessions: z.boolean().default(true).meta({ description: "Record the candidate's webcam and microphone (and the screen, when shared) for review, in proctored exams; recordings follow the retention period." }),
    recordingVideoKbps: z.number().int().min(100).max(2000).default(250).meta({ description: 'Video bitrate of session recordings in kbit/s (250 at 640×480 is about 125 MB an hour with sound).' }),
    maxAddMinutes: minutes(120).default(30).meta({ description: 'A proctor may add at most this many minutes to one attempt in total (for lost time).' }),
  }).prefault({}),
  flags: z.strictObject({
    noFaceSeconds: z.number().int().min(1).max(600).default(10).meta({ description: 'Flag when no face is seen for this long.' }),
    multipleFacesSeconds: z.number().int().min(1).max(600).default(3).meta({ description: 'Flag when more than one face is seen for this long.' }),
    lookingAwaySeconds: z.number().int().min(1).max(600).default(8).meta({ description: 'Flag when the candidate looks away from the screen for this long.' }),
    voiceSeconds: z.number().int().min(1).max(600).default(5).meta({ description: 'Flag when speech is heard for this long.' }),
  }).prefault({}),
  systemTest: z.strictObject({
    validDays: z.number().int().min(1).max(365).default(14).meta({ description: 'A passed system test counts for this many days.' }),
    minUploadMbps: z.number().min(0.1).max(1000).default(1).meta({ description: 'Minimum upload speed to our server.' }),
    minDownloadMbps: z.number().min(0.1).max(1000).default(1).meta({ description: 'Minimum download speed from our server.' }),
    maxRoundTripMs: z.number().int().min(10).max(5000).default(500).meta({ description: 'Maximum round-trip time to our server.' }),
  }).prefault({}),
  credential: z.strictObject({
    validityMonths: z.number().int().min(0).max(240).default(36).meta({ description: 'The certification (the Open Badges credential of a pass) expires this many months after the exam (0: never).' }),
    renewalWindowDays: z.number().int().min(0).max(3650).default(180).meta({ description: 'A holder may book the exam again to renew from this many days before the certification expires, even inside the lockout after a pass (0: no early renewal).' }),
  }).prefault({}),
});

export type ExamPolicy = z.output<typeof ExamPolicy>;
export type ExamPolicyInput = z.input<typeof ExamPolicy>;

/** The policy with every default filled in. */
export const defaultPolicy = (): ExamPolicy => ExamPolicy.parse({});

/** Cross-field rules that a field-by-field schema cannot say; returns problems with their paths. */
export function policyProblems(p: ExamPolicy): { path: string[]; message: string }[] {
  const problems: { path: string[]; message: string }[] = [];
  if (p.delivery.breaksAllowed && p.delivery.maxBreakMinutes === 0) problems.push({ path: ['delivery', 'maxBreakMinutes'], message: 'Give a break length when breaks are allowed.' });
  if (!p.delivery.breaksAllowed && p.delivery.maxBreakMinutes > 0) problems.push({ path: ['delivery', 'maxBreakMinutes'], message: 'Breaks are not allowed, so the break length must be 0.' });
  if (p.cancellation.refundAfterCutoffPercent > p.cancellation.refundBeforeCutoffPercent) problems.push({ path: ['cancellation', 'refundAfterCutoffPercent'], message: 'The refund after the cutoff cannot exceed the refund before it.' });
  if (p.proctoring.requireSafeExamBrowser && !p.proctoring.safeExamBrowserConfigKey) problems.push({ path: ['proctoring', 'safeExamBrowserConfigKey'], message: 'Give the Config Key of the Safe Exam Browser settings when it is required.' });
  if (p.proctoring.requireIdBack && !p.proctoring.requireIdPhoto) problems.push({ path: ['proctoring', 'requireIdBack'], message: 'The back of the ID is only asked for when the ID photo is.' });
  if (p.proctoring.requireScreenShare && !p.proctoring.proctored) problems.push({ path: ['proctoring', 'requireScreenShare'], message: 'Screen sharing goes to a proctor, so it needs a proctored exam.' });
  return problems;
}
