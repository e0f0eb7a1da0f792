/**
 * What an import compares a file with, loaded once per import in a few set queries: the
 * roadmap, the parties, the organisation directory, spheres, the provisions of the roadmap's
 * agreements and the roadmap's measures by code.
 */
import { eq, getTableColumns, inArray } from 'drizzle-orm';
import type { I18nText } from '../../contracts/common';
import type { Measure } from '../../contracts/roadmaps';
import type { Tx } from '../../db/client';
import {
  measures,
  organisations,
  parties,
  provisions,
  roadmapAgreements,
  roadmaps,
  spheres,
} from '../../db/schema';
import { notFound } from '../../domain/errors';
import type { PartyRef } from '../../domain/import/headers';
import type { KnownBody } from '../../domain/import/organisations';
import type { Actor } from '../../domain/policies';
import { presentRows, selectWithRelations } from '../measures/present';
import { hasBaselineSql, requireOpenRoadmap } from '../measures/rules';

const texts = (t: I18nText | null) => (t ? [t.ru, t.kk, t.en].filter((x): x is string => !!x) : []);

/** Everything the import needs to know besides the file. */
export async function loadImportContext(tx: Tx, actor: Actor, roadmapId: string, day: string) {
  const [roadmap] = await tx
    .select({ ...getTableColumns(roadmaps), hasBaseline: hasBaselineSql(roadmaps.id) })
    .from(roadmaps)
    .where(eq(roadmaps.id, roadmapId))
    .for('update');
  if (!roadmap) throw notFound('roadmap');
  requireOpenRoadmap(roadmap.status, 'roadmapId');
  // one after another: a transaction is one connection, which runs one query at a time anyway
  // (queued queries on one client are deprecated in pg)
  const partyRows = await tx.select().from(parties);
  const orgRows = await tx.select().from(organisations);
  const sphereRows = await tx.select().from(spheres);
  const links = await tx
    .select({ id: roadmapAgreements.agreementId })
    .from(roadmapAgreements)
    .where(eq(roadmapAgreements.roadmapId, roadmapId));
  const measureRows = await selectWithRelations(tx, actor, day, eq(measures.roadmapId, roadmapId));
  const provisionRows = links.length
    ? await tx
        .select({ id: provisions.id, number: provisions.number })
        .from(provisions)
        .where(
          inArray(
            provisions.agreementId,
            links.map((l) => l.id),
          ),
        )
    : [];
  const partyRefs: PartyRef[] = partyRows.map((p) => ({ id: p.id, code: p.code, names: texts(p.name) }));
  const bodies: KnownBody[] = orgRows.map((o) => ({
    id: o.id,
    partyId: o.partyId,
    names: [...texts(o.name), ...texts(o.shortName)],
  }));
  const existing = new Map<string, Measure>(presentRows(measureRows, day).map((m) => [m.code, m]));
  return {
    roadmap,
    parties: partyRefs,
    bodies,
    orgNames: new Map(orgRows.map((o) => [o.id, o.name.ru])),
    spheres: sphereRows.map((s) => ({ id: s.id, names: [s.code, ...texts(s.name)] })),
    provisions: provisionRows,
    existing,
  };
}
export type ImportContext = Awaited<ReturnType<typeof loadImportContext>>;
