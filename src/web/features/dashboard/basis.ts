/**
 * The dashboard's one counting basis: leaf measures (those without children), the units
 * of work that are actually carried out. Parents are roll-ups of them, so counting both
 * would count the same work twice. Pure helpers, so the rules are tested without a page.
 */
import type { Measure } from '../../../contracts';

/** How many leaf measures the dashboard fetches to rank organisations by overdue work. */
export const OVERDUE_FETCH_LIMIT = 500;

/** `YYYY-MM-DD` plus n days. */
export function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** One organisation's overdue leaf measures. */
export interface OrganisationOverdue {
  organisationId: string;
  partyId: string;
  overdue: number;
}

/**
 * Counts overdue leaf measures per responsible organisation, by the summary's rule: a
 * measure counts once for each organisation responsible for it (lead or co-executor).
 * Sorted by most overdue, ties by organisation id so the order is stable.
 */
export function overdueByOrganisation(
  measures: readonly Pick<Measure, 'id' | 'responsible'>[],
): OrganisationOverdue[] {
  const out = new Map<string, OrganisationOverdue>();
  for (const m of measures) {
    const seen = new Set<string>();
    for (const r of m.responsible) {
      if (seen.has(r.organisationId)) continue;
      seen.add(r.organisationId);
      const cur = out.get(r.organisationId);
      if (cur) cur.overdue += 1;
      else out.set(r.organisationId, { organisationId: r.organisationId, partyId: r.partyId, overdue: 1 });
    }
  }
  return [...out.values()].sort(
    (a, b) => b.overdue - a.overdue || a.organisationId.localeCompare(b.organisationId),
  );
}
