/**
 * Small helpers shared by the roadmap, measure and timeline features: localised text with
 * Russian fallback, today's date, code ordering.
 * (Date and number formatting come from `i18n/index.ts`.)
 */
import type { I18nText, Organisation } from '../../../contracts';
import { localize } from '../../components/LocalizedText';
import { isLocale } from '../../i18n';

/** Plain localised string (tables, options, aria-labels), falling back to Russian. */
export const textOf = (text: I18nText | null | undefined, language: string | undefined) =>
  localize(text, isLocale(language) ? language : 'ru').text;

/** An organisation's short name when it has one: table cells are narrow. */
export function orgLabel(org: Organisation | undefined, language: string | undefined): string {
  if (!org) return '';
  return textOf(org.shortName ?? org.name, language) || textOf(org.name, language);
}

/** Today as `YYYY-MM-DD` in the reader's time zone. */
export function todayIso(now = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

const SEGMENT = /^([A-Z]*)(\d+)$/;

/**
 * Orders codes as the server's sort key does (src/domain/measures.ts `codeSortKey`): level by
 * level, the joint series before the parties' own series (`1.4.2` < `1.4.KZ1` < `1.4.RU1`),
 * series by party code, numbers as numbers (`2.10` after `2.9`, `1.KZ10` after `1.KZ2`), and a
 * parent before its children.
 */
export function compareCodes(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  const n = Math.min(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const sa = SEGMENT.exec(pa[i]);
    const sb = SEGMENT.exec(pb[i]);
    // a segment that is not a code (never sent by the server) falls back to plain text order
    if (!sa || !sb) {
      if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
      continue;
    }
    if (sa[1] !== sb[1]) return sa[1] < sb[1] ? -1 : 1;
    const d = Number(sa[2]) - Number(sb[2]);
    if (d !== 0) return d;
  }
  return pa.length - pb.length;
}
