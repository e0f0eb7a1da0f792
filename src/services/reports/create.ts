/** POST /reports: the draft of the caller's party on a measure for a period (409 when it exists). */
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { msg } from '../../contracts/messages';
import type { ReportCreate } from '../../contracts/reports';
import { reports } from '../../db/schema';
import { AppError, detail, ruleViolation } from '../../domain/errors';
import type { Actor } from '../../domain/policies';
import { reportPolicy } from '../../domain/reports';
import { type Ctx, today } from '../context';
import { authorize } from '../core/authorize';
import { mutate } from '../core/mutate';
import { loadForWrite } from '../measures/rules';
import { requireUnlockedPeriod } from './guard';
import { auditForm, findReport } from './read';

export async function createReport(ctx: Ctx, actor: Actor, input: z.output<typeof ReportCreate>) {
  return mutate(ctx, actor, async (tx, audit) => {
    // the measure locked: two first drafts of one party never race past the existence check
    const { row: m, rel } = await loadForWrite(tx, actor, input.measureId, today(ctx));
    const partyId = actor.partyId ?? '';
    const refusal = reportPolicy(actor, 'create', { partyId, responsible: rel.responsible });
    if (refusal) authorize(false, refusal);
    const period = (
      await tx.execute<{ id: string; roadmapId: string; code: string; state: 'open' | 'closed' | 'locked' }>(
        sql`select id, roadmap_id as "roadmapId", code, state from periods where id = ${input.periodId}`,
      )
    ).rows[0];
    if (!period) throw ruleViolation('periodId', 'noSuch.period');
    if (period.roadmapId !== m.roadmapId) throw ruleViolation('periodId', 'report.periodOfOtherRoadmap');
    requireUnlockedPeriod({ periodState: period.state, periodCode: period.code });
    if (m.childCount > 0) throw ruleViolation('measureId', 'report.notLeaf');
    const [row] = await tx
      .insert(reports)
      .values({
        measureId: m.id,
        periodId: period.id,
        partyId,
        // the draft starts from the measure as it stands, so the reporter edits what changed
        status: m.status,
        progress: m.progress,
        createdBy: actor.userId,
      })
      .onConflictDoNothing()
      .returning();
    if (!row)
      throw new AppError('conflict', msg('report.exists', { code: m.code, period: period.code }), [
        detail('measureId', 'value.taken'),
      ]);
    audit.record({
      action: 'report.create',
      entityType: 'report',
      entityId: row.id,
      after: auditForm(row),
      partyScope: partyId,
    });
    return findReport(tx, actor, row.id);
  });
}
