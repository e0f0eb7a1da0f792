import { z } from 'zod';
import { I18nText, i18nText, LIMITS, Timestamp, Uuid, Version } from './common';
import { ORGANISATION_KINDS, PARTY_KINDS } from './enums';

const meta = { version: Version, createdAt: Timestamp, updatedAt: Timestamp };

// ---------- parties ----------

/** ISO 3166-1 alpha-2 for states; a short upper-case code for organisations (EAEU). */
export const PartyCode = z
  .string()
  .regex(/^[A-Z]{2,8}$/, 'must be 2–8 upper-case Latin letters (ISO 3166-1 alpha-2 for states)');

export const Party = z.object({
  id: Uuid,
  code: z.string(),
  kind: z.enum(PARTY_KINDS),
  name: I18nText,
  ...meta,
});
export type Party = z.infer<typeof Party>;
export const PartyCreate = z.strictObject({ code: PartyCode, kind: z.enum(PARTY_KINDS), name: I18nText });
export const PartyUpdate = z.strictObject({
  version: Version,
  code: PartyCode.optional(),
  kind: z.enum(PARTY_KINDS).optional(),
  name: I18nText.optional(),
});

// ---------- spheres ----------

export const SphereCode = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be 2–40 characters: lower-case Latin letters, digits, underscore');

export const Sphere = z.object({
  id: Uuid,
  code: z.string(),
  name: I18nText,
  description: i18nText(LIMITS.longText).nullable(),
  position: z.number().int(),
  ...meta,
});
export type Sphere = z.infer<typeof Sphere>;
export const SphereCreate = z.strictObject({
  code: SphereCode,
  name: I18nText,
  description: i18nText(LIMITS.longText).nullable().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export const SphereUpdate = z.strictObject({
  version: Version,
  code: SphereCode.optional(),
  name: I18nText.optional(),
  description: i18nText(LIMITS.longText).nullable().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});

// ---------- organisations ----------

export const Organisation = z.object({
  id: Uuid,
  partyId: Uuid,
  parentId: Uuid.nullable(),
  kind: z.enum(ORGANISATION_KINDS),
  name: I18nText,
  shortName: I18nText.nullable(),
  ...meta,
});
export type Organisation = z.infer<typeof Organisation>;
export const OrganisationCreate = z.strictObject({
  partyId: Uuid,
  parentId: Uuid.nullable().optional(),
  kind: z.enum(ORGANISATION_KINDS),
  name: I18nText,
  shortName: I18nText.nullable().optional(),
});
export const OrganisationUpdate = z.strictObject({
  version: Version,
  parentId: Uuid.nullable().optional(),
  kind: z.enum(ORGANISATION_KINDS).optional(),
  name: I18nText.optional(),
  shortName: I18nText.nullable().optional(),
});
export const OrganisationQuery = z.object({
  partyId: Uuid.optional(),
  q: z.string().max(200).optional(),
});
