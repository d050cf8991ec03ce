/** Words for the check-in pages: ordinals and waiting times. */

/** `1st`, `2nd`, `3rd`, `11th`, `22nd`… */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}

/** A waiting time as a range of whole minutes, e.g. "about 2 to 5 minutes", or "less than a minute". */
export function waitRange(lowMs: number, highMs: number): string {
  if (highMs < 60_000) return 'less than a minute';
  const low = Math.max(1, Math.floor(lowMs / 60_000));
  const high = Math.max(1, Math.ceil(highMs / 60_000));
  if (low >= high) return `about ${high} minute${high === 1 ? '' : 's'}`;
  return `about ${low} to ${high} minutes`;
}
