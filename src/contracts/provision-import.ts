/**
 * Agreement text → provisions (issue 10 §5): the import's dry run and save, and the keyword
 * vocabularies per sphere that suggest a provision's spheres.
 */
import { z } from 'zod';
import { ProvisionNumber, Provision } from './agreements';
import { cleanText, i18nText, LIMITS, QueryBool, Uuid, Version } from './common';

export const KEYWORD_LIMITS = { word: 100, perLanguage: 300 } as const;
/** The most provisions one import saves. */
export const IMPORT_MAX_PROVISIONS = 2000;
/** The largest TXT or DOCX file the import reads. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

const Words = z
  .array(cleanText(z.string().trim().min(1, 'is required').max(KEYWORD_LIMITS.word)))
  .max(KEYWORD_LIMITS.perLanguage)
  .refine((a) => new Set(a.map((w) => w.toLowerCase())).size === a.length, 'must not repeat a word');

export const SphereKeywordsUpdate = z.strictObject({
  version: Version.optional().describe(
    'the version you read; absent for a sphere still on the default words',
  ),
  ru: Words,
  kk: Words,
  en: Words,
});

export const SphereKeywords = z.object({
  sphereId: Uuid,
  source: z
    .enum(['custom', 'default', 'none'])
    .describe("custom: an admin's words; default: Accord's words for this sphere code; none: no words yet"),
  version: z.number().int().nullable().describe('null until an admin saves the words'),
  ru: z.array(z.string()),
  kk: z.array(z.string()),
  en: z.array(z.string()),
});
export type SphereKeywords = z.infer<typeof SphereKeywords>;

export const ProvisionImportQuery = z.object({
  dryRun: QueryBool.default(true).describe(
    'true: split and suggest, save nothing; false: save the list sent',
  ),
});

const ImportItem = z.strictObject({
  number: ProvisionNumber,
  text: i18nText(LIMITS.longText),
  sphereIds: z
    .array(Uuid)
    .max(50)
    .refine((a) => new Set(a).size === a.length, 'must not repeat a sphere')
    .default([]),
});

/** The JSON body: `text` for a dry run (or a TXT/DOCX file as multipart); `provisions` to save. */
export const ProvisionImportBody = z
  .strictObject({
    text: cleanText(z.string().max(LIMITS.fullText)).optional().describe('the pasted text (dry run)'),
    provisions: z
      .array(ImportItem)
      .min(1)
      .max(IMPORT_MAX_PROVISIONS)
      .optional()
      .describe('the reviewed provisions to save (dryRun=false)'),
    replace: z
      .boolean()
      .default(false)
      .describe('update the provisions that already have these numbers instead of refusing (409)'),
  })
  .nullish();

export const SKIPPED_KINDS = ['preamble', 'signature', 'heading', 'other'] as const;

export const ProvisionImportPreview = z.object({
  language: z.enum(['ru', 'kk', 'en']).describe('the language the text is written in'),
  provisions: z.array(
    z.object({
      number: z.string(),
      text: z.string(),
      heading: z.string().nullable().describe('the article or section title it sits under'),
      sphereIds: z.array(Uuid).describe('suggested spheres, best first'),
      matched: z.array(z.array(z.string())).describe('per suggested sphere, the keywords found in the text'),
    }),
  ),
  skipped: z.array(z.object({ kind: z.enum(SKIPPED_KINDS), text: z.string() })),
  existing: z.array(z.string()).describe('numbers the agreement already has among those found'),
});
export type ProvisionImportPreview = z.infer<typeof ProvisionImportPreview>;

export const ProvisionImportSaved = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  data: z.array(Provision).describe('the saved provisions, in the order sent'),
});
export type ProvisionImportSaved = z.infer<typeof ProvisionImportSaved>;
