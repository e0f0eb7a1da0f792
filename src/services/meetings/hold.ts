/**
 * Holding a meeting: it is marked held and a baseline of each roadmap it reviews is frozen,
 * named after it, so that the next meeting's first question — what changed since this one —
 * has its answer.
 */
import { eq, sql } from 'drizzle-orm';
import { msg } from '../../contracts/messages';
import type { Meeting } from '../../contracts/meetings';
import { commissionMeetings, meetingRoadmaps } from '../../db/schema';
import { AppError, detail, notFound, ruleViolation } from '../../domain/errors';
import { canManageMeetings, meetingBaselineName } from '../../domain/meeting-policies';
import type { Actor } from '../../domain/policies';
import { checkVersion } from '../common';
import type { Ctx } from '../context';
import { authorize } from '../core/authorize';
import { mutate } from '../core/mutate';
import { freezeBaseline } from '../baselines/freeze';
import { loadMeeting } from './present';

export async function holdMeeting(ctx: Ctx, actor: Actor, id: string, version: number): Promise<Meeting> {
  authorize(canManageMeetings(actor), 'forbidden.meetings');
  return mutate(ctx, actor, async (tx, audit) => {
    const [cur] = await tx
      .select()
      .from(commissionMeetings)
      .where(eq(commissionMeetings.id, id))
      .for('update');
    if (!cur) throw notFound('meeting');
    checkVersion(cur, version, 'meeting');
    if (cur.heldAt) throw new AppError('conflict', msg('meeting.held'), [detail('heldAt', 'meeting.held')]);
    const links = await tx
      .select({ roadmapId: meetingRoadmaps.roadmapId })
      .from(meetingRoadmaps)
      .where(eq(meetingRoadmaps.meetingId, id));
    if (links.length === 0) throw ruleViolation('roadmapIds', 'meeting.noRoadmaps');
    const at = ctx.now();
    const frozen = [];
    for (const { roadmapId } of links.sort((a, b) => (a.roadmapId < b.roadmapId ? -1 : 1)))
      frozen.push(
        await freezeBaseline(
          tx,
          roadmapId,
          { name: meetingBaselineName(cur.number), kind: 'meeting', meetingId: id, actor, at },
          audit,
        ),
      );
    await tx
      .update(commissionMeetings)
      .set({ heldAt: at, version: version + 1, updatedAt: sql`now()` })
      .where(eq(commissionMeetings.id, id));
    audit.record({
      action: 'meeting.hold',
      entityType: 'meeting',
      entityId: id,
      after: { heldAt: at.toISOString(), baselineIds: frozen.map((b) => b.id) },
    });
    return loadMeeting(tx, actor, id);
  });
}
