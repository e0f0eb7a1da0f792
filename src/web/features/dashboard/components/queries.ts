/** The GET /measures filters of the dashboard's lists, all on the leaf basis (see ../basis.ts). */
import type { QueryParams } from '../../../api/client';
import { addDays } from '../basis';

/** Overdue leaf measures, the most overdue first. */
export const overdueLeavesQuery = (roadmapId: string): QueryParams => ({
  roadmapId,
  overdue: true,
  leaf: true,
  sort: 'dueDate',
});

/** At-risk leaf measures, the earliest due first. */
export const atRiskLeavesQuery = (roadmapId: string): QueryParams => ({
  roadmapId,
  atRisk: true,
  leaf: true,
  sort: 'dueDate',
});

/** Open leaf measures due within 30 days from `asOf`. */
export const dueSoonLeavesQuery = (roadmapId: string, asOf: string): QueryParams => ({
  roadmapId,
  dueFrom: asOf,
  dueTo: addDays(asOf, 30),
  status: 'not_started,in_progress',
  leaf: true,
  sort: 'dueDate',
});
