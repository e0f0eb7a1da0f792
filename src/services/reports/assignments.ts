/**
 * GET /reports/assignments: what the caller must report on — the measures its organisation
 * (reporter) or party (coordinator) is responsible for, in every started period that is not
 * locked (or the one asked), each with its report's state (null when not started) and due
 * date; overdue and late ones first. One query for the page, one for the capped count.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Assignment, AssignmentQuery } from '../../contracts/reports';
import type { Actor } from '../../domain/policies';
import { type Ctx, today } from '../context';
import { LIST_COUNT_CAP } from '../measures/read';
import { visibleAs } from '../measures/queries';

/** SQL form of domain `mustReport` for aliases of a measure and a period. */
export const dueSql = (m: string, p: string) =>
  sql.raw(`(${m}.child_count = 0 and ${m}.start_date <= ${p}.end_date
    and (${m}.due_date >= ${p}.start_date or ${m}.status not in ('completed', 'cancelled')))`);

/** The responsibility that makes `m` the actor's to report on; false for admins and viewers. */
export function responsibleSql(actor: Actor, m: string): SQL {
  const mm = sql.raw(m);
  if (!actor.partyId || (actor.role !== 'reporter' && actor.role !== 'coordinator')) return sql`false`;
  const who =
    actor.role === 'coordinator'
      ? sql`mr.party_id = ${actor.partyId}`
      : sql`mr.organisation_id = ${actor.organisationId} and mr.party_id = ${actor.partyId}`;
  return sql`exists (select 1 from measure_responsibles mr where mr.measure_id = ${mm}.id and ${who})`;
}

type Row = {
  measureId: string;
  measureCode: string;
  measureTitle: Assignment['measureTitle'];
  roadmapId: string;
  periodId: string;
  periodCode: string;
  periodState: Assignment['periodState'];
  reportDueDate: string;
  overdue: boolean;
  reportId: string | null;
  reportState: NonNullable<Assignment['report']>['state'] | null;
  reportLate: boolean | null;
  reportProgress: number | null;
  reportVersion: number | null;
  reportUpdatedAt: Date | null;
};

/** The page and capped-count queries of the assignments of `actor` (exported for the benchmark's raw floor). */
export function assignmentQueries(actor: Actor, q: z.output<typeof AssignmentQuery>, day: string) {
  const periodCond = q.periodId
    ? sql`p.id = ${q.periodId}`
    : sql`p.state <> 'locked' and p.start_date <= ${day}::date`;
  const roadmapCond = q.roadmapId ? sql`and p.roadmap_id = ${q.roadmapId}` : sql``;
  const from = sql`from periods p join measures m on m.roadmap_id = p.roadmap_id
    left join reports r on r.measure_id = m.id and r.period_id = p.id and r.party_id = ${actor.partyId}
    where ${periodCond} ${roadmapCond} and ${dueSql('m', 'p')} and ${visibleAs('m', actor)}
      and ${responsibleSql(actor, 'm')}`;
  const overdue = sql`((r.id is null or r.state in ('draft', 'returned')) and p.report_due_date < ${day}::date)`;
  return {
    page: sql`select m.id as "measureId", m.code as "measureCode",
        m.title as "measureTitle", m.roadmap_id as "roadmapId", p.id as "periodId", p.code as "periodCode",
        p.state as "periodState", p.report_due_date as "reportDueDate", ${overdue} as overdue,
        r.id as "reportId", r.state as "reportState", r.late as "reportLate", r.progress as "reportProgress",
        r.version as "reportVersion", r.updated_at as "reportUpdatedAt"
      ${from}
      order by (${overdue} or coalesce(r.late, false)) desc, coalesce(r.state = 'approved', false),
        p.report_due_date, m.sort_key, m.id
      limit ${q.limit} offset ${(q.page - 1) * q.limit}`,
    count: sql`select count(*)::int as n from (select 1 ${from} limit ${LIST_COUNT_CAP + 1}) c`,
  };
}

export async function listAssignments(ctx: Ctx, actor: Actor, q: z.output<typeof AssignmentQuery>) {
  const { page: pageSql, count } = assignmentQueries(actor, q, today(ctx));
  const [page, counted] = await Promise.all([
    ctx.db.execute<Row & Record<string, unknown>>(pageSql),
    ctx.db.execute<{ n: number }>(count),
  ]);
  const n = Number(counted.rows[0]?.n ?? 0);
  const data: Assignment[] = page.rows.map((r) => ({
    measureId: r.measureId,
    measureCode: r.measureCode,
    measureTitle: r.measureTitle,
    roadmapId: r.roadmapId,
    periodId: r.periodId,
    periodCode: r.periodCode,
    periodState: r.periodState,
    reportDueDate: r.reportDueDate,
    overdue: r.overdue,
    report: r.reportId
      ? {
          id: r.reportId,
          state: r.reportState!,
          late: r.reportLate!,
          progress: r.reportProgress!,
          version: r.reportVersion!,
          updatedAt: new Date(r.reportUpdatedAt!).toISOString(),
        }
      : null,
  }));
  return {
    data,
    page: q.page,
    limit: q.limit,
    total: Math.min(n, LIST_COUNT_CAP),
    totalIsExact: n <= LIST_COUNT_CAP,
  };
}
