/** Deleting a measure without children. */
import { msg } from '../../contracts/messages';
import { eq } from 'drizzle-orm';
import { measures } from '../../db/schema';
import { AppError, forbidden } from '../../domain/errors';
import { type Actor, canDeleteMeasure } from '../../domain/policies';
import { checkVersion } from '../common';
import { type Ctx, today } from '../context';
import { mutate } from '../core/mutate';
import { auditForm, presentMeasure } from './present';
import { loadForWrite, requireOpenRoadmap } from './rules';
import { rollUpAncestors } from './tree';
import { amendPlan, checkDecision } from '../baselines/amend';

/**
 * Deletes a measure; in an approved plan the deletion is an amendment and takes its `reason`,
 * and may cite the decision it follows (checked like every write's; recorded in the event, as
 * the measure's own links go with it).
 */
export async function deleteMeasure(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  reason?: string,
  decisionId?: string,
): Promise<void> {
  await mutate(ctx, actor, async (tx, audit) => {
    const { row: cur, rel, roadmapStatus, roadmap } = await loadForWrite(tx, actor, id, today(ctx));
    checkVersion(cur, version, 'measure');
    if (!canDeleteMeasure(actor, { ...cur, responsible: rel.responsible }))
      throw forbidden('forbidden.measureDeleteJoint');
    requireOpenRoadmap(roadmapStatus, 'roadmapId');
    // any child, visible or not, keeps it: a hidden one is not named, only counted as "children"
    const [child] = await tx
      .select({ id: measures.id })
      .from(measures)
      .where(eq(measures.parentId, id))
      .limit(1);
    if (child) throw new AppError('conflict', msg('measure.hasChildren'));
    await checkDecision(tx, decisionId, cur.roadmapId);
    const freeze = { actor, at: ctx.now(), audit };
    await amendPlan(tx, roadmap, { kind: 'delete' }, reason, freeze, '', cur.tier === 'internal');
    await tx.delete(measures).where(eq(measures.id, id));
    if (cur.parentId) await rollUpAncestors(tx, cur.parentId);
    audit.record({
      action: 'measure.delete',
      entityType: 'measure',
      entityId: id,
      before: auditForm(presentMeasure(cur, rel, today(ctx))),
      ...(reason || decisionId
        ? { after: { ...(reason ? { reason } : {}), ...(decisionId ? { decisionId } : {}) } }
        : {}),
      partyScope: cur.ownerPartyId,
    });
  });
}
