/**
 * The measures of an export, read in pages in tree order (keyset on the sort key, so the
 * 100,000th row costs what the first does) under the very WHERE of the measure list: its
 * filters and the caller's visibility, so an export shows exactly what the list shows.
 */
import { readAll } from '../common';
import { and, asc, gt, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Locale } from '../../contracts/enums';
import type { Measure, MeasureQuery } from '../../contracts/roadmaps';
import type { DbOrTx } from '../../db/client';
import { measures, organisations, parties, provisions, spheres } from '../../db/schema';
import type { ExportRow } from '../../documents/spreadsheets/columns';
import { FLAG_WORDS } from '../../documents/spreadsheets/columns';
import { FORM_LABELS, labelOf, STATUS_LABELS, TIER_LABELS } from '../../domain/import/vocab';
import type { Actor } from '../../domain/policies';
import { isOverdue } from '../../domain/measures';
import { OUTER_ID, presentRows, relationColumns, selectWithRelations } from '../measures/present';
import { measureFilter } from '../measures/read';
import { matchingOrganisations } from '../search/conditions';

/** The list filters an export takes (those of GET /measures but paging and sort). */
export type ExportQuery = Omit<z.output<typeof MeasureQuery>, 'page' | 'limit' | 'sort' | 'roadmapId'>;

const PAGE = 2000;

/** The names an export writes instead of ids, loaded once. */
export async function exportDictionaries(db: DbOrTx) {
  const [p, o, s, pr] = await readAll(db, [
    () => db.select().from(parties).orderBy(asc(parties.code)),
    () => db.select({ id: organisations.id, name: organisations.name }).from(organisations),
    () => db.select({ id: spheres.id, name: spheres.name }).from(spheres),
    () => db.select({ id: provisions.id, number: provisions.number }).from(provisions),
  ]);
  return {
    parties: p,
    orgs: new Map(o.map((x) => [x.id, x.name.ru])),
    spheres: new Map(s.map((x) => [x.id, x.name.ru])),
    provisions: new Map(pr.map((x) => [x.id, x.number])),
  };
}
export type Dictionaries = Awaited<ReturnType<typeof exportDictionaries>>;

/** The WHERE of an export: the measure list's filters and the caller's visibility. */
export async function exportWhere(db: DbOrTx, actor: Actor, roadmapId: string, q: ExportQuery, day: string) {
  return measureFilter(
    actor,
    { ...q, roadmapId },
    day,
    q.q ? await matchingOrganisations(db, q.q) : undefined,
  );
}

/** The deepest level among the measures `where` selects (0 when there are none). */
export async function deepestLevel(db: DbOrTx, where: SQL | undefined): Promise<number> {
  const [r] = await db
    .select({ d: sql<number | null>`max(${measures.depth})` })
    .from(measures)
    .where(where);
  return Number(r?.d ?? 0);
}

/** Pages of the measures `where` selects, in tree order. */
export async function* measurePages(db: DbOrTx, actor: Actor, where: SQL | undefined, day: string) {
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
    // the list's own flag: the latest joint status is disputed
    const disputed = new Set(page.filter((m) => m.disputed).map((m) => m.id));
    yield { page, disputed };
    if (rows.length < PAGE) return;
  }
}

/** What a spreadsheet row is made of: the measure's own facts, its links and its flags. */
export type ExportSource = Pick<
  Measure,
  | 'depth'
  | 'code'
  | 'title'
  | 'description'
  | 'sphereIds'
  | 'provisionIds'
  | 'responsible'
  | 'startDate'
  | 'dueDate'
  | 'completionForm'
  | 'status'
  | 'progress'
  | 'tier'
  | 'weight'
  | 'overdue'
> & { disputed: boolean };

type SourceRow = Omit<ExportSource, 'overdue'> & { sortKey: string };

/**
 * Pages of what the spreadsheets need of the measures `where` selects, in tree order: the
 * list's own relation subqueries (so links come in the list's order) but none of the rest of
 * a `Measure` (children, dependencies, versions), read as plain rows without the ORM's
 * per-column mapping. A row is disputed as the measure list's flag says (its latest joint status).
 */
export async function* spreadsheetPages(
  db: DbOrTx,
  actor: Actor,
  where: SQL | undefined,
  day: string,
): AsyncGenerator<ExportSource[]> {
  const rel = relationColumns(OUTER_ID, actor, day);
  let after: string | null = null;
  for (;;) {
    const { rows }: { rows: SourceRow[] } = await db.execute<SourceRow>(sql`
      select ${measures.sortKey} as "sortKey", ${measures.depth} as depth, ${measures.code} as code,
        ${measures.title} as title, ${measures.description} as description,
        ${measures.startDate}::text as "startDate", ${measures.dueDate}::text as "dueDate",
        ${measures.completionForm} as "completionForm", ${measures.status} as status,
        ${measures.progress} as progress, ${measures.tier} as tier, ${measures.weight} as weight,
        ${rel.spheres} as "sphereIds", ${rel.provisions} as "provisionIds", ${rel.responsible} as responsible,
        ${rel.disputed} as disputed
      from ${measures}
      where ${and(where, after === null ? undefined : gt(measures.sortKey, after)) ?? sql`true`}
      order by ${measures.sortKey}
      limit ${PAGE}`);
    if (rows.length === 0) return;
    after = rows[rows.length - 1].sortKey;
    for (const r of rows) (r as SourceRow & ExportSource).overdue = isOverdue(r, day);
    yield rows as (SourceRow & ExportSource)[];
    if (rows.length < PAGE) return;
  }
}

/**
 * Iterates `pages` one page ahead: the next page's query runs while the caller writes this
 * one, so the database and the writer work at the same time.
 */
export async function* readAhead<T>(pages: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = pages.next();
  try {
    for (;;) {
      const r = await next;
      if (r.done) return;
      next = pages.next();
      // a failure of the page read ahead surfaces when it is awaited, not as unhandled
      next.catch(() => {});
      yield r.value;
    }
  } finally {
    await pages.return(undefined);
  }
}

/** A measure as an export row in `locale`. */
export function exportRow(m: ExportSource, d: Dictionaries, locale: Locale): ExportRow {
  const disputed = m.disputed;
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
