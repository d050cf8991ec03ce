import type { CheckIn } from '../../contracts/checkin.ts';

/**
 * `next` with each photo's signed link replaced by the one already shown when both name the same stored file and the
 * old one stays valid for another minute. Every answer signs the links anew, so without this each poll would make the
 * browser download every thumbnail again.
 */
export function withStablePhotoUrls(before: CheckIn | undefined, next: CheckIn, nowMs: number): CheckIn {
  if (!before) return next;
  const photos = next.photos.map((photo) => {
    const old = before.photos.find((p) => p.kind === photo.kind)?.url;
    if (!old || !photo.url || old.split('?')[0] !== photo.url.split('?')[0]) return photo;
    const exp = Number(new URLSearchParams(old.split('?')[1] ?? '').get('exp'));
    return exp * 1000 > nowMs + 60_000 ? { ...photo, url: old } : photo;
  });
  return { ...next, photos };
}
