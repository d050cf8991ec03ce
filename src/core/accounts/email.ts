/** Canonical form of an email address for uniqueness: trimmed and lower-cased (the domain is case-insensitive,
 * and no mainstream provider treats the local part's case as significant). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Collapses runs of whitespace in a legal name and trims it, keeping its letters exactly as written on the ID. */
export function normalizeLegalName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ');
}
