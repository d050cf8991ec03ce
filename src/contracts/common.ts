import { z } from 'zod';

/** The error body every non-2xx API answer carries. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string().meta({ description: 'Stable machine-readable code, e.g. `EmailTaken`.' }),
    message: z.string().meta({ description: 'Human-readable explanation.' }),
    details: z.unknown().optional(),
  }),
}).meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Uuid = z.uuid();
export const IsoDateTime = z.iso.datetime({ offset: true });

/** Query-string paging: newest first, `before` is an exclusive cursor. */
export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().positive().optional(),
});
