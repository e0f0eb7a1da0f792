/**
 * The demo's progress reports: for every period of the demo roadmap that has started, a report
 * of each responsible party on each measure it must report on, in every state — most of the
 * past periods' reports approved, some submitted, returned with a reason (in Russian), drafts
 * and some not started; a share submitted late; and on some joint measures the two parties'
 * approved claims differ (progress more than 10 points apart), so reconciliation disputes
 * them. The choice is a hash of measure, period and party: the same dataset on every load.
 * Set-based: one SELECT of what is due, chunked inserts, one audit event per report, then
 * `reconcile` for every measure × period with an approved report.
 */
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { MeasureStatus, ReportState } from '../contracts/enums';
import type { Tx } from '../db/client';
import { reports } from '../db/schema';
import type { Actor } from '../domain/policies';
import type { AuditInput } from '../services/core/mutate';
import { reconcile } from '../services/joint-statuses/reconcile';
import { dueSql } from '../services/reports/assignments';
import { auditForm } from '../services/reports/read';

/** The people who act for a party in the demo. */
export interface DemoParty {
  partyId: string;
  coordinatorId: string;
  reporterId: string;
  reporterOrganisationId: string;
}

const RETURN_REASONS = [
  'Приложите протокол заседания рабочей группы',
  'Прогресс не подтверждён документами; уточните, что сделано за период',
  'Описание относится к прошлому периоду, обновите его',
  'Не указаны сроки завершения оставшихся работ',
];

