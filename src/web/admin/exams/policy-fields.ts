import { ExamPolicy } from '../../../core/catalog/policy.ts';

/** One editable setting of the policy, read from the schema: its kind, bounds and documented meaning. */
export interface PolicyFieldSpec {
  /** Dotted path inside the policy, e.g. `delivery.maxBreakMinutes`. */
  path: string;
  section: string;
  key: string;
  label: string;
  description: string;
  /** `lines`: a list of short texts, edited one per line (e.g. the reasons a greeter may give). */
  kind: 'number' | 'boolean' | 'choice' | 'lines';
  min?: number;
  max?: number;
  integer: boolean;
  /** For `choice`: the allowed values (e.g. 15 or 30 minutes). */
  choices?: number[];
}

export interface PolicySectionSpec {
  key: string;
  label: string;
  fields: PolicyFieldSpec[];
}

const sectionLabels: Record<string, string> = {
  checkIn: 'Check-in',
  booking: 'Booking',
  rescheduling: 'Rescheduling',
  cancellation: 'Cancellation and refunds',
  retakes: 'Retakes',
  delivery: 'During the exam',
  results: 'Results',
  retention: 'Data retention',
  proctoring: 'Proctoring',
  flags: 'Automatic flags for the proctor',
  systemTest: 'System test',
  credential: 'Credential',
};

// Short labels; the schema's descriptions carry the full meaning and are shown as help under each field.
const fieldLabels: Record<string, string> = {
  'checkIn.opensMinutesBefore': 'Opens before the start (minutes)',
  'checkIn.closesMinutesAfter': 'Closes after the start (minutes)',
  'booking.minLeadHours': 'Minimum notice (hours)',
  'booking.slotIntervalMinutes': 'Slot interval (minutes)',
  'booking.holdMinutes': 'Hold a chosen slot (minutes)',
  'booking.maxAdvanceDays': 'Book at most (days ahead)',
  'booking.allowInvoice': 'Invoice allowed',
  'rescheduling.cutoffHours': 'Free changes until (hours before)',
  'rescheduling.maxReschedules': 'Reschedules per appointment',
  'cancellation.refundBeforeCutoffPercent': 'Refund before the cutoff (%)',
  'cancellation.refundAfterCutoffPercent': 'Refund after the cutoff (%)',
  'retakes.waitDaysAfterFail': 'Wait after a fail (days)',
  'retakes.lockoutDaysAfterPass': 'Lockout after a pass (days)',
  'delivery.breaksAllowed': 'Breaks allowed',
  'delivery.maxBreakMinutes': 'Longest break (minutes)',
  'delivery.lockAnswersAtBreak': 'Lock answers at a break',
  'delivery.disconnectGraceMinutes': 'Disconnect grace (minutes)',
  'delivery.showProvisionalResult': 'Show a provisional result',
  'results.releaseDelayHours': 'Release delay (hours)',
  'retention.mediaDays': 'Keep photos and recordings (days)',
  'results.rawCutPercent': 'Raw cut score (% of points)',
  'results.holdScoreJumpPercent': 'Hold a score jump of (% of the scale)',
  'results.holdMinSecondsPerItem': 'Hold a pass faster than (seconds per item)',
  'results.holdSimilarWrongAnswers': 'Hold identical wrong answers (at least)',
  'retakes.banDaysAfterInvalidation': 'Ban after an invalidated result (days)',
  'results.appealWindowDays': 'Appeal window (days after the decision)',
  'results.appealDecisionDays': 'Appeal decided within (days)',
  'proctoring.recordSessions': 'Record sessions',
  'proctoring.recordingVideoKbps': 'Recording video bitrate (kbit/s)',
  'proctoring.safeExamBrowserConfigKey': 'Safe Exam Browser Config Key',
  'proctoring.proctored': 'Proctored',
  'proctoring.candidatesPerProctor': 'Candidates per proctor',
  'proctoring.checkInsPerGreeter': 'Check-ins per greeter',
  'proctoring.requireIdPhoto': 'ID photo',
  'proctoring.requireIdBack': 'Back of the ID',
  'proctoring.requireRoomPhotos': 'Room photos',
  'proctoring.requireRoomScan': 'Room scan',
  'proctoring.requireSingleDisplay': 'Single display',
  'proctoring.requireSafeExamBrowser': 'Safe Exam Browser',
  'flags.noFaceSeconds': 'No face (seconds)',
  'flags.multipleFacesSeconds': 'Several faces (seconds)',
  'flags.lookingAwaySeconds': 'Looking away (seconds)',
  'flags.voiceSeconds': 'Voice heard (seconds)',
  'systemTest.validDays': 'A pass is valid for (days)',
  'systemTest.minUploadMbps': 'Minimum upload (Mbit/s)',
  'systemTest.minDownloadMbps': 'Minimum download (Mbit/s)',
  'systemTest.maxRoundTripMs': 'Maximum round trip (ms)',
  'credential.validityMonths': 'Valid for (months)',
  'credential.renewalWindowDays': 'Renewal opens before expiry (days)',
};

