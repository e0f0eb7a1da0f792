/**
 * Geometry of the timeline, kept pure so the chart only draws: the date range, the scale
 * per zoom level, tick marks, and the rows (group headings and bars).
 */
import type { Measure } from '../../../contracts';
import { compareCodes } from '../roadmap/format';

/** How much time one screen shows. */
export type Zoom = 'month' | 'quarter' | 'year';
/** How bars are grouped. */
export type GroupBy = 'sphere' | 'organisation';

/** Pixels per day at each zoom level (a month ≈ 120 px, a quarter ≈ 130 px, a year ≈ 165 px). */
export const PX_PER_DAY: Record<Zoom, number> = { month: 4, quarter: 1.4, year: 0.45 };

const DAY = 86_400_000;
/** Days since 1970-01-01 of a `YYYY-MM-DD` date, in UTC so that no time zone shifts it. */
export const dayNumber = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
const isoOf = (d: Date) => d.toISOString().slice(0, 10);

/** The first day of the period (month, quarter or year) that contains `iso`. */
export function periodStart(iso: string, zoom: Zoom): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1;
  const month = zoom === 'year' ? 0 : zoom === 'quarter' ? m - (m % 3) : m;
  return isoOf(new Date(Date.UTC(y, month, 1)));
}

/** The first day of the period after the one that starts at `iso`. */
export function nextPeriod(iso: string, zoom: Zoom): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1;
  const step = zoom === 'year' ? 12 : zoom === 'quarter' ? 3 : 1;
  return isoOf(new Date(Date.UTC(y, m + step, 1)));
}

/** The shown range: every measure and today, widened to whole periods with one spare each side. */
export function timeRange(
  measures: readonly Pick<Measure, 'startDate' | 'dueDate'>[],
  today: string,
  zoom: Zoom,
) {
  let min = today;
  let max = today;
  for (const m of measures) {
    if (m.startDate < min) min = m.startDate;
    if (m.dueDate > max) max = m.dueDate;
  }
  const first = periodStart(min, zoom);
  // one spare period before the first start
  const y = Number(first.slice(0, 4));
  const mo = Number(first.slice(5, 7)) - 1;
  const back = zoom === 'year' ? 12 : zoom === 'quarter' ? 3 : 1;
  const start = isoOf(new Date(Date.UTC(y, mo - back, 1)));
  const end = nextPeriod(nextPeriod(periodStart(max, zoom), zoom), zoom);
  return { start, end };
}

/** The x coordinate of the start of a day. */
export const xOf = (iso: string, rangeStart: string, zoom: Zoom) =>
  (dayNumber(iso) - dayNumber(rangeStart)) * PX_PER_DAY[zoom];

/** A bar from the start of its first day to the end of its due day (at least a sliver wide). */
export function barGeometry(m: Pick<Measure, 'startDate' | 'dueDate'>, rangeStart: string, zoom: Zoom) {
  const x = xOf(m.startDate, rangeStart, zoom);
  const days = Math.max(1, dayNumber(m.dueDate) - dayNumber(m.startDate) + 1);
  return { x, width: Math.max(3, days * PX_PER_DAY[zoom]) };
}

/** Period boundaries within the range, for grid lines and labels. */
export function ticks(range: { start: string; end: string }, zoom: Zoom): string[] {
  const out: string[] = [];
  for (let d = range.start; d < range.end; d = nextPeriod(d, zoom)) out.push(d);
  return out;
}

/** Where a scroll position lands on a period boundary, so the first visible period label is whole. */
export function snapToTick(left: number, tickXs: readonly number[]): number {
  let snapped = 0;
  for (const x of tickXs) if (x <= left) snapped = x;
  return snapped;
}

/** A row of the chart. */
export type TimelineRow =
  | { kind: 'section'; key: string; label: string }
  | { kind: 'group'; key: string; label: string; count: number; section?: string }
  | {
      kind: 'bar';
      key: string;
      measure: Measure;
      groupKey: string;
      /** The other groups this measure also appears in (a measure with several spheres). */
      alsoIn: string[];
    };

/** One entry of the group order: an id, its display name and, optionally, the section it belongs to. */
export interface GroupOrder {
  id: string;
  label: string;
  /** A heading above the group, e.g. the party of an organisation. */
  section?: string;
}

/** A group of measures with its display name. */
export interface TimelineGroup {
  key: string;
  label: string;
  section?: string;
  measures: Measure[];
}

/**
 * Groups measures. A measure appears under each of its spheres (or each lead organisation),
 * because "what does this ministry lead?" must show all of it; those with none go last.
 * Groups come in the given order, so organisations ordered by party stay under their party.
 */
export function groupMeasures(
  measures: readonly Measure[],
  by: GroupBy,
  order: readonly GroupOrder[],
  noneLabel: string,
): TimelineGroup[] {
  const groups = new Map<string, Measure[]>();
  const none: Measure[] = [];
  for (const m of measures) {
    const keys =
      by === 'sphere'
        ? m.sphereIds
        : [...new Set(m.responsible.filter((r) => r.role === 'lead').map((r) => r.organisationId))];
    if (keys.length === 0) none.push(m);
    for (const k of keys) {
      const list = groups.get(k);
      if (list) list.push(m);
      else groups.set(k, [m]);
    }
  }
  const byCode = (a: Measure, b: Measure) => compareCodes(a.code, b.code);
  const out: TimelineGroup[] = [];
  for (const o of order) {
    const list = groups.get(o.id);
    if (list?.length)
      out.push({ key: o.id, label: o.label, section: o.section, measures: list.sort(byCode) });
  }
  if (none.length) out.push({ key: 'none', label: noneLabel, measures: none.sort(byCode) });
  return out;
}

/**
 * Flattens groups into rows: a section heading when the section changes, a group heading,
 * then one bar per measure, each knowing the other groups where the same measure appears.
 */
export function rowsOf(groups: readonly TimelineGroup[]): TimelineRow[] {
  const where = new Map<string, string[]>();
  for (const g of groups)
    for (const m of g.measures) {
      const list = where.get(m.id);
      if (list) list.push(g.label);
      else where.set(m.id, [g.label]);
    }
  const rows: TimelineRow[] = [];
  let section: string | undefined;
  for (const g of groups) {
    if (g.section && g.section !== section)
      rows.push({ kind: 'section', key: `s:${g.section}`, label: g.section });
    section = g.section;
    rows.push({
      kind: 'group',
      key: `g:${g.key}`,
      label: g.label,
      count: g.measures.length,
      section: g.section,
    });
    for (const m of g.measures) {
      const alsoIn = (where.get(m.id) ?? []).filter((label) => label !== g.label);
      rows.push({ kind: 'bar', key: `${g.key}:${m.id}`, measure: m, groupKey: g.key, alsoIn });
    }
  }
  return rows;
}
