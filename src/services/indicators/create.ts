/** Adds an indicator to a measure (admins, coordinators of a responsible party). */
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Indicator, IndicatorCreate } from '../../contracts/indicators';
import { indicators } from '../../db/schema';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { mutate } from '../core/mutate';
import { indicatorsById } from './present';
import { checkNumbers, measureForIndicators, replaceTargets } from './rules';

export async function createIndicator(
  ctx: Ctx,
  actor: Actor,
  measureId: string,
  input: z.output<typeof IndicatorCreate>,
): Promise<Indicator> {
  return mutate(ctx, actor, async (tx, audit) => {
    const m = await measureForIndicators(tx, actor, measureId);
    await checkNumbers(tx, m.roadmapId, input);
    const [row] = await tx
      .insert(indicators)
      .values({
        measureId,
        name: input.name,
        unit: input.unit,
        direction: input.direction,
        baselineValue: input.baseline?.value ?? null,
        baselineDate: input.baseline?.date ?? null,
        position: sql`(select coalesce(max(position), 0) + 1 from indicators where measure_id = ${measureId})`,
      })
      .returning({ id: indicators.id });
    await replaceTargets(tx, row.id, input.targets);
    const [out] = await indicatorsById(tx, [row.id]);
    audit.record({
      action: 'indicator.create',
      entityType: 'indicator',
      entityId: row.id,
      after: out,
      partyScope: m.tier === 'internal' ? m.ownerPartyId : null,
    });
    return out;
  });
}
