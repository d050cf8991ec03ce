/** A random key for the `Idempotency-Key` header of one checkout, kept in this tab's session storage by hold, so a
 * reload of the checkout page repeats the same key instead of risking a second booking. */
export function checkoutKey(holdId: string): string {
  const storageKey = `invigil.checkout.${holdId}`;
  try {
    const stored = window.sessionStorage.getItem(storageKey);
    if (stored) return stored;
  } catch {
    // Storage can be off (private mode settings): a key for this page's life is still enough against double-clicks.
  }
  const key = randomKey();
  try {
    window.sessionStorage.setItem(storageKey, key);
  } catch {
    // See above.
  }
  return key;
}

function randomKey(): string {
  // randomUUID needs a secure context; getRandomValues works on plain-HTTP installations too.
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
