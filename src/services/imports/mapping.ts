/** The column mapping saved per roadmap: read before each import, saved by an admin (audited). */
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { ColumnMapping, ImportMapping } from '../../contracts/imports';
import type { DbOrTx } from '../../db/client';
import { importMappings, roadmaps } from '../../db/schema';
import { invalid, notFound } from '../../domain/errors';
import { canImportRoadmap } from '../../domain/import-policies';
import { isImportField } from '../../domain/import/vocab';
import type { Actor } from '../../domain/policies';
import { checkVersion } from '../common';
import type { Ctx } from '../context';
import { authorize } from '../core/authorize';
import { mutate } from '../core/mutate';

type Mapping = z.infer<typeof ColumnMapping>;

/** The mapping saved for a roadmap ({} when none). */
export async function savedMapping(db: DbOrTx, roadmapId: string): Promise<Mapping> {
  const [r] = await db.select().from(importMappings).where(eq(importMappings.roadmapId, roadmapId));
  return r?.mapping ?? {};
}

const view = (
  roadmapId: string,
  r: typeof importMappings.$inferSelect | undefined,
): z.infer<typeof ImportMapping> => ({
  roadmapId,
  mapping: r?.mapping ?? {},
  version: r?.version ?? null,
  updatedAt: r ? r.updatedAt.toISOString() : null,
});

async function requireRoadmap(db: DbOrTx, id: string) {
  const [r] = await db.select({ id: roadmaps.id }).from(roadmaps).where(eq(roadmaps.id, id));
  if (!r) throw notFound('roadmap');
}

/** GET: the saved mapping (admins). */
export async function getImportMapping(ctx: Ctx, actor: Actor, roadmapId: string) {
  authorize(canImportRoadmap(actor), 'import.forbidden');
  await requireRoadmap(ctx.db, roadmapId);
  const [r] = await ctx.db.select().from(importMappings).where(eq(importMappings.roadmapId, roadmapId));
  return view(roadmapId, r);
}

/** PUT: replaces the saved mapping; every field must be one an import fills. */
export async function saveImportMapping(
  ctx: Ctx,
  actor: Actor,
  roadmapId: string,
  input: { mapping: Mapping; version?: number },
) {
  authorize(canImportRoadmap(actor), 'import.forbidden');
  for (const [k, v] of Object.entries(input.mapping))
    if (v !== null && !isImportField(v)) throw invalid(`mapping.${k}`, 'import.mappingField', { field: v });
  return mutate(ctx, actor, async (tx, audit) => {
    await requireRoadmap(tx, roadmapId);
    const [cur] = await tx
      .select()
      .from(importMappings)
      .where(eq(importMappings.roadmapId, roadmapId))
      .for('update');
    if (cur) checkVersion(cur, input.version ?? 0, 'roadmap');
    const [row] = cur
      ? await tx
          .update(importMappings)
          .set({ mapping: input.mapping, version: cur.version + 1, updatedAt: new Date() })
          .where(eq(importMappings.roadmapId, roadmapId))
          .returning()
      : await tx.insert(importMappings).values({ roadmapId, mapping: input.mapping }).returning();
    audit.record({
      action: 'import_mapping.save',
      entityType: 'import_mapping',
      entityId: roadmapId,
      before: cur?.mapping ?? null,
      after: row.mapping,
      partyScope: null,
    });
    return view(roadmapId, row);
  });
}
