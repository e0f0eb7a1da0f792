/**
 * What every indicator write checks: the measure is visible and the actor may manage its
 * indicators; numbers fit the unit; target periods belong to the measure's roadmap.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { IndicatorUnit } from '../../contracts/indicators';
import { msg } from '../../contracts/messages';
import type { DbOrTx, Tx } from '../../db/client';
import { indicators, indicatorTargets, periods } from '../../db/schema';
import { detail, type ErrorDetail, fieldError, forbidden } from '../../domain/errors';
import { valueProblem } from '../../domain/indicators';
import { canManageIndicators } from '../../domain/joint-policies';
import type { Actor } from '../../domain/policies';
import { loadVisible } from '../measures/rules';

/** The measure (visible, else 404) with its responsible bodies, for an indicator write. */
export async function measureForIndicators(tx: Tx, actor: Actor, measureId: string) {
  const m = await loadVisible(tx, actor, measureId);
  const responsible = (
    await tx.execute<{
      organisationId: string;
      partyId: string;
    }>(sql`select organisation_id as "organisationId",
      party_id as "partyId" from measure_responsibles where measure_id = ${measureId}`)
  ).rows;
  if (!canManageIndicators(actor, { ...m, responsible }))
    throw forbidden(msg('forbidden.indicators', { code: m.code }));
  return m;
}

/** A detail when `value` does not fit `unit`. */
export function rangeDetail(path: string, unit: IndicatorUnit, value: number): ErrorDetail | null {
  const r = valueProblem(unit, value);
  return r ? detail(path, 'indicator.range', r) : null;
}

export interface NumbersInput {
  unit: IndicatorUnit;
  baseline?: { value: number; date: string } | null;
  targets: { periodId: string; value: number }[] | undefined;
}

/** Checks the baseline and targets against the unit and the roadmap's periods (422 naming each field). */
export async function checkNumbers(tx: Tx, roadmapId: string, input: NumbersInput) {
  const details: ErrorDetail[] = [];
  if (input.baseline) {
    const d = rangeDetail('baseline.value', input.unit, input.baseline.value);
    if (d) details.push(d);
  }
  const targets = input.targets ?? [];
  const known = targets.length
    ? new Set(
        (
          await tx
            .select({ id: periods.id })
            .from(periods)
            .where(
              and(
                inArray(
                  periods.id,
                  targets.map((t) => t.periodId),
                ),
                eq(periods.roadmapId, roadmapId),
              ),
            )
        ).map((p) => p.id),
      )
    : new Set<string>();
  targets.forEach((t, i) => {
    if (!known.has(t.periodId)) details.push(detail(`targets.${i}.periodId`, 'indicator.periodOtherRoadmap'));
    const d = rangeDetail(`targets.${i}.value`, input.unit, t.value);
    if (d) details.push(d);
  });
  if (details.length) throw fieldError('rule_violation', details);
}

/** Replaces an indicator's targets. */
export async function replaceTargets(
  tx: Tx,
  indicatorId: string,
  targets: { periodId: string; value: number }[],
) {
  await tx.delete(indicatorTargets).where(eq(indicatorTargets.indicatorId, indicatorId));
  if (targets.length)
    await tx
      .insert(indicatorTargets)
      .values(targets.map((t) => ({ indicatorId, periodId: t.periodId, value: t.value })));
}

/** The indicator's row, locked, or 404. */
export async function loadIndicatorRow(db: DbOrTx, id: string) {
  const [row] = await db.select().from(indicators).where(eq(indicators.id, id));
  return row ?? null;
}
