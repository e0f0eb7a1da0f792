/**
 * Calendar dates as people type them: «31.12.2026» in Russian and Kazakh, «31/12/2026» in
 * English (day first, as en-GB writes it); ISO «2026-12-31» is understood in every language.
 * The API speaks `YYYY-MM-DD`; these functions convert between the two.
 */
import { DATE_RANGE } from '../../contracts';

const SEPARATOR: Record<string, string> = { ru: '.', kk: '.', en: '/' };

/** `YYYY-MM-DD` → the language's written form; anything else is returned as it is. */
export function formatDateText(iso: string, lang: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const sep = SEPARATOR[lang] ?? '.';
  return `${m[3]}${sep}${m[2]}${sep}${m[1]}`;
}

/** What a typed date means: nothing, a day, or why it is not one. */
export type ParsedDate =
  | { kind: 'empty' }
  | { kind: 'date'; iso: string }
  | { kind: 'error'; reason: 'format' | 'notReal' | 'range' };

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Reads a typed date: day, month and year separated by `.`, `/` or `-` («1.2.2027»,
 * «01/02/27»: a two-digit year is in this century), or ISO `YYYY-MM-DD`. A date that does
 * not exist (31.02) or lies outside the API's range is an error, never moved to a neighbour.
 */
export function parseDateText(text: string): ParsedDate {
  const s = text.trim();
  if (!s) return { kind: 'empty' };
  let y: number;
  let mo: number;
  let d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const dmy = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$/.exec(s);
  if (iso) [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dmy) {
    [d, mo, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
    if (dmy[3].length === 2) y += 2000;
  } else return { kind: 'error', reason: 'format' };
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (mo < 1 || mo > 12 || d < 1 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    return { kind: 'error', reason: 'notReal' };
  const out = `${y}-${pad(mo)}-${pad(d)}`;
  if (out < DATE_RANGE.min || out > DATE_RANGE.max) return { kind: 'error', reason: 'range' };
  return { kind: 'date', iso: out };
}

/** True for a `YYYY-MM-DD` string that is a real day (what a form may send). */
export const isIsoDate = (v: string) => {
  const p = parseDateText(v);
  return p.kind === 'date' && p.iso === v;
};
