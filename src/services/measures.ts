/**
 * Measures: the items of a roadmap, a tree of any depth. Use cases: find, get, create,
 * update, move, delete, bulk update, history. Every read is filtered by the actor's
 * visibility in SQL (internal measures of another party never leave the database); every
 * write checks the policy, runs in one transaction and is audited.
 *
 * Parents are roll-ups: a measure with (counted) children gets its progress and status from
 * them (weighted by `weight`), recomputed up the ancestor chain on every change. A shared
 * parent does not count internal children, so one party's private plan never shows
 * through the joint figures.
 */
import {
  and,
  asc,
  getTableColumns,
  desc,
  eq,
  gte,
  inArray,
  isNull,
  lte,
  ne,
  notInArray,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { z } from 'zod';
import type {
  Measure,
  MeasureBulkUpdate,
  MeasureCreate,
  MeasureMove,
  MeasureQuery,
  MeasureUpdate,
} from '../contracts/roadmaps';
import type { DbOrTx, Tx } from '../db/client';
import {
  measureDependencies,
  measureProvisions,
  measureResponsibles,
  measureSpheres,
  measures,
  organisations,
  provisions,
  roadmapAgreements,
  roadmaps,
  spheres,
} from '../db/schema';
import { AppError, type ErrorDetail, forbidden, notFound, ruleViolation } from '../domain/errors';
import {
  AT_RISK_THRESHOLD,
  codeFitsParent,
  codeSortKey,
  completionLevel,
  dateRangeError,
  dependencyCycle,
  isAtRisk,
  isOverdue,
  nextChildCode,
  rollUpProgress,
  rollUpStatus,
} from '../domain/measures';
import {
  type Actor,
  canCreateMeasure,
  canDeleteMeasure,
  canMoveMeasure,
  canReadMeasure,
  editableMeasureFields,
  internalScope,
  type MeasureField,
  responsibleChangeAllowed,
} from '../domain/policies';
import { entityHistory, recordAudit } from './audit';
import { checkVersion, iso, requireIds } from './common';
import { type Ctx, today } from './context';
import { measureSearchCondition } from './search/conditions';
import { measureSearchText } from './search/documents';

/**
 * Every column but the search vector, which only WHERE clauses read: selecting it would ship
 * a large tsvector with every row for nothing.
 */
const { searchVector: _searchVector, ...MEASURE_COLUMNS } = getTableColumns(measures);
type Row = Omit<typeof measures.$inferSelect, 'searchVector'>;
type ResponsibleRow = { organisationId: string; partyId: string; role: 'lead' | 'co_executor' };
type CreateInput = z.output<typeof MeasureCreate>;
type UpdateInput = z.output<typeof MeasureUpdate>;

// ---------- visibility and derived conditions (SQL mirrors of domain rules) ----------

/** The measures an actor may see, as a WHERE condition (undefined: all). */
export function measureVisibility(actor: Actor): SQL | undefined {
  const scope = internalScope(actor);
  if (scope === 'all') return undefined;
  if (scope === null) return ne(measures.tier, 'internal');
  return or(ne(measures.tier, 'internal'), eq(measures.ownerPartyId, scope));
}

const OPEN = sql`${measures.status} not in ('completed', 'cancelled')`;

/** SQL form of domain isOverdue. */
export const overdueSql = (day: string) => sql`(${OPEN} and ${measures.dueDate} < ${day}::date)`;

/** SQL form of domain isAtRisk (see its doc comment for the formula). */
export const atRiskSql = (day: string) =>
  sql`(${OPEN} and ${measures.dueDate} >= ${day}::date and ${measures.startDate} <= ${day}::date and ((${day}::date - ${measures.startDate})::float8 / greatest(${measures.dueDate} - ${measures.startDate}, 1)) * 100 - ${measures.progress} > ${AT_RISK_THRESHOLD})`;

// ---------- presenting ----------

interface Related {
  spheres: Map<string, string[]>;
  provisions: Map<string, string[]>;
  responsible: Map<string, ResponsibleRow[]>;
  deps: Map<string, string[]>;
  children: Map<string, number>;
}

const group = <T>(rows: T[], key: (r: T) => string) => {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
};

/** `measureVisibility` for another alias of the measures table (`dm.tier`, …). */
function visibleAs(alias: string, actor: Actor): SQL {
  const scope = internalScope(actor);
  const a = sql.raw(alias);
  if (scope === 'all') return sql`true`;
  if (scope === null) return sql`${a}.tier <> 'internal'`;
  return sql`(${a}.tier <> 'internal' or ${a}.owner_party_id = ${scope})`;
}

type RelatedRow = {
  id: string;
  spheres: string[];
  provisions: string[];
  responsible: ResponsibleRow[];
  deps: string[];
  children: number;
};

/**
 * A measure's relations as correlated subqueries on `id` (a column or an alias): spheres,
 * provisions, responsible bodies, and the dependencies and children the actor may see. Each
 * runs on an index, so a page of measures and its relations come back in one round trip.
 */
function relationColumns(id: SQL, actor: Actor) {
  return {
    spheres: sql<string[]>`coalesce((select json_agg(ms.sphere_id order by s.position, s.code)
      from measure_spheres ms join spheres s on s.id = ms.sphere_id where ms.measure_id = ${id}), '[]')`,
    provisions: sql<string[]>`coalesce((select json_agg(mp.provision_id order by p.position, p.number)
      from measure_provisions mp join provisions p on p.id = mp.provision_id where mp.measure_id = ${id}), '[]')`,
    responsible: sql<ResponsibleRow[]>`coalesce((select json_agg(json_build_object(
        'organisationId', r.organisation_id, 'partyId', r.party_id, 'role', r.role)
        order by r.role, r.party_id, r.organisation_id)
      from measure_responsibles r where r.measure_id = ${id}), '[]')`,
    deps: sql<string[]>`coalesce((select json_agg(d.depends_on_id order by d.depends_on_id)
      from measure_dependencies d join measures dm on dm.id = d.depends_on_id
      where d.measure_id = ${id} and ${visibleAs('dm', actor)}), '[]')`,
    children: sql<number>`(select count(*)::int from measures c where c.parent_id = ${id} and ${visibleAs('c', actor)})`,
  };
}

/**
 * The outer row's id, qualified: a bare column would render as "id" inside the subqueries and
 * bind to their own tables' id (children, dependencies) instead of the outer measure's.
 */
const OUTER_ID = sql.raw('"measures"."id"');

function emptyRelated(): Related {
  return {
    spheres: new Map(),
    provisions: new Map(),
    responsible: new Map(),
    deps: new Map(),
    children: new Map(),
  };
}

function addRelated(rel: Related, r: RelatedRow): void {
  rel.spheres.set(r.id, r.spheres);
  rel.provisions.set(r.id, r.provisions);
  rel.responsible.set(r.id, r.responsible);
  rel.deps.set(r.id, r.deps);
  rel.children.set(r.id, Number(r.children));
}

/** Loads the relations of measures already loaded, in one round trip whatever their number. */
async function loadRelated(db: DbOrTx, actor: Actor, ids: string[]): Promise<Related> {
  const rel = emptyRelated();
  if (ids.length === 0) return rel;
  const c = relationColumns(sql.raw('x.id'), actor);
  // One array parameter (ids come from our own rows: UUIDs), not one parameter per id.
  const { rows } = await db.execute<RelatedRow>(sql`
    select x.id, ${c.spheres} as spheres, ${c.provisions} as provisions, ${c.responsible} as responsible,
      ${c.deps} as deps, ${c.children} as children
    from unnest(${`{${ids.join(',')}}`}::uuid[]) as x(id)`);
  for (const r of rows) addRelated(rel, r);
  return rel;
}

/**
 * Measures matching `where`, presented with their relations, in one query: the rows and
 * their relations travel together.
 */
async function selectPresented(
  db: DbOrTx,
  actor: Actor,
  where: SQL | undefined,
  day: string,
  page?: { order: SQL[]; limit: number; offset: number },
): Promise<Measure[]> {
  const base = db
    .select({ m: MEASURE_COLUMNS, ...relationColumns(OUTER_ID, actor) })
    .from(measures)
    .where(where);
  const rows = page
    ? await base
        .orderBy(...page.order)
        .limit(page.limit)
        .offset(page.offset)
    : await base;
  const rel = emptyRelated();
  for (const r of rows) addRelated(rel, { ...r, id: r.m.id });
  return rows.map((r) => presentMeasure(r.m, rel, day));
}

export function presentMeasure(row: Row, rel: Related, day: string): Measure {
  return {
    id: row.id,
    roadmapId: row.roadmapId,
    parentId: row.parentId,
    code: row.code,
    depth: row.depth,
    title: row.title,
    description: row.description ?? null,
    startDate: row.startDate,
    dueDate: row.dueDate,
    completionForm: row.completionForm,
    weight: row.weight,
    tier: row.tier,
    ownerPartyId: row.ownerPartyId,
    status: row.status,
    progress: row.progress,
    completionLevel: completionLevel(row.progress, row.status),
    overdue: isOverdue(row, day),
    atRisk: isAtRisk(row, day),
    childCount: rel.children.get(row.id) ?? 0,
    sphereIds: rel.spheres.get(row.id) ?? [],
    provisionIds: rel.provisions.get(row.id) ?? [],
    responsible: rel.responsible.get(row.id) ?? [],
    dependsOn: rel.deps.get(row.id) ?? [],
    version: row.version,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

async function presentMany(db: DbOrTx, actor: Actor, rows: Row[], day: string): Promise<Measure[]> {
  const rel = await loadRelated(
    db,
    actor,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentMeasure(r, rel, day));
}

/** The audit form of a measure: what every party that can see it may read. */
async function snapshot(db: DbOrTx, row: Row, day: string): Promise<Measure> {
  const [m] = await presentMany(db, { role: 'admin' } as Actor, [row], day);
  return m;
}

// ---------- reads ----------

const SORTS: Record<string, SQL[]> = {
  code: [asc(measures.sortKey)],
  dueDate: [asc(measures.dueDate), asc(measures.sortKey)],
  startDate: [asc(measures.startDate), asc(measures.sortKey)],
  progress: [asc(measures.progress), asc(measures.sortKey)],
  status: [asc(measures.status), asc(measures.sortKey)],
  title: [sql`${measures.title}->>'ru'`, asc(measures.sortKey)],
  updatedAt: [asc(measures.updatedAt), asc(measures.sortKey)],
};
const DESC_SORTS: Record<string, SQL[]> = {
  code: [desc(measures.sortKey)],
  dueDate: [desc(measures.dueDate), asc(measures.sortKey)],
  startDate: [desc(measures.startDate), asc(measures.sortKey)],
  progress: [desc(measures.progress), asc(measures.sortKey)],
  status: [desc(measures.status), asc(measures.sortKey)],
  title: [sql`${measures.title}->>'ru' desc`, asc(measures.sortKey)],
  updatedAt: [desc(measures.updatedAt), asc(measures.sortKey)],
};

/** The WHERE condition of a measure list; exported for the summary and exports. */
export function measureFilter(
  actor: Actor,
  q: Omit<z.output<typeof MeasureQuery>, 'page' | 'limit' | 'sort'>,
  day: string,
) {
  const conds: (SQL | undefined)[] = [measureVisibility(actor)];
  if (q.roadmapId) conds.push(eq(measures.roadmapId, q.roadmapId));
  if (q.parentId === 'root') conds.push(isNull(measures.parentId));
  else if (q.parentId) conds.push(eq(measures.parentId, q.parentId));
  if (q.sphereId)
    conds.push(
      sql`exists (select 1 from ${measureSpheres} where ${measureSpheres.measureId} = ${measures.id} and ${measureSpheres.sphereId} = ${q.sphereId})`,
    );
  if (q.partyId)
    conds.push(
      sql`exists (select 1 from ${measureResponsibles} where ${measureResponsibles.measureId} = ${measures.id} and ${measureResponsibles.partyId} = ${q.partyId})`,
    );
  if (q.organisationId)
    conds.push(
      sql`exists (select 1 from ${measureResponsibles} where ${measureResponsibles.measureId} = ${measures.id} and ${measureResponsibles.organisationId} = ${q.organisationId})`,
    );
  if (q.status?.length) conds.push(inArray(measures.status, q.status));
  if (q.tier?.length) conds.push(inArray(measures.tier, q.tier));
  if (q.dueFrom) conds.push(gte(measures.dueDate, q.dueFrom));
  if (q.dueTo) conds.push(lte(measures.dueDate, q.dueTo));
  if (q.overdue !== undefined) conds.push(q.overdue ? overdueSql(day) : sql`not ${overdueSql(day)}`);
  if (q.atRisk !== undefined) conds.push(q.atRisk ? atRiskSql(day) : sql`not ${atRiskSql(day)}`);
  if (q.leaf !== undefined) conds.push(q.leaf ? eq(measures.childCount, 0) : sql`${measures.childCount} > 0`);
  if (q.q) conds.push(measureSearchCondition(q.q));
  return and(...conds);
}

/** A page of measures matching the filters, with the total count. */
export async function findMeasures(ctx: Ctx, actor: Actor, q: z.output<typeof MeasureQuery>) {
  const day = today(ctx);
  const where = measureFilter(actor, q, day);
  const desc_ = q.sort.startsWith('-');
  const order = (desc_ ? DESC_SORTS : SORTS)[q.sort.replace(/^-/, '')];
  const [data, total] = await Promise.all([
    selectPresented(ctx.db, actor, where, day, {
      order: [...order, asc(measures.id)],
      limit: q.limit,
      offset: (q.page - 1) * q.limit,
    }),
    ctx.db.$count(measures, where),
  ]);
  return { data, page: q.page, limit: q.limit, total };
}

async function loadVisible(db: DbOrTx, actor: Actor, id: string, forUpdate = false): Promise<Row> {
  const base = db.select(MEASURE_COLUMNS).from(measures).where(eq(measures.id, id));
  const [row] = forUpdate ? await base.for('update') : await base;
  if (!row || !canReadMeasure(actor, row)) throw notFound('Measure');
  return row;
}

export async function getMeasure(ctx: Ctx, actor: Actor, id: string): Promise<Measure> {
  const [m] = await selectPresented(
    ctx.db,
    actor,
    and(eq(measures.id, id), measureVisibility(actor)),
    today(ctx),
  );
  if (!m) throw notFound('Measure');
  return m;
}

/** Who changed what and when: the measure's audit events the actor may read. */
export async function measureHistory(ctx: Ctx, actor: Actor, id: string) {
  await loadVisible(ctx.db, actor, id);
  return { data: await entityHistory(ctx.db, actor, 'measure', id) };
}

// ---------- validation shared by create and update ----------

interface Shape {
  roadmapId: string;
  parentId: string | null;
  tier: Row['tier'];
  ownerPartyId: string | null;
  startDate: string;
  dueDate: string;
  status: Row['status'];
  progress: number;
}

/** Checks references of spheres, provisions, organisations and dependencies; returns responsible rows. */
async function checkReferences(
  tx: Tx,
  actor: Actor,
  shape: Shape,
  selfId: string | null,
  input: {
    sphereIds?: string[];
    provisionIds?: string[];
    responsible?: { organisationId: string; role: 'lead' | 'co_executor' }[];
    dependsOn?: string[];
  },
  prefix = '',
): Promise<ResponsibleRow[] | undefined> {
  const details: ErrorDetail[] = [];
  if (input.sphereIds)
    await requireIds(tx, spheres, spheres.id, input.sphereIds, `${prefix}sphereIds`, 'sphere');
  if (input.provisionIds?.length) {
    const rows = await tx
      .select({ id: provisions.id, linked: sql<boolean>`${roadmapAgreements.roadmapId} is not null` })
      .from(provisions)
      .leftJoin(
        roadmapAgreements,
        and(
          eq(roadmapAgreements.agreementId, provisions.agreementId),
          eq(roadmapAgreements.roadmapId, shape.roadmapId),
        ),
      )
      .where(inArray(provisions.id, input.provisionIds));
    const byId = new Map(rows.map((r) => [r.id, r.linked]));
    input.provisionIds.forEach((id, i) => {
      if (!byId.has(id)) details.push({ path: `${prefix}provisionIds.${i}`, message: 'no such provision' });
      else if (!byId.get(id))
        details.push({
          path: `${prefix}provisionIds.${i}`,
          message: 'belongs to an agreement this roadmap does not implement',
        });
    });
  }
  let responsible: ResponsibleRow[] | undefined;
  if (input.responsible) {
    const ids = input.responsible.map((r) => r.organisationId);
    const rows = ids.length
      ? await tx
          .select({ id: organisations.id, partyId: organisations.partyId })
          .from(organisations)
          .where(inArray(organisations.id, ids))
      : [];
    const party = new Map(rows.map((r) => [r.id, r.partyId]));
    responsible = [];
    input.responsible.forEach((r, i) => {
      const partyId = party.get(r.organisationId);
      if (!partyId)
        details.push({ path: `${prefix}responsible.${i}.organisationId`, message: 'no such organisation' });
      else if (shape.tier === 'internal' && partyId !== shape.ownerPartyId)
        details.push({
          path: `${prefix}responsible.${i}.organisationId`,
          message: "an internal measure is carried out by its owner party's organisations only",
        });
      else responsible!.push({ organisationId: r.organisationId, partyId, role: r.role });
    });
  }
  if (input.dependsOn?.length) {
    const rows = await tx
      .select({
        id: measures.id,
        roadmapId: measures.roadmapId,
        tier: measures.tier,
        ownerPartyId: measures.ownerPartyId,
      })
      .from(measures)
      .where(inArray(measures.id, input.dependsOn));
    const byId = new Map(rows.map((r) => [r.id, r]));
    input.dependsOn.forEach((id, i) => {
      const m = byId.get(id);
      if (!m || !canReadMeasure(actor, m))
        details.push({ path: `${prefix}dependsOn.${i}`, message: 'no such measure' });
      else if (m.roadmapId !== shape.roadmapId)
        details.push({ path: `${prefix}dependsOn.${i}`, message: 'belongs to another roadmap' });
    });
    if (selfId && details.length === 0) {
      const edges = await tx
        .select({ from: measureDependencies.measureId, to: measureDependencies.dependsOnId })
        .from(measureDependencies)
        .innerJoin(measures, eq(measures.id, measureDependencies.measureId))
        .where(and(eq(measures.roadmapId, shape.roadmapId), ne(measureDependencies.measureId, selfId)));
      const out = group(edges, (e) => e.from);
      const bad = dependencyCycle(selfId, input.dependsOn, (id) => (out.get(id) ?? []).map((e) => e.to));
      if (bad)
        details.push({
          path: `${prefix}dependsOn.${input.dependsOn.indexOf(bad)}`,
          message: 'would create a circular dependency',
        });
    }
  }
  if (details.length)
    throw new AppError('rule_violation', `${details[0].path}: ${details[0].message}`, details);
  return responsible;
}

/** Rules that hold whatever the change: tiers, owners, dates, status vs progress. */
function checkShape(shape: Shape, parent: Row | null, prefix = '') {
  const p = (f: string) => `${prefix}${f}`;
  if (shape.tier === 'internal' && !shape.ownerPartyId)
    throw ruleViolation(p('ownerPartyId'), 'is required for an internal measure');
  if (shape.tier !== 'internal' && shape.ownerPartyId)
    throw ruleViolation(p('ownerPartyId'), 'only internal measures have an owner party');
  if (
    parent?.tier === 'internal' &&
    (shape.tier !== 'internal' || shape.ownerPartyId !== parent.ownerPartyId)
  )
    throw ruleViolation(p('tier'), 'a measure under an internal measure must be internal to the same party');
  const dates = dateRangeError(shape.startDate, shape.dueDate);
  if (dates) throw ruleViolation(p('dueDate'), dates);
  if (shape.status === 'completed' && shape.progress !== 100)
    throw ruleViolation(p('progress'), 'a completed measure is 100% done');
}

/** The lemmatised text indexed for a measure: its code and every language of title and description. */
export function searchText(m: {
  code: string;
  title: Row['title'];
  description?: Row['title'] | null;
}): string {
  return measureSearchText(m);
}

async function replaceRelations(
  tx: Tx,
  id: string,
  input: { sphereIds?: string[]; provisionIds?: string[]; dependsOn?: string[] },
  responsible: ResponsibleRow[] | undefined,
) {
  if (input.sphereIds) {
    await tx.delete(measureSpheres).where(eq(measureSpheres.measureId, id));
    if (input.sphereIds.length)
      await tx
        .insert(measureSpheres)
        .values(input.sphereIds.map((sphereId) => ({ measureId: id, sphereId })));
  }
  if (input.provisionIds) {
    await tx.delete(measureProvisions).where(eq(measureProvisions.measureId, id));
    if (input.provisionIds.length)
      await tx
        .insert(measureProvisions)
        .values(input.provisionIds.map((provisionId) => ({ measureId: id, provisionId })));
  }
  if (responsible) {
    await tx.delete(measureResponsibles).where(eq(measureResponsibles.measureId, id));
    if (responsible.length)
      await tx.insert(measureResponsibles).values(responsible.map((r) => ({ measureId: id, ...r })));
  }
  if (input.dependsOn) {
    await tx.delete(measureDependencies).where(eq(measureDependencies.measureId, id));
    if (input.dependsOn.length)
      await tx
        .insert(measureDependencies)
        .values(input.dependsOn.map((dependsOnId) => ({ measureId: id, dependsOnId })));
  }
}

/** Children that count towards a parent's roll-up: all for an internal parent, else the non-internal ones. */
const countedChildren = (parent: Pick<Row, 'id' | 'tier'>) =>
  and(
    eq(measures.parentId, parent.id),
    parent.tier === 'internal' ? undefined : ne(measures.tier, 'internal'),
  );

/**
 * Recomputes progress, status and child count of `parentId` and its ancestors from their
 * children, stopping as soon as a level does not change.
 */
export async function rollUpAncestors(tx: Tx, parentId: string | null) {
  let id = parentId;
  while (id) {
    const [p] = await tx.select(MEASURE_COLUMNS).from(measures).where(eq(measures.id, id)).for('update');
    if (!p) return;
    const children = await tx
      .select({ weight: measures.weight, progress: measures.progress, status: measures.status })
      .from(measures)
      .where(countedChildren(p));
    const progress = rollUpProgress(children);
    const status = rollUpStatus(children);
    const next = {
      childCount: children.length,
      progress: progress === null ? p.progress : Math.round(progress),
      status: status ?? p.status,
    };
    if (next.childCount === p.childCount && next.progress === p.progress && next.status === p.status) return;
    await tx.update(measures).set(next).where(eq(measures.id, id));
    id = p.parentId;
  }
}

async function loadRoadmapForWrite(tx: Tx, roadmapId: string, path: string) {
  const [r] = await tx.select().from(roadmaps).where(eq(roadmaps.id, roadmapId));
  if (!r) throw ruleViolation(path, 'no such roadmap');
  if (r.status === 'archived') throw ruleViolation(path, 'the roadmap is archived and can no longer change');
  return r;
}

// ---------- writes ----------

/**
 * The next free code under `parent` (or at the top). Two writers at once would pick the same
 * number, so auto-numbering is serialised per roadmap until the transaction ends.
 */
async function nextFreeCode(
  tx: Tx,
  roadmapId: string,
  parent: Pick<Row, 'id' | 'code'> | null,
): Promise<string> {
  await tx.execute(sql`select pg_advisory_xact_lock(727003, hashtext(${roadmapId}))`);
  const siblings = await tx
    .select({ code: measures.code })
    .from(measures)
    .where(
      and(
        eq(measures.roadmapId, roadmapId),
        parent ? eq(measures.parentId, parent.id) : isNull(measures.parentId),
      ),
    );
  return nextChildCode(
    parent?.code ?? null,
    siblings.map((s) => s.code),
  );
}

export async function createMeasure(ctx: Ctx, actor: Actor, input: CreateInput): Promise<Measure> {
  const day = today(ctx);
  return ctx.db.transaction(async (tx) => {
    const m = await insertMeasure(tx, actor, input, day);
    const out = await snapshot(tx, m, day);
    await recordAudit(tx, actor, {
      action: 'measure.create',
      entityType: 'measure',
      entityId: m.id,
      after: out,
      partyScope: m.ownerPartyId,
    });
    return out;
  });
}

/** The write of createMeasure without audit, for imports that audit in bulk. */
export async function insertMeasure(
  tx: Tx,
  actor: Actor,
  input: CreateInput,
  _day: string,
  prefix = '',
): Promise<Row> {
  const ownerPartyId = input.ownerPartyId ?? null;
  if (!canCreateMeasure(actor, { tier: input.tier, ownerPartyId }))
    throw forbidden(
      actor.role === 'coordinator'
        ? 'Coordinators create internal measures of their own party only; joint measures are created by the secretariat'
        : 'You are not allowed to create measures',
    );
  await loadRoadmapForWrite(tx, input.roadmapId, `${prefix}roadmapId`);
  let parent: Row | null = null;
  if (input.parentId) {
    const [p] = await tx
      .select(MEASURE_COLUMNS)
      .from(measures)
      .where(eq(measures.id, input.parentId))
      .for('update');
    if (!p || !canReadMeasure(actor, p)) throw ruleViolation(`${prefix}parentId`, 'no such measure');
    if (p.roadmapId !== input.roadmapId)
      throw ruleViolation(`${prefix}parentId`, 'belongs to another roadmap');
    parent = p;
  }
  const status = input.status;
  const progress = status === 'completed' && input.progress === 0 ? 100 : input.progress;
  const shape: Shape = { ...input, parentId: parent?.id ?? null, ownerPartyId, status, progress };
  checkShape(shape, parent, prefix);
  let code = input.code;
  if (code) {
    const err = codeFitsParent(code, parent?.code ?? null);
    if (err) throw ruleViolation(`${prefix}code`, err);
  } else {
    code = await nextFreeCode(tx, input.roadmapId, parent);
  }
  const responsible = await checkReferences(tx, actor, shape, null, input, prefix);
  const values = {
    roadmapId: input.roadmapId,
    parentId: parent?.id ?? null,
    code,
    sortKey: codeSortKey(code),
    depth: parent ? parent.depth + 1 : 0,
    title: input.title,
    description: input.description ?? null,
    startDate: input.startDate,
    dueDate: input.dueDate,
    completionForm: input.completionForm,
    weight: input.weight,
    tier: input.tier,
    ownerPartyId,
    status,
    progress,
  };
  const [row] = await tx
    .insert(measures)
    .values({ ...values, searchVector: sql`to_tsvector('simple', ${searchText(values)})` })
    .returning(MEASURE_COLUMNS);
  await replaceRelations(tx, row.id, input, responsible);
  if (parent) await rollUpAncestors(tx, parent.id);
  return row;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sortedJson = (a: unknown[]) => JSON.stringify([...a].map((x) => JSON.stringify(x)).sort());

/** Which of the patch's fields actually change the measure. */
function changedFields(before: Measure, patch: Omit<UpdateInput, 'version'>): MeasureField[] {
  const out: MeasureField[] = [];
  for (const [k, v] of Object.entries(patch) as [MeasureField, unknown][]) {
    if (v === undefined) continue;
    const cur = (before as unknown as Record<string, unknown>)[k];
    const same =
      k === 'responsible'
        ? sortedJson((v as ResponsibleRow[]).map((r) => ({ o: r.organisationId, r: r.role }))) ===
          sortedJson(before.responsible.map((r) => ({ o: r.organisationId, r: r.role })))
        : Array.isArray(v)
          ? sortedJson(v) === sortedJson(cur as unknown[])
          : sameJson(v ?? null, cur ?? null);
    if (!same) out.push(k);
  }
  return out;
}

/**
 * Applies one update inside `tx`; returns the row before and after. Shared by single and
 * bulk updates so both enforce exactly the same rules. `prefix` names fields in errors
 * (`items.3.` in a bulk update).
 */
async function applyUpdate(
  tx: Tx,
  actor: Actor,
  id: string,
  input: UpdateInput,
  day: string,
  prefix = '',
): Promise<{ before: Measure; after: Measure; row: Row } | null> {
  const cur = await loadVisible(tx, actor, id, true);
  checkVersion(cur, input.version, prefix ? `Measure ${cur.code}` : 'Measure');
  const before = await snapshot(tx, cur, day);
  const { version, ...patch } = input;
  const changed = changedFields(before, patch);
  if (changed.length === 0) return null;

  const allowed = editableMeasureFields(actor, { ...cur, responsible: before.responsible });
  const refused = changed.filter((f) => !allowed.includes(f));
  if (refused.length)
    throw new AppError(
      'forbidden',
      allowed.length
        ? `You may not change ${refused.join(', ')} of measure ${cur.code}`
        : `You may not change measure ${cur.code}`,
      refused.map((f) => ({ path: `${prefix}${f}`, message: 'you may not change this field' })),
    );
  if (patch.responsible) {
    const orgs = await tx
      .select({ id: organisations.id, partyId: organisations.partyId })
      .from(organisations)
      .where(
        inArray(
          organisations.id,
          patch.responsible.map((r) => r.organisationId),
        ),
      );
    const party = new Map(orgs.map((o) => [o.id, o.partyId]));
    const after = patch.responsible.map((r) => ({ ...r, partyId: party.get(r.organisationId) ?? '' }));
    if (!responsibleChangeAllowed(actor, before.responsible, after))
      throw new AppError('forbidden', "You may change your own party's responsible organisations only", [
        { path: `${prefix}responsible`, message: "the other party's organisations must stay as they are" },
      ]);
  }
  if (cur.childCount > 0 && (changed.includes('status') || changed.includes('progress')))
    throw ruleViolation(
      `${prefix}${changed.includes('status') ? 'status' : 'progress'}`,
      'is rolled up from the child measures; change those instead',
    );

  const parent = cur.parentId
    ? ((await tx.select(MEASURE_COLUMNS).from(measures).where(eq(measures.id, cur.parentId)))[0] ?? null)
    : null;
  const status = patch.status ?? cur.status;
  const progress = patch.progress ?? (patch.status === 'completed' ? 100 : cur.progress);
  const shape: Shape = {
    roadmapId: cur.roadmapId,
    parentId: cur.parentId,
    tier: patch.tier ?? cur.tier,
    ownerPartyId:
      patch.ownerPartyId !== undefined
        ? patch.ownerPartyId
        : patch.tier && patch.tier !== 'internal'
          ? null
          : cur.ownerPartyId,
    startDate: patch.startDate ?? cur.startDate,
    dueDate: patch.dueDate ?? cur.dueDate,
    status,
    progress,
  };
  checkShape(shape, parent, prefix);
  if (shape.tier !== 'internal') {
    // keep shape.ownerPartyId null
  } else if (!patch.responsible && before.responsible.some((r) => r.partyId !== shape.ownerPartyId)) {
    throw ruleViolation(
      `${prefix}responsible`,
      "an internal measure is carried out by its owner party's organisations only",
    );
  }
  if (shape.tier !== cur.tier && cur.childCount > 0 && shape.tier === 'internal')
    throw ruleViolation(`${prefix}tier`, 'a measure with joint children cannot become internal');
  await loadRoadmapForWrite(tx, cur.roadmapId, `${prefix}roadmapId`);
  const responsible = await checkReferences(tx, actor, shape, id, patch, prefix);

  const next = {
    title: patch.title ?? cur.title,
    description: patch.description !== undefined ? patch.description : cur.description,
    startDate: shape.startDate,
    dueDate: shape.dueDate,
    completionForm: patch.completionForm ?? cur.completionForm,
    weight: patch.weight ?? cur.weight,
    tier: shape.tier,
    ownerPartyId: shape.ownerPartyId,
    status,
    progress,
  };
  const textChanged = changed.includes('title') || changed.includes('description');
  const [row] = await tx
    .update(measures)
    .set({
      ...next,
      version: cur.version + 1,
      updatedAt: sql`now()`,
      ...(textChanged
        ? { searchVector: sql`to_tsvector('simple', ${searchText({ ...cur, ...next })})` }
        : {}),
    })
    .where(eq(measures.id, id))
    .returning(MEASURE_COLUMNS);
  await replaceRelations(tx, id, patch, responsible);
  if (cur.parentId && (['status', 'progress', 'weight', 'tier'] as const).some((f) => changed.includes(f)))
    await rollUpAncestors(tx, cur.parentId);
  if (changed.includes('tier')) await rollUpAncestors(tx, id);
  const [fresh] = await tx.select(MEASURE_COLUMNS).from(measures).where(eq(measures.id, id));
  return { before, after: await snapshot(tx, fresh, day), row };
}

const auditUpdate = (r: { before: Measure; after: Measure }) => ({
  action: 'measure.update',
  entityType: 'measure' as const,
  entityId: r.after.id,
  before: r.before,
  after: r.after,
  partyScope:
    r.after.tier === 'internal'
      ? r.after.ownerPartyId
      : r.before.tier === 'internal'
        ? r.before.ownerPartyId
        : null,
});

export async function updateMeasure(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: UpdateInput,
): Promise<Measure> {
  const day = today(ctx);
  const result = await ctx.db.transaction(async (tx) => {
    const r = await applyUpdate(tx, actor, id, input, day);
    if (r) await recordAudit(tx, actor, auditUpdate(r));
    return r;
  });
  return result ? getMeasure(ctx, actor, id) : getMeasure(ctx, actor, id);
}

/**
 * Changes many measures at once, all or nothing: every item is checked with the same rules
 * as a single update; any refusal rolls back all and reports each refused item.
 */
export async function bulkUpdateMeasures(ctx: Ctx, actor: Actor, input: z.output<typeof MeasureBulkUpdate>) {
  const day = today(ctx);
  const ids = input.items.map((i) => i.id);
  if (new Set(ids).size !== ids.length) throw ruleViolation('items', 'names a measure twice');
  const results = await ctx.db.transaction(async (tx) => {
    const details: ErrorDetail[] = [];
    const done: { before: Measure; after: Measure }[] = [];
    let firstError: AppError | null = null;
    for (const [i, item] of input.items.entries()) {
      try {
        const r = await tx.transaction(async (sp) =>
          applyUpdate(sp, actor, item.id, { ...input.set, version: item.version }, day, `items.${i}.`),
        );
        if (r) done.push(r);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        firstError ??= e;
        details.push(
          ...(e.details.length ? e.details : [{ path: `items.${i}`, message: e.message }]).map((d) => ({
            path: d.path.startsWith('items.') ? d.path : `items.${i}${d.path ? `.${d.path}` : ''}`,
            message: d.path.startsWith('items.') ? `${d.message}` : d.message,
          })),
        );
      }
    }
    if (firstError) {
      throw new AppError(
        firstError.code,
        `${details.length === 1 ? 'One change was' : `${new Set(details.map((d) => d.path.split('.').slice(0, 2).join('.'))).size} changes were`} refused; nothing was saved. ${firstError.message}`,
        details,
      );
    }
    if (done.length) await recordAudit(tx, actor, done.map(auditUpdate));
    return done;
  });
  const rows = ids.length
    ? await ctx.db.select(MEASURE_COLUMNS).from(measures).where(inArray(measures.id, ids))
    : [];
  const order = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { updated: results.length, data: await presentMany(ctx.db, actor, rows, day) };
}

/** Moves a measure and its subtree under another parent, renumbering the subtree's codes. */
export async function moveMeasure(ctx: Ctx, actor: Actor, id: string, input: z.output<typeof MeasureMove>) {
  const day = today(ctx);
  await ctx.db.transaction(async (tx) => {
    const cur = await loadVisible(tx, actor, id, true);
    checkVersion(cur, input.version, 'Measure');
    const before = await snapshot(tx, cur, day);
    if (!canMoveMeasure(actor, { ...cur, responsible: before.responsible }))
      throw forbidden('Only administrators move joint measures');
    await loadRoadmapForWrite(tx, cur.roadmapId, 'roadmapId');
    let parent: Row | null = null;
    if (input.parentId) {
      const [p] = await tx
        .select(MEASURE_COLUMNS)
        .from(measures)
        .where(eq(measures.id, input.parentId))
        .for('update');
      if (!p || !canReadMeasure(actor, p)) throw ruleViolation('parentId', 'no such measure');
      if (p.roadmapId !== cur.roadmapId) throw ruleViolation('parentId', 'belongs to another roadmap');
      // a cycle: the new parent is the measure itself or lies in its subtree
      if (p.id === id || p.sortKey.startsWith(`${cur.sortKey}.`))
        throw ruleViolation('parentId', 'cannot move a measure under itself or its own descendant');
      parent = p;
    }
    checkShape({ ...cur, parentId: parent?.id ?? null }, parent);
    let code = input.code;
    if (code) {
      const err = codeFitsParent(code, parent?.code ?? null);
      if (err) throw ruleViolation('code', err);
    } else if ((parent?.id ?? null) === cur.parentId) {
      code = cur.code;
    } else {
      code = await nextFreeCode(tx, cur.roadmapId, parent);
    }
    const depthDelta = (parent ? parent.depth + 1 : 0) - cur.depth;
    const subtree = await tx
      .select({ id: measures.id, code: measures.code, depth: measures.depth })
      .from(measures)
      .where(
        and(
          eq(measures.roadmapId, cur.roadmapId),
          or(eq(measures.id, id), sql`${measures.sortKey} like ${`${cur.sortKey}.%`}`),
        ),
      );
    const taken = await tx
      .select({ code: measures.code })
      .from(measures)
      .where(
        and(
          eq(measures.roadmapId, cur.roadmapId),
          inArray(
            measures.code,
            subtree.map((s) => code + s.code.slice(cur.code.length)),
          ),
          notInArray(
            measures.id,
            subtree.map((s) => s.id),
          ),
        ),
      );
    if (taken.length)
      throw new AppError('conflict', `code: ${taken[0].code} is already used in this roadmap`, [
        { path: 'code', message: `${taken[0].code} is already used in this roadmap` },
      ]);
    // Two steps so that the unique (roadmap, code) index never sees a transient clash.
    await tx
      .update(measures)
      .set({ code: sql`'~' || ${measures.id}::text` })
      .where(
        inArray(
          measures.id,
          subtree.map((s) => s.id),
        ),
      );
    for (const s of subtree) {
      const newCode = code + s.code.slice(cur.code.length);
      await tx
        .update(measures)
        .set({
          code: newCode,
          sortKey: codeSortKey(newCode),
          depth: s.depth + depthDelta,
          ...(s.id === id
            ? { parentId: parent?.id ?? null, version: cur.version + 1, updatedAt: sql`now()` }
            : {}),
        })
        .where(eq(measures.id, s.id));
    }
    if (cur.parentId) await rollUpAncestors(tx, cur.parentId);
    if (parent) await rollUpAncestors(tx, parent.id);
    const [fresh] = await tx.select(MEASURE_COLUMNS).from(measures).where(eq(measures.id, id));
    await recordAudit(tx, actor, {
      action: 'measure.move',
      entityType: 'measure',
      entityId: id,
      before,
      after: await snapshot(tx, fresh, day),
      partyScope: cur.ownerPartyId,
    });
  });
  return getMeasure(ctx, actor, id);
}

export async function deleteMeasure(ctx: Ctx, actor: Actor, id: string, version: number) {
  const day = today(ctx);
  await ctx.db.transaction(async (tx) => {
    const cur = await loadVisible(tx, actor, id, true);
    checkVersion(cur, version, 'Measure');
    const before = await snapshot(tx, cur, day);
    if (!canDeleteMeasure(actor, { ...cur, responsible: before.responsible }))
      throw forbidden('Only administrators delete joint measures');
    await loadRoadmapForWrite(tx, cur.roadmapId, 'roadmapId');
    const [child] = await tx
      .select({ id: measures.id })
      .from(measures)
      .where(eq(measures.parentId, id))
      .limit(1);
    if (child) throw new AppError('conflict', 'The measure has child measures; delete or move them first');
    await tx.delete(measures).where(eq(measures.id, id));
    if (cur.parentId) await rollUpAncestors(tx, cur.parentId);
    await recordAudit(tx, actor, {
      action: 'measure.delete',
      entityType: 'measure',
      entityId: id,
      before,
      partyScope: cur.ownerPartyId,
    });
  });
}
