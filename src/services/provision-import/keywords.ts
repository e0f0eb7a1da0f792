/**
 * The keyword vocabularies of the spheres: an admin's own words (stored in sphere_keywords),
 * else Accord's default words for the sphere's code, else none.
 */
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { SphereKeywords, SphereKeywordsUpdate } from '../../contracts/provision-import';
import type { DbOrTx } from '../../db/client';
import { sphereKeywords, spheres } from '../../db/schema';
import { notFound, versionConflict } from '../../domain/errors';
import { type Actor, canManageReference } from '../../domain/policies';
import type { KeywordSet } from '../../domain/sphere-suggest';
import { DEFAULT_VOCABULARIES } from '../../domain/sphere-vocabulary';
import type { Ctx } from '../context';
import { authorize } from '../core/authorize';
import { mutate } from '../core/mutate';

type Row = { id: string; code: string; kw: typeof sphereKeywords.$inferSelect | null };

function present(r: Row): SphereKeywords {
  if (r.kw)
    return { sphereId: r.id, source: 'custom', version: r.kw.version, ru: r.kw.ru, kk: r.kw.kk, en: r.kw.en };
  const d = DEFAULT_VOCABULARIES[r.code];
  if (d)
    return { sphereId: r.id, source: 'default', version: null, ru: [...d.ru], kk: [...d.kk], en: [...d.en] };
  return { sphereId: r.id, source: 'none', version: null, ru: [], kk: [], en: [] };
}

const rows = (db: DbOrTx) =>
  db
    .select({ id: spheres.id, code: spheres.code, kw: sphereKeywords })
    .from(spheres)
    .leftJoin(sphereKeywords, eq(sphereKeywords.sphereId, spheres.id));

/** Every sphere's words, in one query, for the suggestions. */
export async function allVocabularies(db: DbOrTx): Promise<{ sphereId: string; keywords: KeywordSet }[]> {
  return (await rows(db).orderBy(spheres.position, spheres.code))
    .map(present)
    .map((k) => ({ sphereId: k.sphereId, keywords: k }));
}

/** GET /spheres/{id}/keywords (any signed-in user). */
export async function getSphereKeywords(ctx: Ctx, _actor: Actor, sphereId: string): Promise<SphereKeywords> {
  const [r] = await rows(ctx.db).where(eq(spheres.id, sphereId));
  if (!r) throw notFound('sphere');
  return present(r);
}

/** PUT /spheres/{id}/keywords (admin): replaces the sphere's words; audited 'sphere.keywords'. */
export async function putSphereKeywords(
  ctx: Ctx,
  actor: Actor,
  sphereId: string,
  input: z.output<typeof SphereKeywordsUpdate>,
): Promise<SphereKeywords> {
  authorize(canManageReference(actor), 'forbidden.reference');
  return mutate(ctx, actor, async (tx, audit) => {
    const [r] = await rows(tx).where(eq(spheres.id, sphereId)).for('update', { of: spheres });
    if (!r) throw notFound('sphere');
    const current = r.kw?.version ?? null;
    if (current !== null && input.version !== current) throw versionConflict('sphere', current);
    const before = present(r);
    const words = { ru: input.ru, kk: input.kk, en: input.en };
    const [kw] = await tx
      .insert(sphereKeywords)
      .values({ sphereId, ...words })
      .onConflictDoUpdate({
        target: sphereKeywords.sphereId,
        set: { ...words, version: sql`${sphereKeywords.version} + 1`, updatedAt: sql`now()` },
      })
      .returning();
    const after = present({ ...r, kw });
    audit.record({ action: 'sphere.keywords', entityType: 'sphere', entityId: sphereId, before, after });
    return after;
  });
}
