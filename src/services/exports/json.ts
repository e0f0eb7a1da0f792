/**
 * `export.json`: a roadmap for integrations — the roadmap, its measures, the approved reports
 * and the joint statuses, each as the caller may read them — written as a stream.
 */
import { PassThrough } from 'node:stream';
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { jointStatuses, measures, periods, reports } from '../../db/schema';
import type { Actor } from '../../domain/policies';
import { measureVisibility } from '../measures/queries';
import { reportVisibility } from '../reports/visibility';
import { getRoadmap } from '../roadmaps';
import { type Ctx, today } from '../context';
import { exportWhere, measurePages, readAhead } from './rows';
import type { ExportFile } from './spreadsheets';

async function approvedReports(db: DbOrTx, actor: Actor, roadmapId: string) {
  return db
    .select({
      id: reports.id,
      measureId: reports.measureId,
      period: periods.code,
      partyId: reports.partyId,
      status: reports.status,
      progress: reports.progress,
      narrative: reports.narrative,
      evidenceLinks: reports.evidenceLinks,
      late: reports.late,
      submittedAt: reports.submittedAt,
      reviewedAt: reports.reviewedAt,
    })
    .from(reports)
    .innerJoin(measures, eq(measures.id, reports.measureId))
    .innerJoin(periods, eq(periods.id, reports.periodId))
    .where(and(eq(measures.roadmapId, roadmapId), eq(reports.state, 'approved'), reportVisibility(actor)))
    .orderBy(asc(measures.sortKey), asc(periods.startDate), asc(reports.partyId));
}

async function jointStatusRows(db: DbOrTx, actor: Actor, roadmapId: string) {
  return db
    .select({
      measureId: jointStatuses.measureId,
      period: periods.code,
      state: jointStatuses.state,
      status: jointStatuses.status,
      progress: jointStatuses.progress,
      confirmedAt: jointStatuses.confirmedAt,
    })
    .from(jointStatuses)
    .innerJoin(measures, eq(measures.id, jointStatuses.measureId))
    .innerJoin(periods, eq(periods.id, jointStatuses.periodId))
    .where(and(eq(measures.roadmapId, roadmapId), measureVisibility(actor)))
    .orderBy(asc(measures.sortKey), asc(periods.startDate));
}

/** The roadmap with everything the caller may read of it, as one JSON document. */
export async function exportRoadmapJson(ctx: Ctx, actor: Actor, roadmapId: string): Promise<ExportFile> {
  const roadmap = await getRoadmap(ctx, actor, roadmapId);
  const day = today(ctx);
  const out = new PassThrough();
  const run = async () => {
    out.write(
      `{"format":"accord.roadmap.v1","exportedOn":${JSON.stringify(day)},"roadmap":${JSON.stringify(roadmap)},"measures":[`,
    );
    let first = true;
    const where = await exportWhere(ctx.db, actor, roadmapId, {}, day);
    for await (const { page } of readAhead(measurePages(ctx.db, actor, where, day))) {
      const text = page.map((m) => JSON.stringify(m)).join(',');
      if (!out.write((first ? '' : ',') + text)) await new Promise((r) => out.once('drain', r));
      first = false;
    }
    const [reps, joint] = await Promise.all([
      approvedReports(ctx.db, actor, roadmapId),
      jointStatusRows(ctx.db, actor, roadmapId),
    ]);
    out.end(`],"reports":${JSON.stringify(reps)},"jointStatuses":${JSON.stringify(joint)}}`);
  };
  run().catch((e) => out.destroy(e));
  return { fileName: `roadmap-${roadmapId}.json`, stream: out };
}
