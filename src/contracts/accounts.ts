import { z } from 'zod';
import { roles, staffRoles } from '../core/accounts/roles.ts';
import { passwordMaxLength, passwordMinLength } from '../core/accounts/password-policy.ts';
import { isValidTimeZone, supportedLanguages } from '../core/accounts/time-zone.ts';
import { IsoDateTime, Uuid } from './common.ts';

export const Role = z.enum(roles);
export const StaffRole = z.enum(staffRoles);
export const Email = z.string().trim().max(254).pipe(z.email({ message: 'Enter a valid email address.' }));
export const Password = z.string().min(passwordMinLength, `Use at least ${passwordMinLength} characters.`).max(passwordMaxLength);
export const LegalName = z.string().trim().min(1, 'Enter your name as it appears on your ID.').max(200);
export const TimeZone = z.string().max(64).refine(isValidTimeZone, 'Unknown time zone.');
export const Language = z.enum(supportedLanguages);

/** A user as the API shows it (never the password hash). */
export const User = z.object({
  id: Uuid,
  email: z.string(),
  legalName: z.string(),
  timeZone: z.string(),
  language: Language,
  roles: z.array(Role),
  emailVerified: z.boolean(),
  createdAt: IsoDateTime,
}).meta({ id: 'User' });
export type User = z.infer<typeof User>;

export const SignUpBody = z.strictObject({
  legalName: LegalName,
  email: Email,
  password: Password,
  timeZone: TimeZone,
  language: Language.default('en'),
});
export type SignUpBody = z.input<typeof SignUpBody>;

export const LogInBody = z.strictObject({
  email: Email,
  password: z.string().min(1).max(passwordMaxLength),
});

export const TokenBody = z.strictObject({ token: z.string().min(16).max(200) });

export const PasswordResetRequestBody = z.strictObject({ email: Email });
export const PasswordResetConfirmBody = z.strictObject({ token: z.string().min(16).max(200), password: Password });

export const UpdateProfileBody = z.strictObject({
  legalName: LegalName.optional(),
  timeZone: TimeZone.optional(),
  language: Language.optional(),
});

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(passwordMaxLength),
  newPassword: Password,
});

export const UserResponse = z.object({ user: User });

export const Meta = z.object({
  name: z.literal('Invigil'),
  version: z.string(),
  demo: z.boolean().meta({ description: 'Demo mode: the admin app shows the mail outbox.' }),
  languages: z.array(Language),
});