/** `lookingAwaySeconds` → `Looking away seconds`: a fallback for settings added to the schema later. */
function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// Zod 4 keeps a schema's structure in `def`: wrappers (default, prefault, optional) point at `innerType`.
interface SchemaNode {
  def: { type: string; innerType?: SchemaNode; options?: SchemaNode[]; values?: unknown[]; element?: SchemaNode };
  description?: string;
  shape?: Record<string, SchemaNode>;
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
  value?: unknown;
}

function unwrap(node: SchemaNode): SchemaNode {
  let current = node;
  while (current.def.innerType && ['default', 'prefault', 'optional', 'nullable', 'readonly'].includes(current.def.type)) {
    current = current.def.innerType;
  }
  return current;
}

function describe(node: SchemaNode): string {
  let current: SchemaNode | undefined = node;
  while (current) {
    if (current.description) return current.description;
    current = current.def.innerType;
  }
  return '';
}

function fieldSpec(section: string, key: string, node: SchemaNode): PolicyFieldSpec | null {
  const path = `${section}.${key}`;
  const base = { path, section, key, label: fieldLabels[path] ?? humanize(key), description: describe(node) };
  const inner = unwrap(node);
  if (inner.def.type === 'boolean') return { ...base, kind: 'boolean', integer: false };
  if (inner.def.type === 'array' && inner.def.element?.def.type === 'string') return { ...base, kind: 'lines', integer: false };
  if (inner.def.type === 'number') {
    const finite = (n: number | null | undefined) => (typeof n === 'number' && Number.isFinite(n) ? n : undefined);
    return { ...base, kind: 'number', min: finite(inner.minValue), max: finite(inner.maxValue), integer: Boolean(inner.isInt) };
  }
  if (inner.def.type === 'union' && inner.def.options?.every((o) => o.def.type === 'literal' && typeof o.value === 'number')) {
    return { ...base, kind: 'choice', integer: true, choices: inner.def.options.map((o) => o.value as number) };
  }
  return null;
}

/** The policy's sections and settings in schema order, so a setting added to the schema appears in the editor. */
export const policySections: PolicySectionSpec[] = Object.entries(ExamPolicy.shape as unknown as Record<string, SchemaNode>).map(
  ([section, node]) => ({
    key: section,
    label: sectionLabels[section] ?? humanize(section),
    fields: Object.entries(unwrap(node).shape ?? {}).flatMap(([key, field]) => {
      const spec = fieldSpec(section, key, field);
      return spec ? [spec] : [];
    }),
  }),
);

/** The value at a dotted path of the policy. */
export function valueAt(policy: ExamPolicy, path: string): unknown {
  const [section, key] = path.split('.');
  return (policy as unknown as Record<string, Record<string, unknown>>)[section!]?.[key!];
}

/** A copy of the policy with one value changed. */
export function withValue(policy: ExamPolicy, path: string, value: unknown): ExamPolicy {
  const [section, key] = path.split('.') as [string, string];
  const sections = policy as unknown as Record<string, Record<string, unknown>>;
  return { ...policy, [section]: { ...sections[section], [key]: value } } as ExamPolicy;
}
