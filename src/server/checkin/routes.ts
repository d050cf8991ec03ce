import { CheckInResponse, CheckInReviewResponse, DecisionBody, DecisionResult, GreeterQueue, HelpBody, HelpReplyBody, PhoneLink, PhoneParams, PhonePhotoParams, PhoneView, PhotoParams, RecordingQuery, RoomScanTakes, ScanChunkAck, ScanChunkParams, ScanCompleteBody, ScanTakeParams } from '../../contracts/checkin.ts';
import { IdParams } from '../../contracts/admin.ts';
import type { PhotoKind } from '../../core/checkin/required-photos.ts';
import type { Deps } from '../platform/deps.ts';
import { route, type InFlightLimit } from '../platform/http/route.ts';
import { photoLimits } from '../platform/images.ts';
import { acceptRules, getCheckIn, newPhoneLink, phoneView, startCheckIn, submitCheckIn, uploadPhonePhoto, uploadPhoto } from './candidate-checkin.ts';
import { claimNext, decideCheckIn, greeterQueue } from './greeter.ts';
import { askForHelp, replyToHelp } from './help.ts';
import { completeRoomScan, roomScanRecording, roomScanTakes, scanLimits, startRoomScan, uploadScanChunk } from './room-scan.ts';

const tags = ['Check-in'];
const signedIn = [] as const;
const staff = ['proctor', 'admin'] as const;
const photoBody = { contentType: 'image/jpeg', maxBytes: photoLimits.maxBytes, description: 'A photo (JPEG, PNG, WebP or HEIC; judged by its content). It is re-encoded without metadata.' };
const uploadLimit = { max: 60, timeWindow: '1 minute' };
/**
 * Photo uploads in flight at once (desktop and phone together), per instance: at 12 MB at most each this bounds a
 * burst's memory; decoding runs one per core anyway (platform/images.ts), so a longer queue would only wait longer.
 */
export const photoUploadsInFlight: InFlightLimit = { max: 16, current: 0, retryAfterSeconds: 3 };

