/**
 * The measure follows its reconciliation (issue 8 §3): a leaf measure's status and progress
 * become those of its latest confirmed joint status (the period ending last), through the one
 * write path, so roll-ups, the summary and flags follow too.
 */
import { sql } from 'drizzle-orm';
import type { MeasureStatus } from '../../contracts/enums';
import type { Tx } from '../../db/client';
import { SYSTEM_ACTOR } from '../../domain/policies';
import type { AuditLog } from '../core/mutate';
import { applyUpdate } from '../measures/update';

/** Applies the latest confirmed joint status of `measureId` to it, when it differs. */
export async function followJointStatus(tx: Tx, audit: AuditLog, measureId: string, day: string) {
  const r = await tx.execute<{
    status: MeasureStatus;
    progress: number;
    m_status: MeasureStatus;
    m_progress: number;
    version: number;
    child_count: number;
  }>(sql`
    select js.status, js.progress, m.status as m_status, m.progress as m_progress, m.version, m.child_count
    from measures m
    join joint_statuses js on js.measure_id = m.id and js.state = 'confirmed'
    join periods p on p.id = js.period_id
    where m.id = ${measureId}
    order by p.end_date desc
    limit 1`);
  const j = r.rows[0];
  if (!j || Number(j.child_count) > 0) return;
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
    { source: 'report' },
  );
  if (u.event) audit.record(u.event);
}