const DAY = 86_400_000;
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T09:00:00Z`) + n * DAY);
/** When a report in `state` was handed in and reviewed: 3 days after its due date if late, else 2 before; never after `now`. */
function handIn(due: string, state: string, late: boolean, now: Date) {
  const handedIn = state === 'draft' ? null : addDays(due, late ? 3 : -2);
  const submittedAt = handedIn && handedIn > now ? new Date(now.getTime() - 2 * DAY) : handedIn;
  const reviewed = state === 'approved' || state === 'returned';
  const reviewedAt =
    reviewed && submittedAt ? new Date(Math.min(submittedAt.getTime() + 2 * DAY, now.getTime() - DAY)) : null;
  return { submittedAt, reviewedAt };
}
const share = (...parts: string[]) =>
  createHash('sha256').update(parts.join('|')).digest().readUInt16BE(0) % 100;

/** Which state a report is in, by its hash; current periods have more unfinished ones. */
function stateOf(h: number, current: boolean): ReportState | null {
  const [approved, submitted, returned, draft] = current ? [20, 40, 52, 75] : [72, 80, 87, 94];
  if (h < approved) return 'approved';
  if (h < submitted) return 'submitted';
  if (h < returned) return 'returned';
  if (h < draft) return 'draft';
  return null;
}

type Due = {
  measureId: string;
  code: string;
  status: MeasureStatus;
  progress: number;
  startDate: string;
  dueDate: string;
  tier: string;
  periodId: string;
  periodCode: string;
  periodEnd: string;
  reportDueDate: string;
  partyId: string;
  parties: number;
};

/** The claim a party makes for a period: the measure's progress as it stood then. */
function claim(d: Due, day: string): { status: MeasureStatus; progress: number } {
  if (d.status === 'cancelled') return { status: 'cancelled', progress: d.progress };
  const span = Math.max(1, Date.parse(d.dueDate) - Date.parse(d.startDate));
  const soFar = Math.max(1, Date.parse(day < d.dueDate ? day : d.dueDate) - Date.parse(d.startDate));
  const then = Math.min(
    1,
    Math.max(0, (Date.parse(d.periodEnd) - Date.parse(d.startDate)) / Math.min(span, soFar)),
  );
  const progress = Math.round(d.progress * then);
  if (progress >= 100 && d.status === 'completed') return { status: 'completed', progress: 100 };
  return { status: progress > 0 ? 'in_progress' : 'not_started', progress: Math.min(progress, 99) };
}

/** Writes the demo reports of `roadmapId` as of `day`; answers how many it wrote. */
export async function seedDemoReports(
  tx: Tx,
  audit: AuditInput[],
  actor: Actor,
  roadmapId: string,
  day: string,
  people: readonly DemoParty[],
): Promise<number> {
  const byParty = new Map(people.map((p) => [p.partyId, p]));
  const due = await tx.execute<Due & Record<string, unknown>>(sql`
    select m.id as "measureId", m.code, m.status, m.progress, m.start_date as "startDate",
      m.due_date as "dueDate", m.tier, p.id as "periodId", p.code as "periodCode", p.end_date as "periodEnd",
      p.report_due_date as "reportDueDate", x.party_id as "partyId",
      (select count(distinct mr.party_id) from measure_responsibles mr where mr.measure_id = m.id)::int as parties
    from measures m join periods p on p.roadmap_id = m.roadmap_id and p.start_date <= ${day}::date
      join (select distinct measure_id, party_id from measure_responsibles) x on x.measure_id = m.id
    where m.roadmap_id = ${roadmapId} and ${dueSql('m', 'p')}
    order by p.start_date, m.sort_key, x.party_id`);
  const reporterOf = await tx.execute<{ measureId: string; organisationId: string }>(
    sql`select measure_id as "measureId", organisation_id as "organisationId" from measure_responsibles
      where measure_id in (select id from measures where roadmap_id = ${roadmapId})`,
  );
  const orgsOf = new Map<string, Set<string>>();
  for (const r of reporterOf.rows)
    orgsOf.set(r.measureId, (orgsOf.get(r.measureId) ?? new Set()).add(r.organisationId));
  const now = new Date(`${day}T09:00:00Z`);
  const rows: (typeof reports.$inferInsert)[] = [];
  const dueOf = new Map<number, string>();
  for (const d of due.rows) {
    const who = byParty.get(d.partyId);
    if (!who) continue;
    const current = d.periodEnd >= day;
    const state = stateOf(share(d.code, d.periodCode, d.partyId), current);
    if (!state) continue;
    let { status, progress } = claim(d, day);
    // a joint measure's second party claims more on some: the two approved claims disagree
    if (d.parties > 1 && d.partyId === people[1]?.partyId && share('dispute', d.code, d.periodCode) < 25) {
      // a finished measure is not finished for the other party yet; otherwise it claims more
      if (status === 'completed') progress = 75;
      else progress = Math.min(99, progress + 25);
      if (status !== 'cancelled') status = 'in_progress';
    }
    const byReporter = orgsOf.get(d.measureId)?.has(who.reporterOrganisationId) ?? false;
    const late = share('late', d.code, d.periodCode, d.partyId) < 15;
    const { submittedAt, reviewedAt } = handIn(d.reportDueDate, state, late, now);
    dueOf.set(rows.length, d.reportDueDate);
    rows.push({
      id: randomUUID(),
      measureId: d.measureId,
      periodId: d.periodId,
      partyId: d.partyId,
      state,
      status,
      progress,
      narrative: {
        ru: `За период ${d.periodCode}: работа по мероприятию ${d.code} ведётся по плану; выполнено ${progress} %.`,
        en: `In ${d.periodCode}: work on measure ${d.code} is on schedule; ${progress} % done.`,
      },
      late: submittedAt !== null && submittedAt.toISOString().slice(0, 10) > d.reportDueDate,
      createdBy: byReporter ? who.reporterId : who.coordinatorId,
      submittedAt,
      submittedBy: submittedAt ? (byReporter ? who.reporterId : who.coordinatorId) : null,
      reviewedAt,
      reviewedBy: reviewedAt ? who.coordinatorId : null,
      returnReason:
        state === 'returned'
          ? RETURN_REASONS[share('reason', d.code, d.periodCode) % RETURN_REASONS.length]
          : null,
    });
  }
  // the hash above picks about one report in seven to come late; on a day whose rows it
  // spares a party, that party's first report handed in since then comes late instead
  for (const partyId of new Set(rows.map((r) => r.partyId))) {
    if (rows.some((r) => r.partyId === partyId && r.late)) continue;
    const i = rows.findIndex(
      (r, k) => r.partyId === partyId && r.submittedAt && addDays(dueOf.get(k)!, 5) < now,
    );
    if (i < 0) continue;
    Object.assign(rows[i], handIn(dueOf.get(i)!, rows[i].state!, true, now), { late: true });
  }
  const internal = new Set(due.rows.filter((d) => d.tier === 'internal').map((d) => d.measureId));
  for (let i = 0; i < rows.length; i += 1000) {
    const written = await tx
      .insert(reports)
      .values(rows.slice(i, i + 1000))
      .returning();
    for (const r of written)
      audit.push({
        action: 'report.create',
        entityType: 'report',
        entityId: r.id,
        after: { ...auditForm(r), returnReason: r.returnReason },
        partyScope: r.state === 'approved' && !internal.has(r.measureId) ? null : r.partyId,
      });
  }
  const log = {
    record: (e: AuditInput | readonly AuditInput[]) => audit.push(...(Array.isArray(e) ? e : [e])),
  };
  const targets = new Set(
    rows.filter((r) => r.state === 'approved').map((r) => `${r.measureId}|${r.periodId}`),
  );
  for (const t of targets) {
    const [measureId, periodId] = t.split('|');
    await reconcile(tx, log, actor, { measureId, periodId });
  }
  return rows.length;
}
