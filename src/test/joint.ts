/**
 * Test helpers of the joint-status tests: a reporting period row, a
 * report in a given state written straight to its table (the reports workflow has its own
 * tests), and `reconcileNow`, which runs reconciliation the way the workflow does after an
 * approval or a reopening.
 */
import { and, eq } from 'drizzle-orm';
import type { I18nText } from '../contracts/common';
import type { MeasureStatus, ReportState } from '../contracts/enums';
import { periods, reports } from '../db/schema';
import type { IndicatorValue } from '../db/schema';
import { type Actor, SYSTEM_ACTOR } from '../domain/policies';
import type { Ctx } from '../services/context';
import { mutate } from '../services/core/mutate';
import { reconcile } from '../services/joint-statuses/reconcile';
import { buildMeasure, type World } from './factories';

/** A reporting period of `roadmapId` (quarter 1 of 2026 unless told). */
export async function buildPeriod(ctx: Ctx, roadmapId: string, o: Partial<typeof periods.$inferInsert> = {}) {
  const [p] = await ctx.db
    .insert(periods)
    .values({
      roadmapId,
      code: '2026-Q1',
      startDate: '2026-01-01',
      endDate: '2026-03-31',
      reportDueDate: '2026-04-10',
      ...o,
    })
    .returning();
  return p;
}

/** The roadmap's first two quarters of 2026 (reports due 10 April and 10 July), by their ids. */
export async function buildTwoQuarters(ctx: Ctx, roadmapId: string) {
  const q1 = (await buildPeriod(ctx, roadmapId)).id;
  const q2 = (
    await buildPeriod(ctx, roadmapId, {
      code: '2026-Q2',
      startDate: '2026-04-01',
      endDate: '2026-06-30',
      reportDueDate: '2026-07-10',
    })
  ).id;
  return { q1, q2 };
}

export interface ReportFacts {
  measureId: string;
  periodId: string;
  partyId: string;
  state: ReportState;
  status: MeasureStatus;
  progress: number;
  reviewedBy?: string | null;
  narrative?: I18nText | null;
  indicatorValues?: IndicatorValue[];
}

/** Writes (or rewrites) the party's report on a measure for a period. */
export async function putReport(ctx: Ctx, r: ReportFacts) {
  const values = {
    ...r,
    submittedAt: r.state === 'draft' ? null : ctx.now(),
    reviewedAt: r.state === 'approved' ? ctx.now() : null,
    indicatorValues: r.indicatorValues ?? [],
  };
  const [existing] = await ctx.db
    .select({ id: reports.id })
    .from(reports)
    .where(
      and(
        eq(reports.measureId, r.measureId),
        eq(reports.periodId, r.periodId),
        eq(reports.partyId, r.partyId),
      ),
    );
  if (existing) {
    const [row] = await ctx.db.update(reports).set(values).where(eq(reports.id, existing.id)).returning();
    return row;
  }
  const [row] = await ctx.db.insert(reports).values(values).returning();
  return row;
}

/** Reconciles the measure × period in its own audited transaction, as the reports workflow does. */
export function reconcileNow(ctx: Ctx, measureId: string, periodId: string, actor: Actor = SYSTEM_ACTOR) {
  return mutate(ctx, actor, (tx, audit) =>
    reconcile(tx, audit, actor, { measureId, periodId }, { now: ctx.now() }),
  );
}

/**
 * The three measures the monitoring tests start from: `joint` (KZ agency leads, RU agency
 * co-executes), `kzOnly` (shared, KZ agency alone) and `internal` (Kazakhstan's own).
 */
export async function buildMonitoredMeasures(ctx: Ctx, w: World) {
  const kz = { organisationId: w.kz.agency.id, role: 'lead' as const };
  const ru = { organisationId: w.ru.agency.id, role: 'co_executor' as const };
  const roadmapId = w.roadmap.id;
  const joint = await buildMeasure(ctx, { roadmapId, responsible: [kz, ru] });
  const kzOnly = await buildMeasure(ctx, { roadmapId, responsible: [kz] });
  const internal = await buildMeasure(ctx, {
    roadmapId,
    tier: 'internal',
    ownerPartyId: w.kz.party.id,
    responsible: [kz],
  });
  return { joint: joint.id, kzOnly: kzOnly.id, internal: internal.id };
}
