import { z } from 'zod';

/** Size limits shared by the API, the database checks and the web forms. */
export const LIMITS = {
  shortText: 500,
  longText: 20_000,
  fullText: 500_000,
  email: 254,
  password: { min: 10, max: 200 },
  name: 200,
  code: 40,
  pageSize: { default: 50, max: 500 },
  bulk: 1000,
  listItems: 200,
  bodyBytes: 2 * 1024 * 1024,
} as const;

/** Dates are calendar days; anything outside this range is almost certainly a typo. */
export const DATE_RANGE = { min: '1900-01-01', max: '2200-12-31' } as const;

export const Uuid = z.uuid({ message: 'must be a UUID' });

/** A calendar date `YYYY-MM-DD` between 1900 and 2200. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'must be a real calendar date')
  .refine((s) => s >= DATE_RANGE.min && s <= DATE_RANGE.max, {
    message: `must be between ${DATE_RANGE.min} and ${DATE_RANGE.max}`,
  });

export const Timestamp = z.string().describe('ISO 8601 timestamp');

// Control characters but tab, line feed and carriage return; a lone half of a surrogate pair.
const CONTROL_CHARS = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F';
const CONTROL = new RegExp(`[${CONTROL_CHARS}]`);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a text cannot be stored as it is: a control character (PostgreSQL refuses NUL) or
 * broken Unicode; null when it is fine. The server checks every string of every request
 * with it; the schemas below carry the same rule so that the web and the OpenAPI see it.
 */
export function textProblem(s: string): 'text.control' | 'text.unicode' | null {
  if (CONTROL.test(s)) return 'text.control';
  if (LONE_SURROGATE.test(s)) return 'text.unicode';
  return null;
}

/** Adds the rules of `textProblem` to a string schema (a pattern the OpenAPI document shows, and a refinement). */
export const cleanText = (s: z.ZodString) =>
  s
    .regex(
      new RegExp(`^[^${CONTROL_CHARS}]*$`),
      'must not contain control characters (only tab and line breaks are allowed)',
    )
    .refine(
      (v) => !LONE_SURROGATE.test(v),
      'must be well-formed Unicode text (it contains a lone surrogate)',
    );

const textOf = (max: number, required: boolean) => {
  const text = z.string().trim();
  return cleanText((required ? text.min(1, 'is required') : text).max(max));
};

/**
 * A human-readable text in several languages. Russian is required: it is the working
 * language both parties share; Kazakh and English are optional translations.
 */
export const i18nText = (max: number = LIMITS.shortText) =>
  z.strictObject({
    ru: textOf(max, true),
    kk: textOf(max, false).optional(),
    en: textOf(max, false).optional(),
  });
export const I18nText = i18nText();
export type I18nText = z.infer<typeof I18nText>;

/** Every mutable resource carries a version; writes send the version they read. */
export const Version = z.number().int().min(1);

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize.max).default(LIMITS.pageSize.default),
});

/** The shape of every paginated list response. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), page: z.number().int(), limit: z.number().int(), total: z.number().int() });

export const ErrorDetail = z.object({
  path: z.string(),
  message: z.string(),
  /** The catalogue key of the rule (`string.tooLong`), for clients that branch on it. */
  rule: z.string().optional(),
});
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(ErrorDetail).optional(),
    requestId: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const IdParams = z.object({ id: Uuid });

/** `true`/`false`/`1`/`0` in a query string. */
export const QueryBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** A comma-separated list in a query string (`status=in_progress,not_started`). */
export const queryList = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .max(4000)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(LIMITS.listItems));

/**
 * Why a change is made, where one is asked for (a plan change in an approved roadmap, a
 * correction of a measure's status, a reopening, a return): 3–1000 characters, audited.
 */
export const Reason = cleanText(z.string().trim().min(3).max(1000));

/**
 * Parses a number as people type it: a finite number, or a string with a decimal comma or point
 * («12,5», "12.5", "1 200,5"). Null when it is not a number.
 */
export function parseIndicatorNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const s = v.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}
