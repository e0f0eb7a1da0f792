/**
 * The one path of every report transition (submit, approve, return, reopen): the checks of
 * guard.ts, the state and stamps written, and the audit event whose `after` holds the report's
 * id, measure, period, party and state (and the reason) that notifications read.
 */
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { reports } from '../../db/schema';
import type { Actor } from '../../domain/policies';
import { REPORT_TARGET } from '../../domain/reports';
import type { Ctx } from '../context';
import { type AuditLog, mutate } from '../core/mutate';
import { guard, lockReport, type ReportForWrite } from './guard';
import { auditForm, presentReport, REPORT_COLUMNS, type ReportRow } from './read';

export type Transition = keyof typeof REPORT_TARGET;

export interface TransitionStep {
  /** Columns the transition sets besides the state and version. */
  set(cur: ReportForWrite, now: Date): Partial<typeof reports.$inferInsert>;
  /** A check after the guard (a claim rule), throwing the error a user should read. */
  check?(cur: ReportForWrite): void;
  /** Work in the same transaction after the write (reconciliation). */
  after?(tx: Tx, audit: AuditLog, actor: Actor, cur: ReportForWrite): Promise<void>;
  /** The party whose internal data the event is; default the report's party. */
  partyScope?(cur: ReportForWrite): string | null;
}

/** Moves report `id` by `action` as `actor`, with the version read and (return, reopen) the reason. */
export async function transitionReport(
  ctx: Ctx,
  actor: Actor,
  id: string,
  action: Transition,
  input: { version: number; reason?: string },
  step: TransitionStep,
) {
  return mutate(ctx, actor, async (tx, audit) => {
    const cur = await lockReport(tx, actor, id);
    guard(actor, action, cur, input.version);
    step.check?.(cur);
    // the write and the answer in one round trip: the updated row with its measure, period,
    // people and evidence (reconciliation below changes none of these)
    const update = tx
      .update(reports)
      .set({
        ...step.set(cur, ctx.now()),
        state: REPORT_TARGET[action],
        version: cur.version + 1,
        updatedAt: sql`now()`,
      })
      .where(eq(reports.id, id))
      .returning();
    // (drizzle puts an embedded query in parentheses)
    const res = await tx.execute<ReportRow & Record<string, unknown>>(sql`with r as ${update}
      select ${REPORT_COLUMNS} from r join measures m on m.id = r.measure_id join periods p on p.id = r.period_id`);
    const row = res.rows[0];
    const after = auditForm(row);
    audit.record({
      action: `report.${action}`,
      entityType: 'report',
      entityId: id,
      before: auditForm(cur),
      after: input.reason === undefined ? after : { ...after, reason: input.reason },
      partyScope: step.partyScope ? step.partyScope(cur) : cur.partyId,
    });
    await step.after?.(tx, audit, actor, cur);
    // lockReport proved the actor reads this report; the state it moved to keeps it readable
    // to the actor's own party, the only one that acts on it
    return presentReport(row, actor);
  });
}
