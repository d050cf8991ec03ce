import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExamPolicy } from '../catalog/policy.ts';
import { canSubmit, missingPhotos, photoKinds, photoLabels, requiredPhotos, type PhotoKind } from './required-photos.ts';

const policy = (proctoring: { requireIdPhoto?: boolean; requireIdBack?: boolean; requireRoomPhotos?: boolean }) => ExamPolicy.parse({ proctoring });
const room: PhotoKind[] = ['room_front', 'room_back', 'room_left', 'room_right'];
const arbKinds = fc.array(fc.constantFrom(...photoKinds), { maxLength: 12 });
const arbPolicy = fc.record({ requireIdPhoto: fc.boolean(), requireIdBack: fc.boolean(), requireRoomPhotos: fc.boolean() }).map(policy);

describe('required photos', () => {
  it('asks for headshot, ID front and the four room photos under the default policy', () => {
    expect(requiredPhotos(ExamPolicy.parse({}))).toEqual(['headshot', 'id_front', ...room]);
  });

  it('asks only for the headshot when the policy wants neither ID nor room photos', () => {
    expect(requiredPhotos(policy({ requireIdPhoto: false, requireRoomPhotos: false }))).toEqual(['headshot']);
  });

  it('asks for the back of the ID right after its front when the policy says so', () => {
    expect(requiredPhotos(policy({ requireIdPhoto: true, requireIdBack: true, requireRoomPhotos: false }))).toEqual(['headshot', 'id_front', 'id_back']);
  });

  it('never asks for the back of an ID without its front', () => {
    expect(requiredPhotos(policy({ requireIdPhoto: false, requireIdBack: true, requireRoomPhotos: false }))).toEqual(['headshot']);
  });

  it('always asks for the headshot, first, lists each kind once and keeps the taking order (property)', () => {
    fc.assert(fc.property(arbPolicy, (p) => {
      const r = requiredPhotos(p);
      expect(r[0]).toBe('headshot');
      expect(new Set(r).size).toBe(r.length);
      expect(r).toEqual(photoKinds.filter((k) => r.includes(k)));
    }));
  });

  it('asks for all four room photos or none (property)', () => {
    fc.assert(fc.property(arbPolicy, (p) => {
      const r = requiredPhotos(p);
      expect(room.filter((k) => r.includes(k)).length).toBe(p.proctoring.requireRoomPhotos ? 4 : 0);
    }));
  });

  it('has an on-screen label for every kind', () => {
    for (const k of photoKinds) expect(photoLabels[k]).toMatch(/\S/);
  });
});

describe('missing photos and submitting', () => {
  const required: PhotoKind[] = ['headshot', 'id_front', ...room];

  it('lists every required photo before anything is uploaded', () => {
    expect(missingPhotos(required, [])).toEqual(required);
  });

  it('lists what is still missing in taking order, whatever order the uploads came in', () => {
    expect(missingPhotos(required, ['room_left', 'headshot', 'room_front'])).toEqual(['id_front', 'room_back', 'room_right']);
  });

  it('ignores uploads that are not required and uploads repeated by a retake', () => {
    expect(missingPhotos(['headshot'], ['id_back', 'headshot', 'headshot'])).toEqual([]);
  });

  it('refuses to submit while a photo is missing', () => {
    expect(canSubmit(required, ['headshot', 'id_front', 'room_front', 'room_back', 'room_left'])).toBe(false);
  });

  it('allows submitting once every required photo is uploaded', () => {
    expect(canSubmit(required, [...room, 'id_front', 'headshot'])).toBe(true);
  });

  it('misses exactly the required photos not uploaded, and may submit iff none is missing (property)', () => {
    fc.assert(fc.property(arbPolicy, arbKinds, (p, uploaded) => {
      const r = requiredPhotos(p);
      const missing = missingPhotos(r, uploaded);
      expect(missing).toEqual(r.filter((k) => !uploaded.includes(k)));
      expect(canSubmit(r, uploaded)).toBe(missing.length === 0);
    }));
  });

  it('never loses a missing photo when more are uploaded other than it (property)', () => {
    fc.assert(fc.property(arbPolicy, arbKinds, arbKinds, (p, first, more) => {
      const r = requiredPhotos(p);
      const before = missingPhotos(r, first);
      const after = missingPhotos(r, [...first, ...more]);
      expect(after.every((k) => before.includes(k))).toBe(true);
      expect(before.filter((k) => !more.includes(k))).toEqual(after);
    }));
  });
});
