import { z } from 'zod';
import { I18nText, IsoDate, i18nText, LIMITS, PageQuery, Timestamp, Uuid, Version } from './common';
import { AGREEMENT_KINDS, AGREEMENT_STATUSES } from './enums';

const meta = { version: Version, createdAt: Timestamp, updatedAt: Timestamp };

export const Agreement = z.object({
  id: Uuid,
  kind: z.enum(AGREEMENT_KINDS),
  title: I18nText,
  partyIds: z.array(Uuid),
  signedOn: IsoDate.nullable(),
  signedPlace: I18nText.nullable(),
  binding: z.boolean(),
  status: z.enum(AGREEMENT_STATUSES),
  fullText: i18nText(LIMITS.fullText).nullable(),
  provisionCount: z.number().int(),
  amendsAgreementId: Uuid.nullable().describe('the agreement this one amends'),
  amendments: z
    .array(
      z.object({
        id: Uuid,
        title: I18nText,
        signedOn: IsoDate.nullable(),
        status: z.enum(AGREEMENT_STATUSES),
        changedProvisionIds: z.array(Uuid).describe("this agreement's provisions the amendment changes"),
      }),
    )
    .describe('agreements amending this one, oldest signed first'),
  ...meta,
});
export type Agreement = z.infer<typeof Agreement>;

const FullText = i18nText(LIMITS.fullText);
const PartyIds = z
  .array(Uuid)
  .min(2, 'an agreement has at least two parties')
  .max(50)
  .refine((a) => new Set(a).size === a.length, 'must not repeat a party');

export const AgreementCreate = z.strictObject({
  kind: z.enum(AGREEMENT_KINDS),
  title: I18nText,
  partyIds: PartyIds,
  signedOn: IsoDate.nullable().optional(),
  signedPlace: I18nText.nullable().optional(),
  binding: z.boolean(),
  status: z.enum(AGREEMENT_STATUSES).default('signed'),
  fullText: FullText.nullable().optional(),
  amendsAgreementId: Uuid.nullable().optional(),
});
export const AgreementUpdate = z.strictObject({
  version: Version,
  kind: z.enum(AGREEMENT_KINDS).optional(),
  title: I18nText.optional(),
  partyIds: PartyIds.optional(),
  signedOn: IsoDate.nullable().optional(),
  signedPlace: I18nText.nullable().optional(),
  binding: z.boolean().optional(),
  status: z.enum(AGREEMENT_STATUSES).optional(),
  fullText: FullText.nullable().optional(),
  amendsAgreementId: Uuid.nullable().optional(),
});
export const AgreementQuery = PageQuery.extend({
  partyId: Uuid.optional(),
  status: z.enum(AGREEMENT_STATUSES).optional(),
  q: z.string().max(200).optional(),
});

/** `1`, `2.3`, `12.1.4`, optionally with a letter suffix (`3a`). */
export const ProvisionNumber = z
  .string()
  .trim()
  .regex(/^\d{1,3}[a-z]?(\.\d{1,3}[a-z]?){0,5}$/, 'must be a clause number such as 1, 2.3 or 4.1a');

export const Provision = z.object({
  id: Uuid,
  agreementId: Uuid,
  number: z.string(),
  position: z.number().int(),
  text: i18nText(LIMITS.longText),
  sphereIds: z.array(Uuid),
  amendsProvisionId: Uuid.nullable().describe('the provision of the amended agreement this one changes'),
  ...meta,
});
export type Provision = z.infer<typeof Provision>;

const SphereIds = z
  .array(Uuid)
  .max(50)
  .refine((a) => new Set(a).size === a.length, 'must not repeat a sphere');

export const ProvisionCreate = z.strictObject({
  number: ProvisionNumber,
  position: z.number().int().min(0).max(100_000).optional(),
  text: i18nText(LIMITS.longText),
  sphereIds: SphereIds.default([]),
  amendsProvisionId: Uuid.nullable().optional(),
});
export const ProvisionUpdate = z.strictObject({
  version: Version,
  number: ProvisionNumber.optional(),
  position: z.number().int().min(0).max(100_000).optional(),
  text: i18nText(LIMITS.longText).optional(),
  sphereIds: SphereIds.optional(),
  amendsProvisionId: Uuid.nullable().optional(),
});

/** The new reading order of an agreement's provisions: every one of its provisions, once. */
export const ProvisionOrder = z.strictObject({
  ids: z
    .array(Uuid)
    .min(1)
    .max(10_000)
    .refine((a) => new Set(a).size === a.length, 'must not repeat an id'),
});

/** A document of an agreement (the signed text), without its bytes. */
export const AgreementDocument = z.object({
  id: Uuid,
  agreementId: Uuid,
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string().describe('hex SHA-256 of the bytes'),
  uploadedAt: Timestamp,
  uploadedBy: Uuid.nullable(),
});
export type AgreementDocument = z.infer<typeof AgreementDocument>;
