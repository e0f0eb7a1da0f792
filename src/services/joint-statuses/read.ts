/**
 * Reading joint statuses: the list (Reconciliation page), one with the side-by-side claims,
 * and a measure's per period. A joint status is visible exactly when its measure is
 * (measureVisibility); the claims are the reports the caller may read (reportVisibility), so
 * the other party's drafts, submissions and returns never show.
 */
import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { JointStatusDetail, JointStatusQuery } from '../../contracts/joint-statuses';
import type { DbOrTx } from '../../db/client';
import { jointStatuses, measures, periods, reportEvidence, reports } from '../../db/schema';
import { notFound } from '../../domain/errors';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { measureVisibility } from '../measures/queries';
import { loadVisible } from '../measures/rules';
import { reportVisibility } from '../reports/visibility';
import { iso, readAll } from '../common';
import { type JointRow, type JointRowWithRefs, presentJoint } from './present';

const COUNT_CAP = 10_000;

const refs = {
  measureCode: measures.code,
  measureTitle: measures.title,
  roadmapId: measures.roadmapId,
  periodCode: periods.code,
  periodStart: periods.startDate,
  periodEnd: periods.endDate,
  periodState: periods.state,
  tier: measures.tier,
  ownerPartyId: measures.ownerPartyId,
};

/** Joint statuses matching `where` (visibility already in it), newest period first. */
function selectJoint(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({ js: jointStatuses, ...refs })
    .from(jointStatuses)
    .innerJoin(measures, eq(measures.id, jointStatuses.measureId))
    .innerJoin(periods, eq(periods.id, jointStatuses.periodId))
    .where(where)
    .orderBy(desc(periods.endDate), asc(measures.sortKey), asc(jointStatuses.id));
}

const flatten = ({ js, ...rest }: { js: JointRow } & Omit<JointRowWithRefs, keyof JointRow>) =>
  presentJoint({ ...js, ...rest });

/** A page of joint statuses the actor may see, with an exact total up to 10,000. */
export async function findJointStatuses(ctx: Ctx, actor: Actor, q: z.output<typeof JointStatusQuery>) {
  const where = and(
    measureVisibility(actor),
    q.roadmapId ? eq(measures.roadmapId, q.roadmapId) : undefined,
    q.periodId ? eq(jointStatuses.periodId, q.periodId) : undefined,
    q.measureId ? eq(jointStatuses.measureId, q.measureId) : undefined,
    q.state ? eq(jointStatuses.state, q.state) : undefined,
  );
  const [rows, counted] = await Promise.all([
    selectJoint(ctx.db, where)
      .limit(q.limit)
      .offset((q.page - 1) * q.limit),
    ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from (select 1 from ${jointStatuses}
      join ${measures} on ${measures.id} = ${jointStatuses.measureId} where ${where ?? sql`true`} limit ${COUNT_CAP + 1}) c`),
  ]);
  const n = Number(counted.rows[0]?.n ?? 0);
  return {
    data: rows.map((r) => flatten(r)),
    page: q.page,
    limit: q.limit,
    total: Math.min(n, COUNT_CAP),
    totalIsExact: n <= COUNT_CAP,
  };
}

/** A measure's joint statuses per period (404 for a measure the actor may not see). */
export async function measureJointStatuses(ctx: Ctx, actor: Actor, measureId: string) {
  await loadVisible(ctx.db, actor, measureId);
  const rows = await selectJoint(ctx.db, eq(jointStatuses.measureId, measureId));
  return { data: rows.map((r) => flatten(r)) };
}

/** One joint status, visible as its measure is; 404 otherwise. */
export async function loadJoint(db: DbOrTx, actor: Actor, id: string) {
  const [r] = await selectJoint(db, and(eq(jointStatuses.id, id), measureVisibility(actor)));
  if (!r) throw notFound('jointStatus');
  return {
    row: r.js,
    view: flatten(r),
    periodState: r.periodState,
    partyScope: r.tier === 'internal' ? r.ownerPartyId : null,
  };
}

/** One joint status with its responsible parties and the claims the caller may read. */
export async function getJointStatus(db: DbOrTx, actor: Actor, id: string): Promise<JointStatusDetail> {
  const { row, view } = await loadJoint(db, actor, id);
  const [claims, responsible] = await readAll(db, [
    () =>
      db
        .select({
          r: reports,
          files: sql<
            { id: string; name: string; size: number }[]
          >`coalesce((select json_agg(json_build_object(
            'id', e.id, 'name', e.file_name, 'size', e.size) order by e.uploaded_at, e.id)
          from ${reportEvidence} e where e.report_id = ${reports.id}), '[]')`,
        })
        .from(reports)
        .innerJoin(measures, eq(measures.id, reports.measureId))
        .where(
          and(
            eq(reports.measureId, row.measureId),
            eq(reports.periodId, row.periodId),
            reportVisibility(actor),
          ),
        )
        .orderBy(asc(reports.partyId)),
    () => responsibleParties(db, row.measureId),
  ]);
  return {
    ...view,
    responsiblePartyIds: responsible,
    claims: claims.map(({ r, files }) => ({
      reportId: r.id,
      partyId: r.partyId,
      state: r.state,
      status: r.status,
      progress: r.progress,
      narrative: r.narrative ?? null,
      evidenceLinks: r.evidenceLinks,
      evidenceFiles: files.map((f) => ({ ...f, size: Number(f.size) })),
      indicatorValues: r.indicatorValues.map((v) => ({ ...v, source: v.source ?? null })),
      reviewedAt: r.reviewedAt ? iso(r.reviewedAt) : null,
    })),
  };
}

/** The parties responsible for a measure (through its responsible organisations). */
export async function responsibleParties(db: DbOrTx, measureId: string): Promise<string[]> {
  const r = await db.execute<{ party_id: string }>(
    sql`select distinct party_id from measure_responsibles where measure_id = ${measureId} order by party_id`,
  );
  return r.rows.map((x) => x.party_id);
}
