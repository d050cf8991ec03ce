import type { z } from 'zod';
import { ProgramBody, type Program } from '../../../contracts/catalog.ts';

export type ProgramData = z.infer<typeof Program>;

/** The text of a program's editable fields; empty strings stand for "not set". */
export interface ProgramValues {
  name: string;
  contactEmail: string;
  website: string;
  issuerName: string;
  issuerUrl: string;
}

export const blankProgram: ProgramValues = { name: '', contactEmail: '', website: '', issuerName: '', issuerUrl: '' };

/** A saved program as form values. */
export function valuesOf(program: ProgramData): ProgramValues {
  return {
    name: program.name,
    contactEmail: program.contactEmail ?? '',
    website: program.website ?? '',
    issuerName: program.issuerName,
    issuerUrl: program.issuerUrl ?? '',
  };
}

/** The `ProgramBody` for form values: empty optional fields become null (cleared), an empty issuer name
 * becomes the program name (the server's default for new programs). */
export function bodyOf(values: ProgramValues) {
  const name = values.name.trim();
  return {
    name,
    issuerName: values.issuerName.trim() || name,
    contactEmail: values.contactEmail.trim() || null,
    website: values.website.trim() || null,
    issuerUrl: values.issuerUrl.trim() || null,
  };
}

/** react-aria `validate` for a web address field: the contract's rule (http or https) with a readable message. */
export function validateWebAddress(value: string): string | null {
  const text = value.trim();
  if (!text) return null;
  return ProgramBody.shape.website.safeParse(text).success ? null : 'Enter a full web address starting with https://, e.g. https://example.org.';
}

/** react-aria `validate` for the contact email field. */
export function validateEmail(value: string): string | null {
  const text = value.trim();
  if (!text) return null;
  return ProgramBody.shape.contactEmail.safeParse(text).success ? null : 'Enter a valid email address, e.g. exams@example.org.';
}

/** react-aria `validate` for the names (2 to 120 characters once trimmed). */
export function validateName(value: string): string | null {
  const text = value.trim();
  if (!text) return null;
  return text.length < 2 ? 'Use at least 2 characters.' : null;
}

/** The address to link to, only for http(s) URLs (never `javascript:` or the like). */
export function webHref(url: string | null): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}
