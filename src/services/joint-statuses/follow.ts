/**
 * The measure follows its reconciliation (issue 8 §3): a leaf measure's status and progress
 * become those of its latest confirmed joint status (the period ending last), through the one
 * write path, so roll-ups, the summary and flags follow too.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { MeasureStatus } from '../../contracts/enums';
import type { Tx } from '../../db/client';
import { SYSTEM_ACTOR } from '../../domain/policies';
import type { AuditLog } from '../core/mutate';
import { applyUpdate } from '../measures/update';

/** The latest confirmed joint status of a measure beside the measure's own fields. */
export interface FollowFacts {
  status: MeasureStatus | null;
  progress: number | null;
  m_status: MeasureStatus;
  m_progress: number;
  version: number;
  child_count: number;
}

/**
 * The SQL of `FollowFacts` for `measureId`; `written` (a CTE of a joint status row just
 * written in the same statement, which the statement's own reads do not see) stands in for
 * that row's stored version.
 */
export const followFactsSql = (measureId: string, written?: { cte: SQL; periodId: string }) => sql`
  select l.status, l.progress, m.status as m_status, m.progress as m_progress, m.version, m.child_count
  from measures m left join lateral (
    select x.status, x.progress from (
      select js.status, js.progress, p.end_date from joint_statuses js join periods p on p.id = js.period_id
      where js.measure_id = m.id and js.state = 'confirmed'
        ${written ? sql`and js.period_id <> ${written.periodId}` : sql``}
      ${
        written
          ? sql`union all select w.status, w.progress, p.end_date from ${written.cte} w
              join periods p on p.id = w.period_id where w.state = 'confirmed'`
          : sql``
      }) x
    order by x.end_date desc limit 1) l on true
  where m.id = ${measureId}`;

/** Applies the latest confirmed joint status of `measureId` to it, when it differs. */
export async function followJointStatus(tx: Tx, audit: AuditLog, measureId: string, day: string) {
  const r = await tx.execute<FollowFacts & Record<string, unknown>>(followFactsSql(measureId));
  await applyFollow(tx, audit, measureId, day, r.rows[0]);
}

/** Applies `j` (read by `followFactsSql`) to the measure, when it differs. */
export async function applyFollow(
  tx: Tx,
  audit: AuditLog,
  measureId: string,
  day: string,
  j: FollowFacts | undefined,
) {
  if (!j || j.status === null || Number(j.child_count) > 0) return;
  // a completed measure is complete: the shape rule holds whatever a report claimed
  const progress = j.status === 'completed' ? 100 : Number(j.progress);
  if (j.status === j.m_status && progress === Number(j.m_progress)) return;
  // the system applies it: the parties' approvals, not the approver's own rights, decide
  const u = await applyUpdate(
    tx,
    SYSTEM_ACTOR,
    measureId,
    { version: Number(j.version), status: j.status, progress },
    day,
    { source: 'report', answer: false },
  );
  if (u.event) audit.record(u.event);
}
