/** Changes or removes an indicator (admins, coordinators of a responsible party of its measure). */
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Indicator, IndicatorUnit, IndicatorUpdate } from '../../contracts/indicators';
import type { Tx } from '../../db/client';
import { indicators } from '../../db/schema';
import { notFound } from '../../domain/errors';
import type { Actor } from '../../domain/policies';
import { checkVersion } from '../common';
import type { Ctx } from '../context';
import { mutate } from '../core/mutate';
import { indicatorsById } from './present';
import { checkNumbers, measureForIndicators, replaceTargets } from './rules';

/** The indicator locked, its measure checked for the actor (404 when either is not visible). */
async function loadForChange(tx: Tx, actor: Actor, id: string, version: number) {
  const [row] = await tx.select().from(indicators).where(eq(indicators.id, id)).for('update');
  if (!row) throw notFound('indicator');
  const m = await measureForIndicators(tx, actor, row.measureId).catch((e) => {
    // an indicator of a measure the actor may not see does not exist for it
    throw e?.code === 'not_found' ? notFound('indicator') : e;
  });
  checkVersion(row, version, 'indicator');
  const [before] = await indicatorsById(tx, [id]);
  return { row, m, before, partyScope: m.tier === 'internal' ? m.ownerPartyId : null };
}

export async function updateIndicator(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: z.output<typeof IndicatorUpdate>,
): Promise<Indicator> {
  return mutate(ctx, actor, async (tx, audit) => {
    const { m, before, partyScope } = await loadForChange(tx, actor, id, input.version);
    const unit = (input.unit ?? before.unit) as IndicatorUnit;
    const baseline = input.baseline !== undefined ? input.baseline : before.baseline;
    const targets = input.targets ?? before.targets;
    // a new unit is checked against the numbers already there as well
    await checkNumbers(tx, m.roadmapId, { unit, baseline, targets });
    await tx
      .update(indicators)
      .set({
        name: input.name ?? before.name,
        unit,
        direction: input.direction ?? before.direction,
        baselineValue: baseline?.value ?? null,
        baselineDate: baseline?.date ?? null,
        version: sql`${indicators.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(indicators.id, id));
    if (input.targets) await replaceTargets(tx, id, input.targets);
    const [after] = await indicatorsById(tx, [id]);
    audit.record({
      action: 'indicator.update',
      entityType: 'indicator',
      entityId: id,
      before,
      after,
      partyScope,
    });
    return after;
  });
}

export async function deleteIndicator(ctx: Ctx, actor: Actor, id: string, version: number): Promise<void> {
  await mutate(ctx, actor, async (tx, audit) => {
    const { before, partyScope } = await loadForChange(tx, actor, id, version);
    await tx.delete(indicators).where(eq(indicators.id, id));
    audit.record({ action: 'indicator.delete', entityType: 'indicator', entityId: id, before, partyScope });
  });
}
