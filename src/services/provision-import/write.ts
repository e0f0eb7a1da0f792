/**
 * Writing a reviewed list of provisions in one go, for the text import: the provisions
 * service's rows and presentation, in a few set-based statements instead of one call per row.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Provision } from '../../contracts/agreements';
import type { DbOrTx, Tx } from '../../db/client';
import { provisionSpheres, provisions } from '../../db/schema';
import type { AuditLog } from '../core/mutate';
import { presentProvisions } from '../provisions';

/** The agreement's provisions that have one of these numbers. */
export const provisionsNumbered = (db: DbOrTx, agreementId: string, numbers: string[]) =>
  db
    .select()
    .from(provisions)
    .where(and(eq(provisions.agreementId, agreementId), inArray(provisions.number, numbers)));

/** A provision as an import writes it. */
export interface ProvisionInput {
  number: string;
  text: Provision['text'];
  sphereIds: string[];
}

/**
 * Writes a reviewed list of provisions in a few set-based statements (the text import, issue
 * 10 §5): numbers the agreement lacks are added after its last provision in the order given;
 * numbers it has are updated in place (new text and spheres, same id, so measures that
 * implement them stay linked). The caller checks the list and holds the agreement's lock.
 */
export async function writeProvisionBatch(
  tx: Tx,
  agreementId: string,
  items: readonly ProvisionInput[],
  audit: AuditLog,
): Promise<{ created: Provision[]; updated: Provision[]; data: Provision[] }> {
  const current = await provisionsNumbered(
    tx,
    agreementId,
    items.map((i) => i.number),
  );
  const byNumber = new Map(current.map((r) => [r.number, r]));
  const before = new Map((await presentProvisions(tx, current)).map((p) => [p.id, p]));
  const [last] = await tx
    .select({ max: sql<number | null>`max(${provisions.position})` })
    .from(provisions)
    .where(eq(provisions.agreementId, agreementId));
  let position = last?.max ?? 0;
  const fresh = items.filter((i) => !byNumber.has(i.number));
  const inserted = fresh.length
    ? await tx
        .insert(provisions)
        .values(
          fresh.map((i) => ({
            agreementId,
            number: i.number,
            position: Math.min(++position, 100_000),
            text: i.text,
          })),
        )
        .returning()
    : [];
  const changed = items.filter((i) => byNumber.has(i.number));
  if (changed.length)
    await tx.execute(sql`update provisions p set text = v.text::jsonb, version = p.version + 1, updated_at = now()
      from (values ${sql.join(
        changed.map((i) => sql`(${byNumber.get(i.number)!.id}::uuid, ${JSON.stringify(i.text)})`),
        sql`, `,
      )}) as v(id, text) where p.id = v.id`);
  const idOf = new Map([...inserted, ...current].map((r) => [r.number, r.id]));
  const ids = items.map((i) => idOf.get(i.number)!);
  if (changed.length)
    await tx.delete(provisionSpheres).where(
      inArray(
        provisionSpheres.provisionId,
        changed.map((i) => idOf.get(i.number)!),
      ),
    );
  const links = items.flatMap((i) =>
    i.sphereIds.map((sphereId) => ({ provisionId: idOf.get(i.number)!, sphereId })),
  );
  if (links.length) await tx.insert(provisionSpheres).values(links);
  const rows = await tx.select().from(provisions).where(inArray(provisions.id, ids));
  const presented = new Map((await presentProvisions(tx, rows)).map((p) => [p.id, p]));
  const data = ids.map((id) => presented.get(id)!);
  const created = data.filter((p) => !before.has(p.id));
  const updated = data.filter((p) => before.has(p.id));
  audit.record([
    ...created.map((p) => ({
      action: 'provision.create' as const,
      entityType: 'provision' as const,
      entityId: p.id,
      after: p,
    })),
    ...updated.map((p) => ({
      action: 'provision.update' as const,
      entityType: 'provision' as const,
      entityId: p.id,
      before: before.get(p.id),
      after: p,
    })),
  ]);
  return { created, updated, data };
}
