/** Moving a measure and its subtree under another parent, renumbering the subtree's codes. */
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { MeasureMove } from '../../contracts/roadmaps';
import type { Tx } from '../../db/client';
import { measures } from '../../db/schema';
import { forbidden, ruleViolation } from '../../domain/errors';
import { codeFitsParent, moveCreatesCycle, seriesFor } from '../../domain/measures';
import { type Actor, canMoveMeasure } from '../../domain/policies';
import { checkVersion } from '../common';
import { type Ctx, today } from '../context';
import { mutate } from '../core/mutate';
import { loadParent } from './create';
import { auditChange, auditForm, presentMeasure } from './present';
import { presentByIds } from './read';
import { checkShape, loadForWrite, requireOpenRoadmap, partyCode } from './rules';
import { nextFreeCode, renumberSubtree, rollUpAncestors } from './tree';

export async function moveMeasure(ctx: Ctx, actor: Actor, id: string, input: z.output<typeof MeasureMove>) {
  const day = today(ctx);
  return mutate(ctx, actor, async (tx, audit) => {
    const { row: cur, rel, roadmapStatus } = await loadForWrite(tx, actor, id, day);
    checkVersion(cur, input.version, 'measure');
    if (!canMoveMeasure(actor, { ...cur, responsible: rel.responsible }))
      throw forbidden('forbidden.measureMoveJoint');
    requireOpenRoadmap(roadmapStatus, 'roadmapId');
    const parent = input.parentId
      ? await loadParent(tx, actor, input.parentId, cur.roadmapId, 'parentId')
      : null;
    const up = parent ? await ancestry(tx, parent.id) : new Map<string, string | null>();
    if (parent && moveCreatesCycle(id, parent.id, (m) => up.get(m)))
      throw ruleViolation('parentId', 'measure.underItself');
    checkShape({ ...cur, parentId: parent?.id ?? null }, parent);
    const series = seriesFor(
      { tier: cur.tier, ownerPartyCode: await partyCode(tx, cur.ownerPartyId) },
      parent,
    );
    let code = input.code;
    if (code) {
      const err = codeFitsParent(code, parent?.code ?? null, series);
      if (err) throw ruleViolation('code', err);
    } else if ((parent?.id ?? null) === cur.parentId) {
      code = cur.code;
    } else {
      code = await nextFreeCode(tx, cur.roadmapId, parent, series);
    }
    const before = presentMeasure(cur, rel, day);
    await renumberSubtree(tx, cur, code, (parent ? parent.depth + 1 : 0) - cur.depth);
    // the moved measure gets its new parent and version; its subtree keeps theirs (only codes changed)
    await tx
      .update(measures)
      .set({ parentId: parent?.id ?? null, version: sql`${measures.version} + 1`, updatedAt: sql`now()` })
      .where(eq(measures.id, id));
    if (cur.parentId) await rollUpAncestors(tx, cur.parentId);
    if (parent) await rollUpAncestors(tx, parent.id);
    const [after] = await presentByIds(tx, actor, [id], day);
    const change = auditChange(auditForm(before), auditForm(after));
    audit.record({
      action: 'measure.move',
      entityType: 'measure',
      entityId: id,
      before: change.before,
      after: change.after,
      partyScope: cur.ownerPartyId,
    });
    return after;
  });
}

/** Each measure on the path from `id` to the top, with its parent: what `moveCreatesCycle` walks. */
async function ancestry(tx: Tx, id: string): Promise<Map<string, string | null>> {
  const { rows } = await tx.execute<{ id: string; parent_id: string | null }>(sql`
    with recursive up as (
      select id, parent_id, 0 as n from ${measures} where id = ${id}
      union all select m.id, m.parent_id, up.n + 1 from ${measures} m join up on m.id = up.parent_id where up.n < 64)
    select id, parent_id from up`);
  return new Map(rows.map((r) => [r.id, r.parent_id]));
}