/** Check-in: the candidate's steps, the phone link, and the greeter's queue and decisions. */
export function checkInRoutes(deps: Deps) {
  return [
    route({ method: 'POST', url: '/api/v1/appointments/:id/checkin', summary: 'Open (or return) the check-in of an appointment, inside its window', tags, access: signedIn, params: IdParams, response: { status: 200, schema: CheckInResponse },
      handler: async ({ principal, params }) => ({ checkIn: await startCheckIn(deps, principal, params.id) }) }),
    route({ method: 'GET', url: '/api/v1/checkins/:id', summary: 'A check-in: steps, photos (signed links), queue position and wait', tags, access: signedIn, params: IdParams, response: { status: 200, schema: CheckInResponse },
      handler: async ({ principal, params }) => ({ checkIn: await getCheckIn(deps, principal, params.id) }) }),
    route({ method: 'POST', url: '/api/v1/checkins/:id/rules', summary: "Accept the exam's rules", tags, access: signedIn, params: IdParams, response: { status: 200, schema: CheckInResponse },
      handler: async ({ principal, params }) => ({ checkIn: await acceptRules(deps, principal, params.id) }) }),
    route({ method: 'PUT', url: '/api/v1/checkins/:id/photos/:kind', summary: 'Upload or replace a photo from this computer', tags, access: signedIn, params: PhotoParams, rawBody: photoBody, rateLimit: uploadLimit, inFlight: photoUploadsInFlight, response: { status: 200, schema: CheckInResponse },
      handler: async ({ principal, params, body }) => ({ checkIn: await uploadPhoto(deps, principal, params.id, params.kind as PhotoKind, body as unknown as Buffer) }) }),
    route({ method: 'POST', url: '/api/v1/checkins/:id/phone-link', summary: 'A new link for the phone (the previous one stops working)', tags, access: signedIn, params: IdParams, response: { status: 200, schema: PhoneLink },
      handler: async ({ principal, params }) => newPhoneLink(deps, principal, params.id) }),
    route({ method: 'POST', url: '/api/v1/checkins/:id/submit', summary: 'Send the check-in to the greeter queue', tags, access: signedIn, params: IdParams, response: { status: 200, schema: CheckInResponse },
      handler: async ({ principal, params }) => ({ checkIn: await submitCheckIn(deps, principal, params.id) }) }),
    route({ method: 'GET', url: '/api/v1/phone/:token', summary: 'Phone: which photos the check-in still needs (the link is the permission)', tags, access: 'public', params: PhoneParams, response: { status: 200, schema: PhoneView },
      handler: async ({ params }) => phoneView(deps, params.token) }),
    route({ method: 'PUT', url: '/api/v1/phone/:token/photos/:kind', summary: 'Phone: upload or replace a photo', tags, access: 'public', params: PhonePhotoParams, rawBody: photoBody, rateLimit: uploadLimit, inFlight: photoUploadsInFlight, response: { status: 200, schema: PhoneView },
      handler: async ({ params, body }) => uploadPhonePhoto(deps, params.token, params.kind as PhotoKind, body as unknown as Buffer) }),

    route({ method: 'POST', url: '/api/v1/checkins/:id/room-scan', summary: 'Start a take of the 360° room scan (after approval); a new call starts a new take', tags, access: signedIn, params: IdParams, response: { status: 200, schema: CheckInResponse },
      handler: async ({ principal, params }) => ({ checkIn: await startRoomScan(deps, principal, params.id) }) }),
    route({ method: 'PUT', url: '/api/v1/checkins/:id/room-scan/:take/chunks/:seq', summary: 'Upload one chunk of the room scan as MediaRecorder made it (a repeat changes nothing)', tags, access: signedIn, params: ScanChunkParams,
      rawBody: { contentType: 'video/webm', maxBytes: scanLimits.maxChunkBytes, description: 'A WebM chunk; the first starts the stream (EBML header).' }, rateLimit: { max: 600, timeWindow: '1 minute' }, response: { status: 200, schema: ScanChunkAck },
      handler: async ({ principal, params, body }) => uploadScanChunk(deps, principal, params.id, params.take, params.seq, body as unknown as Buffer) }),
    route({ method: 'POST', url: '/api/v1/checkins/:id/room-scan/:take/complete', summary: 'Finish the room scan: every chunk in, long enough; the exam may then launch', tags, access: signedIn, params: ScanTakeParams, body: ScanCompleteBody, response: { status: 200, schema: CheckInResponse },
      handler: async ({ principal, params, body }) => ({ checkIn: await completeRoomScan(deps, principal, params.id, params.take, body.chunks) }) }),
    route({ method: 'GET', url: '/api/v1/checkins/:id/room-scan', summary: 'Staff: the room-scan recordings of a check-in, with links that play them (audited)', tags, access: staff, params: IdParams, response: { status: 200, schema: RoomScanTakes },
      handler: async ({ principal, params }) => roomScanTakes(deps, principal, params.id) }),
    route({ method: 'GET', url: '/api/v1/recordings/room-scan/:id/:take', summary: 'A room-scan recording (WebM), through a signed link', tags, access: 'public', params: ScanTakeParams, query: RecordingQuery,
      response: { status: 200, binary: 'video/webm', description: 'The recording' },
      handler: async ({ params, query, reply }) => {
        const data = await roomScanRecording(deps, params.id, params.take, query.exp, query.sig);
        reply.header('cache-control', 'private, no-store').header('content-disposition', 'inline');
        return data;
      } }),

    route({ method: 'POST', url: '/api/v1/checkins/:id/help', summary: 'Ask the greeters for help (they see it live and answer here)', tags, access: signedIn, params: IdParams, body: HelpBody,
      rateLimit: { max: 10, timeWindow: '1 minute' }, response: { status: 200, schema: CheckInResponse },
      handler: async ({ principal, params, body }) => ({ checkIn: await askForHelp(deps, principal, params.id, body.message) }) }),
    route({ method: 'POST', url: '/api/v1/greeter/checkins/:id/help-reply', summary: "Greeter: answer a candidate's request for help (audited)", tags, access: staff, params: IdParams, body: HelpReplyBody, response: { status: 204 },
      handler: async ({ principal, params, body }) => replyToHelp(deps, principal, params.id, body.reply) }),
    route({ method: 'GET', url: '/api/v1/greeter/queue', summary: 'Greeter: waiting check-ins, longest-waiting first', tags, access: staff, response: { status: 200, schema: GreeterQueue },
      handler: async ({ principal }) => greeterQueue(deps, principal) }),
    route({ method: 'POST', url: '/api/v1/greeter/claim', summary: 'Greeter: take the next check-in for review (exclusive), or your current one', tags, access: staff, response: { status: 200, schema: CheckInReviewResponse },
      handler: async ({ principal }) => ({ review: await claimNext(deps, principal) }) }),
    route({ method: 'POST', url: '/api/v1/greeter/checkins/:id/decision', summary: 'Greeter: approve, ask for a retake of named photos, or reject', tags, access: staff, params: IdParams, body: DecisionBody, response: { status: 200, schema: DecisionResult },
      handler: async ({ principal, params, body }) => decideCheckIn(deps, principal, params.id, body) }),
  ];
}
