/**
 * Changing many measures at once, all or nothing: every item goes through the one write path
 * (`applyUpdate`, source `bulk`); any refusal rolls back all and reports each refused item.
 */
import { msg } from '../../contracts/messages';
import type { z } from 'zod';
import type { MeasureBulkUpdate } from '../../contracts/roadmaps';
import { AppError, type ErrorDetail, invalid, ruleViolation } from '../../domain/errors';
import { type Actor, isAdmin, statusChangeNeedsReason } from '../../domain/policies';
import { type Ctx, today } from '../context';
import { type AuditInput, mutate } from '../core/mutate';
import { citeDecision } from '../baselines/amend';
import { presentByIds } from './read';
import { applyUpdate } from './update';

/** The refusals of one item, each path under `items.N`. */
function itemDetails(e: AppError, i: number): ErrorDetail[] {
  const list = e.details.length ? e.details : [{ path: `items.${i}`, message: e.message }];
  return list.map((d) => ({
    ...d,
    path: d.path.startsWith('items.') ? d.path : `items.${i}${d.path ? `.${d.path}` : ''}`,
  }));
}

export async function bulkUpdateMeasures(ctx: Ctx, actor: Actor, input: z.output<typeof MeasureBulkUpdate>) {
  const day = today(ctx);
  const ids = input.items.map((i) => i.id);
  if (new Set(ids).size !== ids.length) throw ruleViolation('items', 'bulk.duplicate');
  // a correction of many measures' status says why once, for all of them
  if (isAdmin(actor) && statusChangeNeedsReason('bulk', Object.keys(input.set)) && !input.reason)
    throw invalid('reason', 'measure.statusReason');
  const updated = await mutate(ctx, actor, async (tx, audit) => {
    // read once for the batch; each item checks its roadmap against it (linkDecision)
    const decision = input.decisionId ? await citeDecision(tx, input.decisionId) : undefined;
    const freeze = { actor, at: ctx.now(), audit };
    const details: ErrorDetail[] = [];
    const events: AuditInput[] = [];
    let firstError: AppError | null = null;
    for (const [i, item] of input.items.entries()) {
      try {
        const r = await tx.transaction((sp) =>
          applyUpdate(sp, actor, item.id, { ...input.set, version: item.version }, day, {
            source: 'bulk',
            reason: input.reason,
            decision,
            freeze,
            prefix: `items.${i}.`,
          }),
        );
        if (r.event) events.push(r.event);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        firstError ??= e;
        details.push(...itemDetails(e, i));
      }
    }
    if (firstError) {
      const refused = new Set(details.map((d) => d.path.split('.').slice(0, 2).join('.'))).size;
      throw new AppError(
        firstError.code,
        msg('bulk.refused', { count: refused, first: firstError.text ?? firstError.message }),
        details,
      );
    }
    audit.record(events);
    return events.length;
  });
  return { updated, data: await presentByIds(ctx.db, actor, ids, day) };
}
