/** Reordering an agreement's provisions: the reading order the agreement page shows. */
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ProvisionOrder } from '../contracts/agreements';
import { provisions } from '../db/schema';
import { invalid } from '../domain/errors';
import { type Actor, canManageReference } from '../domain/policies';
import { authorize } from './core/authorize';
import { mutate } from './core/mutate';
import type { Ctx } from './context';
import { presentProvisions, provisionRows, requireAgreement } from './provisions';

/**
 * Sets positions 1…n in the order of `ids`, which must name every provision of the agreement
 * once (a partial list would leave the others' places undefined). One UPDATE for all of them;
 * one audit event on the agreement with the order before and after.
 */
export async function reorderProvisions(
  ctx: Ctx,
  actor: Actor,
  agreementId: string,
  input: z.output<typeof ProvisionOrder>,
) {
  authorize(canManageReference(actor), 'forbidden.agreements');
  return mutate(ctx, actor, async (tx, audit) => {
    await requireAgreement(tx, agreementId, true);
    const current = await tx
      .select({ id: provisions.id, number: provisions.number })
      .from(provisions)
      .where(eq(provisions.agreementId, agreementId))
      .for('update');
    const known = new Set(current.map((p) => p.id));
    if (input.ids.length !== current.length || input.ids.some((id) => !known.has(id)))
      throw invalid('ids', 'provision.orderIncomplete', { count: current.length });
    const before = (await provisionRows(tx, agreementId)).map((p) => p.number);
    await tx.execute(sql`
      update provisions p
         set position = o.ord, version = p.version + 1, updated_at = now()
        from unnest(${`{${input.ids.join(',')}}`}::uuid[]) with ordinality as o(id, ord)
       where p.id = o.id and p.position is distinct from o.ord`);
    const rows = await provisionRows(tx, agreementId);
    audit.record({
      action: 'agreement.update',
      entityType: 'agreement',
      entityId: agreementId,
      before: { provisionOrder: before },
      after: { provisionOrder: rows.map((p) => p.number) },
    });
    return { data: await presentProvisions(tx, rows) };
  });
}
