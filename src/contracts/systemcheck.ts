import { z } from 'zod';
import { IsoDateTime, Uuid } from './common.ts';

/** The checks of the system test, in the order the page runs them. */
export const systemCheckIds = ['browser', 'camera', 'microphone', 'round_trip', 'download', 'upload', 'live_video', 'displays', 'screen_size', 'fullscreen', 'storage'] as const;
export const SystemCheckId = z.enum(systemCheckIds);
export type SystemCheckId = z.infer<typeof SystemCheckId>;
export const SystemCheckStatus = z.enum(['pass', 'warn', 'fail']);
export type SystemCheckStatus = z.infer<typeof SystemCheckStatus>;

/** Largest test transfer each way (download and upload throughput). */
export const maxTransferBytes = 5 * 1024 * 1024;

export const SystemCheck = z.strictObject({
  id: SystemCheckId,
  status: SystemCheckStatus,
  detail: z.string().max(300).meta({ description: 'What was measured, in plain words (no images, no device ids).' }),
}).meta({ id: 'SystemCheck' });
export type SystemCheck = z.infer<typeof SystemCheck>;

export const SaveSystemTestBody = z.strictObject({
  checks: z.array(SystemCheck).min(1).max(20)
    .refine((checks) => new Set(checks.map((c) => c.id)).size === checks.length, 'Each check may appear only once.'),
});
export type SaveSystemTestBody = z.infer<typeof SaveSystemTestBody>;

export const SystemTestResult = z.object({
  id: Uuid,
  passed: z.boolean().meta({ description: 'No check failed (warnings allowed).' }),
  createdAt: IsoDateTime,
  validUntil: IsoDateTime.meta({ description: "The test counts until then (the policy's systemTest.validDays)." }),
  checks: z.array(SystemCheck),
}).meta({ id: 'SystemTestResult' });
export type SystemTestResult = z.infer<typeof SystemTestResult>;
export const SystemTestResultResponse = z.object({ result: SystemTestResult });
export const LatestSystemTestResponse = z.object({ result: SystemTestResult.nullable() });

/** An RTCIceServer as browsers take it (TURN credentials minted per user and time-limited). */
export const IceServer = z.object({ urls: z.union([z.string(), z.array(z.string())]), username: z.string().optional(), credential: z.string().optional() });

export const SystemTestRequirements = z.object({
  minUploadMbps: z.number(),
  minDownloadMbps: z.number(),
  maxRoundTripMs: z.number(),
  iceServers: z.array(IceServer)
    .meta({ description: 'ICE/TURN servers for the live-video check (the same the exam uses).' }),
}).meta({ id: 'SystemTestRequirements' });
export type SystemTestRequirements = z.infer<typeof SystemTestRequirements>;

export const PingResponse = z.object({ serverTime: IsoDateTime });
export const DownloadQuery = z.strictObject({
  bytes: z.coerce.number().int().min(1).max(maxTransferBytes, `At most ${maxTransferBytes} bytes.`),
});
export const UploadReceipt = z.object({ bytes: z.number().int(), receivedAt: IsoDateTime });

/** Staff's view of a candidate's newest system test for one appointment: what failed or warned, and whether it counts. */
export const SystemTestSummary = z.object({
  passed: z.boolean(),
  createdAt: IsoDateTime,
  validUntil: IsoDateTime,
  countsForExam: z.boolean().meta({ description: 'Passed, and still valid at the start of this appointment.' }),
  problems: z.array(SystemCheck).meta({ description: 'The checks that failed or warned.' }),
}).meta({ id: 'SystemTestSummary' });
export type SystemTestSummary = z.infer<typeof SystemTestSummary>;
