/** GET /reports: filters, the caller's visibility, a page and a capped count (as the measures list). */
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ReportQuery } from '../../contracts/reports';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { LIST_COUNT_CAP } from '../measures/read';
import { presentReport, selectReportPage } from './read';
import { reportVisibleAs } from './visibility';

/** "What the caller must report on": its organisation's measures (reporter) or its party's (coordinator). */
export function mineSql(actor: Actor, r = 'r'): SQL {
  const rr = sql.raw(r);
  if (!actor.partyId || (actor.role !== 'reporter' && actor.role !== 'coordinator')) return sql`false`;
  if (actor.role === 'coordinator') return sql`${rr}.party_id = ${actor.partyId}`;
  return sql`(${rr}.party_id = ${actor.partyId} and exists (select 1 from measure_responsibles mr
    where mr.measure_id = ${rr}.measure_id and mr.organisation_id = ${actor.organisationId}))`;
}

/** The WHERE condition of a report list over `reports r join measures m join periods p`. */
export function reportFilter(actor: Actor, q: Omit<z.output<typeof ReportQuery>, 'page' | 'limit'>): SQL {
  const conds: SQL[] = [reportVisibleAs('r', 'm', actor)];
  if (q.periodId) conds.push(sql`r.period_id = ${q.periodId}`);
  if (q.roadmapId) conds.push(sql`m.roadmap_id = ${q.roadmapId}`);
  if (q.measureId) conds.push(sql`r.measure_id = ${q.measureId}`);
  if (q.partyId) conds.push(sql`r.party_id = ${q.partyId}`);
  if (q.organisationId)
    conds.push(sql`exists (select 1 from measure_responsibles mo where mo.measure_id = r.measure_id
      and mo.organisation_id = ${q.organisationId} and mo.party_id = r.party_id)`);
  if (q.state) conds.push(sql`r.state = ${q.state}`);
  if (q.late !== undefined) conds.push(q.late ? sql`r.late` : sql`not r.late`);
  if (q.mine) conds.push(mineSql(actor));
  return sql.join(conds, sql` and `);
}

/**
 * Newest period first; the approval queue (state=submitted) oldest submission first, which
 * the index on (party, state, submitted_at) serves without sorting every match.
 */
export const reportOrder = (state?: string) =>
  state === 'submitted'
    ? sql`r.submitted_at asc nulls last, r.id`
    : sql`p.start_date desc, r.submitted_at asc nulls last, m.sort_key, r.party_id, r.id`;

/** A page of the reports matching `q` that the actor may read, newest period first. */
export async function listReports(ctx: Ctx, actor: Actor, q: z.output<typeof ReportQuery>) {
  const where = reportFilter(actor, q);
  const offset = (q.page - 1) * q.limit;
  const [rows, counted] = await Promise.all([
    selectReportPage(ctx.db, where, reportOrder(q.state), q.limit, offset),
    ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from (select 1 from reports r
      join measures m on m.id = r.measure_id join periods p on p.id = r.period_id
      where ${where} limit ${LIST_COUNT_CAP + 1}) capped`),
  ]);
  const n = Number(counted.rows[0]?.n ?? 0);
  return {
    data: rows.map((r) => presentReport(r, actor)),
    page: q.page,
    limit: q.limit,
    total: Math.min(n, LIST_COUNT_CAP),
    totalIsExact: n <= LIST_COUNT_CAP,
  };
}
