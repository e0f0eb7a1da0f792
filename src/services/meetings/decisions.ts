/** A commission decision as a measure write cites it: which roadmaps its meeting reviews. */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { meetingDecisions, meetingRoadmaps } from '../../db/schema';

/**
 * The roadmaps reviewed by the meeting of `decisionId`, or null when there is no such
 * decision (one query; a meeting reviewing no roadmap answers an empty set).
 */
export async function decisionRoadmaps(db: DbOrTx, decisionId: string): Promise<Set<string> | null> {
  const rows = await db
    .select({ roadmapId: meetingRoadmaps.roadmapId })
    .from(meetingDecisions)
    .leftJoin(meetingRoadmaps, eq(meetingRoadmaps.meetingId, meetingDecisions.meetingId))
    .where(eq(meetingDecisions.id, decisionId));
  if (rows.length === 0) return null;
  return new Set(rows.flatMap((r) => (r.roadmapId ? [r.roadmapId] : [])));
}
