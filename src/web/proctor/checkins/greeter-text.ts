import type { z } from 'zod';
import type { PhotoKind } from '../../../contracts/checkin.ts';

type Kind = z.infer<typeof PhotoKind>;

/** The service-level target: a check-in waiting longer than this is marked "over target". */
export const waitTargetMs = 5 * 60_000;

/** Photo names as a greeter reads them (the candidate's own labels say "your face", "to your left"). */
export const greeterPhotoLabels: Record<Kind, string> = {
  headshot: 'Headshot',
  id_front: 'ID, front',
  id_back: 'ID, back',
  room_front: 'Room, in front of the candidate',
  room_back: 'Room, behind the candidate',
  room_left: 'Room, to the left of the candidate',
  room_right: 'Room, to the right of the candidate',
};

/** The factual alt text of a check-in photo: what it shows and whose it is, nothing judged about the person. */
export function photoAlt(kind: Kind, name: string): string {
  switch (kind) {
    case 'headshot': return `Headshot of ${name}`;
    case 'id_front': return `Front of the ID document uploaded by ${name}`;
    case 'id_back': return `Back of the ID document uploaded by ${name}`;
    default: return `${greeterPhotoLabels[kind]}, photographed by ${name}`;
  }
}

/** `mm:ss` of a duration (minutes keep counting past 59, which a queue should never reach). */
export function formatWait(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}
