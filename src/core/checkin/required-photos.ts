import type { ExamPolicy } from '../catalog/policy.ts';

export type PhotoKind = 'headshot' | 'id_front' | 'id_back' | 'room_front' | 'room_back' | 'room_left' | 'room_right';

/** Every photo kind, in the order the candidate takes them. */
export const photoKinds: readonly PhotoKind[] = ['headshot', 'id_front', 'id_back', 'room_front', 'room_back', 'room_left', 'room_right'];

/** What each photo is called on screen (upload steps, retake requests, the greeter console). */
export const photoLabels: Record<PhotoKind, string> = {
  headshot: 'Your face',
  id_front: 'ID, front',
  id_back: 'ID, back',
  room_front: 'Room, in front of you',
  room_back: 'Room, behind you',
  room_left: 'Room, to your left',
  room_right: 'Room, to your right',
};

const roomPhotos: readonly PhotoKind[] = ['room_front', 'room_back', 'room_left', 'room_right'];

/**
 * The photos a check-in needs under this policy, in taking order: always the headshot; the ID front when the policy
 * asks for an ID photo, and its back only then too (policyProblems refuses a back without a front); the four room
 * photos when it asks for them. Example: the default policy → headshot, id_front, room_front, room_back, room_left, room_right.
 */
export function requiredPhotos(policy: Pick<ExamPolicy, 'proctoring'>): PhotoKind[] {
  const p = policy.proctoring;
  return [
    'headshot',
    ...(p.requireIdPhoto ? (['id_front'] as const) : []),
    ...(p.requireIdPhoto && p.requireIdBack ? (['id_back'] as const) : []),
    ...(p.requireRoomPhotos ? roomPhotos : []),
  ];
}

/** The required photos not yet uploaded, in the order of `required`; extra or repeated uploads change nothing. */
export function missingPhotos(required: readonly PhotoKind[], uploaded: Iterable<PhotoKind>): PhotoKind[] {
  const have = new Set(uploaded);
  return required.filter((k) => !have.has(k));
}

/** True when every required photo has been uploaded, so the check-in may be submitted to the greeter queue. */
export function canSubmit(required: readonly PhotoKind[], uploaded: Iterable<PhotoKind>): boolean {
  return missingPhotos(required, uploaded).length === 0;
}
