/**
 * A measure that changes tier or owner (the secretariat's decision) changes numbering series:
 * a measure made joint leaves its party's series for the joint one, and a measure made
 * internal leaves the joint series; its children follow the rule of their new parent.
 */
import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { measureDependencies, measures } from '../../db/schema';
import { ruleViolation } from '../../domain/errors';
import { codeSeries, dependencyRuleError, seriesFor } from '../../domain/measures';
import { MEASURE_COLUMNS, type MeasureRow } from './queries';
import { partyCode, type Shape } from './rules';
import { nextFreeCode, renumberSubtree } from './tree';

export async function retier(
  tx: Tx,
  cur: MeasureRow,
  parent: Pick<MeasureRow, 'id' | 'code' | 'tier'> | null,
  shape: Pick<Shape, 'tier' | 'ownerPartyId'>,
  prefix: string,
) {
  const children = await tx
    .select(MEASURE_COLUMNS)
    .from(measures)
    .where(eq(measures.parentId, cur.id))
    .orderBy(asc(measures.sortKey));
  if (
    shape.tier === 'internal' &&
    children.some((c) => c.tier !== 'internal' || c.ownerPartyId !== shape.ownerPartyId)
  )
    throw ruleViolation(`${prefix}tier`, 'measure.jointChildren');
  const dependants = await tx
    .select({ tier: measures.tier, ownerPartyId: measures.ownerPartyId, code: measures.code })
    .from(measureDependencies)
    .innerJoin(measures, eq(measures.id, measureDependencies.measureId))
    .where(eq(measureDependencies.dependsOnId, cur.id));
  const broken = dependants.find((d) => dependencyRuleError(d, shape));
  if (broken)
    throw ruleViolation(
      `${prefix}tier`,
      dependencyRuleError(broken, shape) === 'dependency.jointOnly'
        ? 'measure.dependantJoint'
        : 'measure.dependantOtherParty',
      { code: broken.code },
    );

  const series = seriesFor(
    { tier: shape.tier, ownerPartyCode: await partyCode(tx, shape.ownerPartyId) },
    parent,
  );
  let code = cur.code;
  if (codeSeries(cur.code) !== series) {
    code = await nextFreeCode(tx, cur.roadmapId, parent, series);
    await renumberSubtree(tx, cur, code, 0);
  }
  const self = { id: cur.id, code };
  for (const c of children) {
    const [fresh] = await tx.select(MEASURE_COLUMNS).from(measures).where(eq(measures.id, c.id));
    const childSeries = seriesFor(
      { tier: c.tier, ownerPartyCode: await partyCode(tx, c.ownerPartyId) },
      shape,
    );
    if (codeSeries(fresh.code) === childSeries) continue;
    await renumberSubtree(tx, fresh, await nextFreeCode(tx, cur.roadmapId, self, childSeries), 0);
  }
}
