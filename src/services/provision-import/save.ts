/**
 * Saving an import (dryRun=false): the reviewed list, all or nothing in one transaction. Numbers
 * the agreement already has are refused (409 naming them) unless `replace` asks to update them.
 */
import { eq, inArray } from 'drizzle-orm';
import type { ProvisionImportSaved } from '../../contracts/provision-import';
import { msg } from '../../contracts/messages';
import { agreements, spheres } from '../../db/schema';
import { AppError, detail, type ErrorDetail, fieldError, notFound } from '../../domain/errors';
import { type Actor, canManageReference } from '../../domain/policies';
import type { Ctx } from '../context';
import { authorize } from '../core/authorize';
import { mutate } from '../core/mutate';
import { type ProvisionInput, provisionsNumbered, writeProvisionBatch } from './write';

/** POST /agreements/{id}/provisions/import?dryRun=false (admin); audited 'provision.import'. */
export async function saveImport(
  ctx: Ctx,
  actor: Actor,
  agreementId: string,
  input: { provisions: ProvisionInput[]; replace: boolean },
): Promise<ProvisionImportSaved> {
  authorize(canManageReference(actor), 'forbidden.agreements');
  const items = input.provisions;
  const twice = items.flatMap((p, i) =>
    items.findIndex((q) => q.number === p.number) < i
      ? [detail(`provisions.${i}.number`, 'provisionImport.numberTwice', { number: p.number })]
      : [],
  );
  if (twice.length) throw fieldError('validation_failed', twice);
  return mutate(ctx, actor, async (tx, audit) => {
    const [a] = await tx
      .select({ id: agreements.id })
      .from(agreements)
      .where(eq(agreements.id, agreementId))
      .for('update');
    if (!a) throw notFound('agreement');
    const sphereIds = [...new Set(items.flatMap((p) => p.sphereIds))];
    const known = new Set(
      sphereIds.length
        ? (await tx.select({ id: spheres.id }).from(spheres).where(inArray(spheres.id, sphereIds))).map(
            (s) => s.id,
          )
        : [],
    );
    const unknown: ErrorDetail[] = items.flatMap((p, i) =>
      p.sphereIds.flatMap((s, j) =>
        known.has(s) ? [] : [detail(`provisions.${i}.sphereIds.${j}`, 'noSuch.sphere')],
      ),
    );
    if (unknown.length) throw fieldError('rule_violation', unknown);
    if (!input.replace) {
      const clash = await provisionsNumbered(
        tx,
        agreementId,
        items.map((p) => p.number),
      );
      if (clash.length) {
        const taken = new Set(clash.map((c) => c.number));
        const numbers = items.map((p) => p.number).filter((n) => taken.has(n));
        throw new AppError(
          'conflict',
          msg('provisionImport.numbersTaken', { numbers: numbers.join(', ') }),
          items.flatMap((p, i) =>
            taken.has(p.number)
              ? [detail(`provisions.${i}.number`, 'provisionImport.numberTaken', { number: p.number })]
              : [],
          ),
        );
      }
    }
    const out = await writeProvisionBatch(tx, agreementId, items, audit);
    audit.record({
      action: 'provision.import',
      entityType: 'agreement',
      entityId: agreementId,
      after: {
        created: out.created.map((p) => p.number),
        updated: out.updated.map((p) => p.number),
        replace: input.replace,
      },
    });
    return { created: out.created.length, updated: out.updated.length, data: out.data };
  });
}
