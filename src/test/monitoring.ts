/**
 * Monitoring rows for tests of what follows reports (notifications, jobs): a quarter of a
 * roadmap, a measure both parties carry out, and a report submitted through `mutate` with its
 * audit event, as the reports workflow writes it.
 */
import { periods, reports } from '../db/schema';
import type { Ctx } from '../services/context';
import { mutate } from '../services/core/mutate';
import { buildMeasure, type World } from './factories';

/** The period 2026-Q2 of the world's roadmap, reports due 2026-07-10. */
export async function buildQuarter(ctx: Ctx, w: World) {
  const [p] = await ctx.db
    .insert(periods)
    .values({
      roadmapId: w.roadmap.id,
      code: '2026-Q2',
      startDate: '2026-04-01',
      endDate: '2026-06-30',
      reportDueDate: '2026-07-10',
    })
    .returning();
  return p;
}

/** A shared measure of the world's roadmap; `parties` choose whose agencies carry it out. */
export function buildJointMeasure(ctx: Ctx, w: World, parties: ('kz' | 'ru')[] = ['kz', 'ru']) {
  return buildMeasure(ctx, {
    roadmapId: w.roadmap.id,
    responsible: parties.map((p, i) => ({
      organisationId: w[p].agency.id,
      role: i === 0 ? ('lead' as const) : ('co_executor' as const),
    })),
  });
}

/** A report of `side` submitted by its reporter, recorded as `report.submit`. */
export function submitReport(
  ctx: Ctx,
  w: World,
  measureId: string,
  periodId: string,
  side: 'kz' | 'ru' = 'kz',
) {
  const s = w[side];
  return mutate(ctx, s.reporter.actor, async (tx, audit) => {
    const [r] = await tx
      .insert(reports)
      .values({ measureId, periodId, partyId: s.party.id, state: 'submitted', submittedBy: s.reporter.id })
      .returning();
    audit.record({ action: 'report.submit', entityType: 'report', entityId: r.id, partyScope: r.partyId });
    return r;
  });
}
