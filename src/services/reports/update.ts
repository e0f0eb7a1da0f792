/** PATCH /reports/{id}: a draft or returned report's claim, narrative, links and values. */
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ReportUpdate } from '../../contracts/reports';
import { reports } from '../../db/schema';
import { ruleViolation } from '../../domain/errors';
import type { Actor } from '../../domain/policies';
import { claimError } from '../../domain/reports';
import { defined } from '../common';
import type { Ctx } from '../context';
import { mutate } from '../core/mutate';
import { eq } from 'drizzle-orm';
import { guard, lockReport } from './guard';
import { checkIndicatorValues } from './indicator-values';
import { auditForm, findReport } from './read';

export async function updateReport(ctx: Ctx, actor: Actor, id: string, input: z.output<typeof ReportUpdate>) {
  return mutate(ctx, actor, async (tx, audit) => {
    const cur = await lockReport(tx, actor, id);
    guard(actor, 'edit', cur, input.version);
    const status = input.status ?? cur.status;
    const progress = input.progress ?? cur.progress;
    const claim = claimError(status, progress);
    if (claim) throw ruleViolation('progress', claim);
    const indicatorValues =
      input.indicatorValues === undefined
        ? undefined
        : await checkIndicatorValues(tx, cur.measureId, input.indicatorValues);
    const patch = defined({
      status: input.status,
      progress: input.progress,
      narrative: input.narrative,
      evidenceLinks: input.evidenceLinks,
      indicatorValues,
    });
    const [row] = await tx
      .update(reports)
      .set({ ...patch, version: cur.version + 1, updatedAt: sql`now()` })
      .where(eq(reports.id, id))
      .returning();
    audit.record({
      action: 'report.update',
      entityType: 'report',
      entityId: id,
      before: auditForm(cur),
      after: { ...auditForm(row), changed: Object.keys(patch) },
      partyScope: cur.partyId,
    });
    return findReport(tx, actor, id);
  });
}
