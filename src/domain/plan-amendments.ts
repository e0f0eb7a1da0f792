/**
 * Amending an agreed plan (issue 9 §4). Once a roadmap is approved, a change of the plan itself
 * — dates, responsible bodies, titles, new and removed measures — is an amendment: it must say
 * why (`reason`) and may cite a commission decision. The plan is agreed by the approval, whether
 * or not it was frozen as a baseline then (roadmaps approved before baselines existed were not).
 * Progress and status are monitoring, not plan (another rule governs their corrections).
 */
import type { RoadmapStatus } from '../contracts/enums';

/** The measure fields that are "the plan". */
export const PLAN_AMENDMENT_FIELDS = ['title', 'startDate', 'dueDate', 'responsible'] as const;

/** What a write does to a measure: creates it, removes it, or changes these fields. */
export type PlanWrite =
  | { kind: 'create' }
  | { kind: 'delete' }
  | { kind: 'update'; fields: readonly string[] };

/** Is this write, in a roadmap of this status, a plan amendment (and so needs a reason)? */
export function isPlanAmendment(roadmapStatus: RoadmapStatus | string, write: PlanWrite): boolean {
  if (roadmapStatus !== 'approved') return false;
  if (write.kind !== 'update') return true;
  return amendedFields(write.fields).length > 0;
}

/** Which fields of an update make it an amendment (for naming them in the refusal). */
export const amendedFields = (fields: readonly string[]) =>
  fields.filter((f) => (PLAN_AMENDMENT_FIELDS as readonly string[]).includes(f));
