/**
 * The write side of plan amendments (domain/plan-amendments.ts): measure writes call these so
 * that a change of an approved plan says why, and a cited commission decision is recorded and
 * linked to the measure it creates, changes, closes or moves.
 */
import { eq, sql } from 'drizzle-orm';
import { msg } from '../../contracts/messages';
import type { Tx } from '../../db/client';
import { decisionMeasures, meetingDecisions } from '../../db/schema';
import { invalid, ruleViolation } from '../../domain/errors';
import { amendedFields, isPlanAmendment, type PlanWrite } from '../../domain/plan-amendments';
import { hasBaseline } from './freeze';

/** Refuses (400 naming `reason`) a plan amendment without a reason. */
export async function requireAmendmentReason(
  tx: Tx,
  roadmap: { id: string; status: string },
  write: PlanWrite,
  reason: string | undefined,
  prefix = '',
): Promise<void> {
  if (reason || roadmap.status !== 'approved') return;
  // an update of no plan field (a report's status and progress) is no amendment whatever the
  // baselines: decided without asking the database, one statement less on every such write
  if (write.kind === 'update' && amendedFields(write.fields).length === 0) return;
  if (
    !isPlanAmendment({ roadmapStatus: roadmap.status, hasBaseline: await hasBaseline(tx, roadmap.id) }, write)
  )
    return;
  if (write.kind === 'update')
    throw invalid(`${prefix}reason`, 'plan.reasonRequired', {
      fields: amendedFields(write.fields).join(', '),
    });
  throw invalid(`${prefix}reason`, msg('plan.reasonRequiredCreateDelete'));
}

/** What a decision does to a measure, from the fields a write changed. */
export function decisionEffect(write: PlanWrite, status?: string) {
  if (write.kind === 'create') return 'creates' as const;
  if (write.kind === 'delete') return 'closes' as const;
  if (status === 'completed' || status === 'cancelled') return 'closes' as const;
  if (write.fields.includes('dueDate') || write.fields.includes('startDate')) return 'moves_dates' as const;
  return 'changes' as const;
}

/** Checks a cited decision exists (422 naming `decisionId`) and links it to the measure. */
export async function linkDecision(
  tx: Tx,
  decisionId: string | undefined,
  measureId: string,
  effect: ReturnType<typeof decisionEffect>,
  prefix = '',
): Promise<void> {
  if (!decisionId) return;
  const [d] = await tx
    .select({ id: meetingDecisions.id })
    .from(meetingDecisions)
    .where(eq(meetingDecisions.id, decisionId));
  if (!d) throw ruleViolation(`${prefix}decisionId`, 'noSuch.decision');
  await tx
    .insert(decisionMeasures)
    .values({ decisionId, measureId, effect })
    .onConflictDoUpdate({
      target: [decisionMeasures.decisionId, decisionMeasures.measureId],
      set: { effect: sql`excluded.effect` },
    });
}
