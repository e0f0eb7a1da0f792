/**
 * Monitoring rows for tests of what follows reports (notifications, jobs, visibility): a quarter of a
 * roadmap, a measure both parties carry out, and a report submitted through `mutate` with its
 * audit event, as the reports workflow writes it.
 */
import { randomUUID } from 'node:crypto';
import { REPORT_STATES, type ReportState, type Tier } from '../contracts/enums';
import { periods, reports } from '../db/schema';
import { SYSTEM_ACTOR } from '../domain/policies';
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

/** One row of {@link buildReportMatrix}: a measure and, unless `report` is null, its report. */
export interface MatrixRow {
  measureId: string;
  measure: { tier: Tier; ownerPartyId: string | null };
  report: { id: string; partyId: string; state: ReportState } | null;
}

/**
 * Every kind of measure a visibility rule must tell apart (shared, public, internal to each
 * party) × every party that carries it out × every report state, in the world's quarter:
 * per kind one measure without a report, then one fresh measure per party and state (one
 * report per measure × party × period). The visibility agreement tests read it.
 */
export async function buildReportMatrix(ctx: Ctx, w: World): Promise<MatrixRow[]> {
  const period = await buildQuarter(ctx, w);
  const both = [
    { organisationId: w.kz.agency.id, role: 'lead' as const },
    { organisationId: w.ru.agency.id, role: 'co_executor' as const },
  ];
  const kinds: { tier: Tier; owner: World['kz'] | null }[] = [
    { tier: 'shared', owner: null },
    { tier: 'public', owner: null },
    { tier: 'internal', owner: w.kz },
    { tier: 'internal', owner: w.ru },
  ];
  const rows: MatrixRow[] = [];
  const values: (typeof reports.$inferInsert)[] = [];
  for (const k of kinds) {
    const measure = { tier: k.tier, ownerPartyId: k.owner?.party.id ?? null };
    const responsible = k.owner ? [{ organisationId: k.owner.agency.id, role: 'lead' as const }] : both;
    const build = () => buildMeasure(ctx, { roadmapId: w.roadmap.id, responsible, ...measure }, SYSTEM_ACTOR);
    rows.push({ measureId: (await build()).id, measure, report: null });
    for (const side of k.owner ? [k.owner] : [w.kz, w.ru])
      for (const state of REPORT_STATES) {
        const measureId = (await build()).id;
        const report = { id: randomUUID(), partyId: side.party.id, state };
        values.push({ ...report, measureId, periodId: period.id });
        rows.push({ measureId, measure, report });
      }
  }
  await ctx.db.insert(reports).values(values);
  return rows;
}
