/**
 * Reading reports: one SELECT (the report, its measure's code and title, its period, the
 * people who acted and its evidence files aggregated) shared by one report, lists and the
 * write verbs' answers, and the contract form in the caller's view.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { I18nText } from '../../contracts/common';
import type { MeasureStatus, PeriodState, ReportState, Tier } from '../../contracts/enums';
import type { Report } from '../../contracts/reports';
import type { DbOrTx } from '../../db/client';
import type { EvidenceLink, IndicatorValue } from '../../db/schema';
import { notFound } from '../../domain/errors';
import { type Actor, internalScope } from '../../domain/policies';
import type { Ctx } from '../context';
import { reportVisibleAs } from './visibility';

/** A report row as REPORT_SELECT reads it. */
export interface ReportRow {
  id: string;
  measureId: string;
  periodId: string;
  partyId: string;
  state: ReportState;
  status: MeasureStatus;
  progress: number;
  narrative: Report['narrative'];
  evidenceLinks: EvidenceLink[];
  indicatorValues: IndicatorValue[];
  late: boolean;
  submittedAt: Date | null;
  submittedBy: string | null;
  submittedByName: string | null;
  reviewedAt: Date | null;
  reviewedBy: string | null;
  reviewedByName: string | null;
  returnReason: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  measureCode: string;
  measureTitle: I18nText;
  roadmapId: string;
  tier: Tier;
  ownerPartyId: string | null;
  periodCode: string;
  reportDueDate: string;
  periodState: PeriodState;
  evidence: {
    id: string;
    fileName: string;
    contentType: string;
    size: number;
    sha256: string;
    uploadedAt: string;
    uploadedBy: string | null;
    uploadedByName: string | null;
  }[];
}

/** What identifies a report and its claim: the audit form of every event. */
export interface ReportIdentity {
  id: string;
  measureId: string;
  periodId: string;
  partyId: string;
  state: ReportState;
  status: MeasureStatus;
  progress: number;
  late: boolean;
  version: number;
}

/** The columns of REPORT_SELECT (aliases r, m, p). */
export const REPORT_COLUMNS = sql`r.id, r.measure_id as "measureId", r.period_id as "periodId",
  r.party_id as "partyId", r.state, r.status, r.progress, r.narrative,
  r.evidence_links as "evidenceLinks", r.indicator_values as "indicatorValues", r.late,
  r.submitted_at as "submittedAt", r.submitted_by as "submittedBy",
  (select u.name from users u where u.id = r.submitted_by) as "submittedByName",
  r.reviewed_at as "reviewedAt", r.reviewed_by as "reviewedBy",
  (select u.name from users u where u.id = r.reviewed_by) as "reviewedByName",
  r.return_reason as "returnReason", r.version, r.created_at as "createdAt", r.updated_at as "updatedAt",
  m.code as "measureCode", m.title as "measureTitle", m.roadmap_id as "roadmapId", m.tier,
  m.owner_party_id as "ownerPartyId",
  p.code as "periodCode", p.report_due_date as "reportDueDate", p.state as "periodState",
  coalesce((select json_agg(json_build_object('id', e.id, 'fileName', e.file_name,
      'contentType', e.content_type, 'size', e.size, 'sha256', e.sha256,
      'uploadedAt', e.uploaded_at, 'uploadedBy', e.uploaded_by,
      'uploadedByName', (select u.name from users u where u.id = e.uploaded_by))
    order by e.uploaded_at, e.id) from report_evidence e where e.report_id = r.id), '[]'::json) as evidence`;

/** `select … from reports r join measures m join periods p where <where> <tail>`. */
export async function selectReports(db: DbOrTx, where: SQL, tail: SQL = sql``): Promise<ReportRow[]> {
  const res = await db.execute<ReportRow & Record<string, unknown>>(
    sql`select ${REPORT_COLUMNS} from reports r join measures m on m.id = r.measure_id
        join periods p on p.id = r.period_id where ${where} ${tail}`,
  );
  return res.rows;
}

/**
 * A page of reports: the ids are sorted and cut first, then only the page's rows get their
 * columns (the names and evidence subqueries would otherwise run for every match before the sort).
 */
export async function selectReportPage(
  db: DbOrTx,
  where: SQL,
  order: SQL,
  limit: number,
  offset: number,
): Promise<ReportRow[]> {
  const res = await db.execute<ReportRow & Record<string, unknown>>(
    sql`select ${REPORT_COLUMNS} from (select r.id, row_number() over (order by ${order}) as n
        from reports r join measures m on m.id = r.measure_id join periods p on p.id = r.period_id
        where ${where} order by ${order} limit ${limit} offset ${offset}) pg
      join reports r on r.id = pg.id join measures m on m.id = r.measure_id join periods p on p.id = r.period_id
      order by pg.n`,
  );
  return res.rows;
}

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);
const isoOrNull = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** A row as the caller sees it: the return reason only within the report's party (and admins). */
export function presentReport(r: ReportRow, actor: Actor): Report {
  const scope = internalScope(actor);
  const own = scope === 'all' || scope === r.partyId;
  return {
    id: r.id,
    measureId: r.measureId,
    periodId: r.periodId,
    partyId: r.partyId,
    state: r.state,
    status: r.status,
    progress: r.progress,
    narrative: r.narrative ?? null,
    evidenceLinks: r.evidenceLinks,
    evidenceFiles: r.evidence.map((e) => ({
      id: e.id,
      reportId: r.id,
      fileName: e.fileName,
      contentType: e.contentType,
      size: e.size,
      sha256: e.sha256,
      uploadedAt: new Date(e.uploadedAt).toISOString(),
      uploadedBy: person(e.uploadedBy, e.uploadedByName),
    })),
    indicatorValues: r.indicatorValues,
    late: r.late,
    submittedAt: isoOrNull(r.submittedAt),
    submittedBy: person(r.submittedBy, r.submittedByName),
    reviewedAt: isoOrNull(r.reviewedAt),
    reviewedBy: person(r.reviewedBy, r.reviewedByName),
    returnReason: own ? r.returnReason : null,
    version: r.version,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
    measureCode: r.measureCode,
    measureTitle: r.measureTitle,
    roadmapId: r.roadmapId,
    periodCode: r.periodCode,
    reportDueDate: r.reportDueDate,
    periodState: r.periodState,
  };
}

/** One report in the caller's view, or 404 (absent and invisible alike). */
export async function findReport(db: DbOrTx, actor: Actor, id: string): Promise<Report> {
  const [row] = await selectReports(db, sql`r.id = ${id} and ${reportVisibleAs('r', 'm', actor)}`);
  if (!row) throw notFound('report');
  return presentReport(row, actor);
}

/** GET /reports/{id}. */
export const getReport = (ctx: Ctx, actor: Actor, id: string) => findReport(ctx.db, actor, id);

/**
 * What an audit event of a report holds: its identity and state (notifications read these),
 * and the claim.
 */
export function auditForm(r: ReportIdentity) {
  return {
    id: r.id,
    measureId: r.measureId,
    periodId: r.periodId,
    partyId: r.partyId,
    state: r.state,
    status: r.status,
    progress: r.progress,
    late: r.late,
    version: r.version,
  };
}
