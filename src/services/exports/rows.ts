/**
 * The measures of an export, read in pages in tree order (keyset on the sort key, so the
 * 100,000th row costs what the first does) under the very WHERE of the measure list: its
 * filters and the caller's visibility, so an export shows exactly what the list shows.
 */
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Locale } from '../../contracts/enums';
import type { Measure, MeasureQuery } from '../../contracts/roadmaps';
import type { DbOrTx } from '../../db/client';
import { jointStatuses, measures, organisations, parties, provisions, spheres } from '../../db/schema';
import type { ExportRow } from '../../documents/spreadsheets/columns';
import { FLAG_WORDS } from '../../documents/spreadsheets/columns';
import { FORM_LABELS, labelOf, STATUS_LABELS, TIER_LABELS } from '../../domain/import/vocab';
import type { Actor } from '../../domain/policies';
import { presentRows, selectWithRelations } from '../measures/present';
import { measureFilter } from '../measures/read';
import { matchingOrganisations } from '../search/conditions';

/** The list filters an export takes (those of GET /measures but paging and sort). */
export type ExportQuery = Omit<z.output<typeof MeasureQuery>, 'page' | 'limit' | 'sort' | 'roadmapId'>;

const PAGE = 2000;

/** The names an export writes instead of ids, loaded once. */
export async function exportDictionaries(db: DbOrTx) {
  const [p, o, s, pr] = await Promise.all([
    db.select().from(parties).orderBy(asc(parties.code)),
    db.select({ id: organisations.id, name: organisations.name }).from(organisations),
    db.select({ id: spheres.id, name: spheres.name }).from(spheres),
    db.select({ id: provisions.id, number: provisions.number }).from(provisions),
  ]);
  return {
    parties: p,
    orgs: new Map(o.map((x) => [x.id, x.name.ru])),
    spheres: new Map(s.map((x) => [x.id, x.name.ru])),
    provisions: new Map(pr.map((x) => [x.id, x.number])),
  };
}
export type Dictionaries = Awaited<ReturnType<typeof exportDictionaries>>;

/** Pages of visible, filtered measures of a roadmap in tree order. */
export async function* measurePages(
  db: DbOrTx,
  actor: Actor,
  roadmapId: string,
  q: ExportQuery,
  day: string,
) {
  const where = measureFilter(
    actor,
    { ...q, roadmapId },
    day,
    q.q ? await matchingOrganisations(db, q.q) : undefined,
  );
  let after: string | null = null;
  for (;;) {
    const rows = await selectWithRelations(
      db,
      actor,
      day,
      after === null ? where : and(where, gt(measures.sortKey, after)),
      {
        order: [asc(measures.sortKey)],
        limit: PAGE,
        offset: 0,
      },
    );
    if (rows.length === 0) return;
    after = rows[rows.length - 1].m.sortKey;
    const page = presentRows(rows, day);
    const ids = page.map((m) => m.id);
    const disputed = new Set(
      (
        await db
          .selectDistinct({ id: jointStatuses.measureId })
          .from(jointStatuses)
          .where(and(inArray(jointStatuses.measureId, ids), eq(jointStatuses.state, 'disputed')))
      ).map((r) => r.id),
    );
    yield { page, disputed };
    if (rows.length < PAGE) return;
  }
}

/** A measure as an export row in `locale`. */
export function exportRow(m: Measure, d: Dictionaries, disputed: boolean, locale: Locale): ExportRow {
  const bodies = d.parties.map((p) =>
    m.responsible
      .filter((r) => r.partyId === p.id)
      .sort((a, b) => (a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1))
      .map((r) => d.orgs.get(r.organisationId) ?? '')
      .join('; '),
  );
  const flags = [m.overdue ? FLAG_WORDS.overdue[locale] : '', disputed ? FLAG_WORDS.disputed[locale] : '']
    .filter(Boolean)
    .join('; ');
  return {
    depth: m.depth,
    code: m.code,
    title: m.title.ru,
    titleKk: m.title.kk ?? '',
    titleEn: m.title.en ?? '',
    description: m.description?.ru ?? '',
    spheres: m.sphereIds.map((id) => d.spheres.get(id) ?? '').join('; '),
    provisions: m.provisionIds.map((id) => d.provisions.get(id) ?? '').join('; '),
    bodies,
    startDate: m.startDate,
    dueDate: m.dueDate,
    completionForm: labelOf(FORM_LABELS, m.completionForm, locale),
    status: labelOf(STATUS_LABELS, m.status, locale),
    progress: m.progress,
    tier: labelOf(TIER_LABELS, m.tier, locale),
    weight: m.weight,
    overdue: m.overdue,
    disputed,
    flags,
  };
}

/** The party names of the responsible columns, in the caller's language. */
export const partyHeaders = (d: Dictionaries, locale: Locale) =>
  d.parties.map((p) => ({ name: p.name[locale] ?? p.name.ru }));

void sql;
