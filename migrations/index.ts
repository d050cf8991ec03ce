import type { Migration } from 'kysely';
import * as accounts from './2026-11-26T0900-accounts.ts';
import * as catalog from './2026-11-26T1200-catalog.ts';
import * as schedulingBooking from './2026-11-26T1500-scheduling-booking.ts';
import * as delivery from './2026-11-26T1800-delivery.ts';
import * as media from './2026-11-26T2000-media.ts';
import * as checkin from './2026-11-26T2100-checkin.ts';
import * as roomScan from './2026-11-27T0900-room-scan.ts';
import * as systemTestReschedule from './2026-11-27T0930-system-test-reschedule.ts';
import * as mediaRetention from './2026-11-27T1000-media-retention.ts';
import * as checkinHelp from './2026-11-27T1030-checkin-help.ts';
import * as liveProctoring from './2026-12-03T1200-live-proctoring.ts';
import * as proctorSnapshots from './2026-12-03T1600-proctor-snapshots.ts';
import * as launchExceptions from './2026-12-03T1700-launch-exceptions.ts';
import * as sessionRecordings from './2026-12-03T1800-session-recordings.ts';
import * as results from './2026-12-04T0900-results.ts';
import * as breakLocks from './2026-12-04T1000-break-locks.ts';
import * as credentials from './2026-12-04T1100-credentials.ts';
import * as proctoringIndexes from './2026-12-04T1200-proctoring-indexes.ts';
import * as appeals from './2026-12-04T1300-appeals.ts';
import * as equating from './2026-12-04T1400-equating.ts';
import * as knownDevices from './2026-12-05T0900-known-devices.ts';
import * as serviceHeartbeat from './2026-12-05T1000-service-heartbeat.ts';

/** Every migration, by name; names sort in the order they must run. Add new files here. */
export const migrations: Record<string, Migration> = {
  '2026-11-26T0900-accounts': accounts,
  '2026-11-26T1200-catalog': catalog,
  '2026-11-26T1500-scheduling-booking': schedulingBooking,
  '2026-11-26T1800-delivery': delivery,
  '2026-11-26T2000-media': media,
  '2026-11-26T2100-checkin': checkin,
  '2026-11-27T0900-room-scan': roomScan,
  '2026-11-27T0930-system-test-reschedule': systemTestReschedule,
  '2026-11-27T1000-media-retention': mediaRetention,
  '2026-11-27T1030-checkin-help': checkinHelp,
  '2026-12-03T1200-live-proctoring': liveProctoring,
  '2026-12-03T1600-proctor-snapshots': proctorSnapshots,
  '2026-12-03T1700-launch-exceptions': launchExceptions,
  '2026-12-03T1800-session-recordings': sessionRecordings,
  '2026-12-04T0900-results': results,
  '2026-12-04T1000-break-locks': breakLocks,
  '2026-12-04T1100-credentials': credentials,
  '2026-12-04T1200-proctoring-indexes': proctoringIndexes,
  '2026-12-04T1300-appeals': appeals,
  '2026-12-04T1400-equating': equating,
  '2026-12-05T0900-known-devices': knownDevices,
  '2026-12-05T1000-service-heartbeat': serviceHeartbeat,
};
