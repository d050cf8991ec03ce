import type { ZodType } from 'zod';

/** Turns a contract schema into a react-aria `validate` function: the schema's messages, or null when valid. */
export function validateWith<T>(schema: ZodType<T>): (value: unknown) => string[] | null {
  return (value) => {
    // Empty required fields are left to the browser's own "fill in this field" message.
    if (value === '' || value === null || value === undefined) return null;
    const result = schema.safeParse(value);
    return result.success ? null : result.error.issues.map((issue) => issue.message);
  };
}
