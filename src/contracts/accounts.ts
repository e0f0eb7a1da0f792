import { z } from 'zod';
import { LIMITS, PageQuery, Timestamp, Uuid, Version } from './common';
import { LOCALES, ROLES } from './enums';

export const Email = z
  .string()
  .trim()
  .max(LIMITS.email)
  .pipe(z.email({ message: 'must be an e-mail address' }))
  .transform((e) => e.toLowerCase());

export const Password = z
  .string()
  .min(LIMITS.password.min, `must be at least ${LIMITS.password.min} characters`)
  .max(LIMITS.password.max);

const PersonName = z.string().trim().min(1, 'is required').max(LIMITS.name);

/** A user as the API shows it; the password hash never leaves the service layer. */
export const User = z.object({
  id: Uuid,
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  organisationId: Uuid.nullable(),
  partyId: Uuid.nullable(),
  locale: z.enum(LOCALES),
  disabled: z.boolean(),
  lastSignInAt: Timestamp.nullable(),
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type User = z.infer<typeof User>;

export const UserCreate = z.strictObject({
  email: Email,
  name: PersonName,
  role: z.enum(ROLES),
  organisationId: Uuid.nullable().optional(),
  locale: z.enum(LOCALES).default('ru'),
  password: Password,
});
export type UserCreate = z.input<typeof UserCreate>;

export const UserUpdate = z.strictObject({
  version: Version,
  email: Email.optional(),
  name: PersonName.optional(),
  role: z.enum(ROLES).optional(),
  organisationId: Uuid.nullable().optional(),
  locale: z.enum(LOCALES).optional(),
  disabled: z.boolean().optional(),
  password: Password.optional(),
});

export const UserQuery = PageQuery.extend({
  role: z.enum(ROLES).optional(),
  partyId: Uuid.optional(),
  organisationId: Uuid.optional(),
  q: z.string().max(200).optional(),
});

export const SignIn = z.strictObject({
  email: z.string().trim().min(1, 'is required').max(LIMITS.email),
  password: z.string().min(1, 'is required').max(LIMITS.password.max),
});

/** The signed-in user with the capabilities the UI needs to hide what is not allowed. */
export const SessionInfo = z.object({
  user: User,
  expiresAt: Timestamp.nullable(),
});

export const ProfileUpdate = z.strictObject({
  name: PersonName.optional(),
  locale: z.enum(LOCALES).optional(),
});

export const PasswordChange = z.strictObject({
  currentPassword: z.string().min(1, 'is required').max(LIMITS.password.max),
  newPassword: Password,
});

export const ApiToken = z.object({
  id: Uuid,
  name: z.string(),
  prefix: z.string().describe('the first characters of the token, to recognise it'),
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  expiresAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

/** Bounds of a token's name and lifetime; input past them is refused, never cut or rounded. */
export const TOKEN_LIMITS = { name: 100, days: { min: 1, max: 3650 } } as const;

const tokenDays = `must be a whole number of days from ${TOKEN_LIMITS.days.min} to ${TOKEN_LIMITS.days.max}`;

export const ApiTokenCreate = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(TOKEN_LIMITS.name, `must be at most ${TOKEN_LIMITS.name} characters`),
  expiresInDays: z
    .number({ error: tokenDays })
    .int(tokenDays)
    .min(TOKEN_LIMITS.days.min, tokenDays)
    .max(TOKEN_LIMITS.days.max, tokenDays)
    .nullable()
    .optional(),
});

/** Returned once at creation: the secret is never shown again. */
export const ApiTokenCreated = ApiToken.extend({ token: z.string() });
