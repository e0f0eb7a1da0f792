/**
 * Who may read a progress report (issue 8 §2). A party's drafts, submitted and returned
 * reports and their return reasons are that party's internal data: its coordinators and
 * reporters (and admins) read them; everybody else reads a report only once it is approved,
 * and only when they may read its measure. Mirrored in SQL by services/reports/visibility.ts.
 */
import type { ReportState, Tier } from '../contracts/enums';
import { type Actor, canReadMeasure, internalScope } from './policies';

/** The facts of a report (and its measure) the rule reads. */
export interface ReportFacts {
  partyId: string;
  state: ReportState;
  measure: { tier: Tier; ownerPartyId: string | null };
}

/** May the actor read this report? Others get 404, as if it did not exist. */
export function canReadReport(a: Actor, r: ReportFacts): boolean {
  if (!canReadMeasure(a, r.measure)) return false;
  const scope = internalScope(a);
  if (scope === 'all' || scope === r.partyId) return true;
  return r.state === 'approved';
}
