/**
 * The four measured operations. Each has the HTTP request autocannon sends to the real
 * server and the same work written by hand as SQL through `pg` (the "raw" floor): the same
 * filters, the same relations loaded, the same transaction and audit record for the write.
 */
import { randomUUID } from 'node:crypto';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import * as schema from '../src/db/schema';
import { AT_RISK_THRESHOLD, isoToday } from '../src/domain/measures';
import type { Actor } from '../src/domain/policies';
import type { Ctx } from '../src/services/context';
import { roadmapSummary, summaryScope } from '../src/services/summary';
import { lemmatizeForQuery } from '../src/text';
import type { LoadRequest } from './load';
import type { RawOperation } from './raw';
import { round } from './stats';

/** What the operations run against, chosen from the generated data. */
export interface Scenario {
  roadmapId: string;
  sphereId: string;
  /** Measures of the roadmap, of the sphere, and of the sphere that are overdue (the list's total). */
  roadmapMeasures: number;
  sphereMeasures: number;
  overdueInSphere: number;
  /** Ids the get operation rotates over. */
  getIds: string[];
  /** Open leaves the update operation rotates over (a roll-up parent cannot take progress). */
  updateIds: string[];
  day: string;
  admin: Actor;
}

/** Picks the largest roadmap, its largest sphere and the ids to rotate over. */
export async function pickScenario(pool: pg.Pool, admin: Actor, connections: number): Promise<Scenario> {
  const day = isoToday();
  const rm = await pool.query<{ roadmap_id: string; n: number }>(
    'select roadmap_id, count(*)::int as n from measures group by 1 order by 2 desc limit 1',
  );
  if (!rm.rows[0]) throw new Error('the database holds no measures: did the generator run?');
  const roadmapId = rm.rows[0].roadmap_id;
  const sp = await pool.query<{ sphere_id: string; n: number; overdue: number }>(
    `select ms.sphere_id, count(*)::int as n,
            (count(*) filter (where m.status not in ('completed', 'cancelled') and m.due_date < $2::date))::int as overdue
       from measure_spheres ms join measures m on m.id = ms.measure_id
      where m.roadmap_id = $1 group by 1 order by 2 desc limit 1`,
    [roadmapId, day],
  );
  if (!sp.rows[0]) throw new Error('no measure of the roadmap has a sphere');
  // md5 ordering: a spread over the whole table that is the same from run to run.
  const ids = await pool.query<{ id: string }>(
    'select id from measures where roadmap_id = $1 order by md5(id::text) limit 5000',
    [roadmapId],
  );
  const leaves = await pool.query<{ id: string }>(
    `select id from measures
      where roadmap_id = $1 and child_count = 0 and status not in ('completed', 'cancelled')
      order by md5(id::text || 'update') limit $2`,
    [roadmapId, connections * 40],
  );
  return {
    roadmapId,
    sphereId: sp.rows[0].sphere_id,
    roadmapMeasures: rm.rows[0].n,
    sphereMeasures: sp.rows[0].n,
    overdueInSphere: sp.rows[0].overdue,
    getIds: ids.rows.map((r) => r.id),
    updateIds: leaves.rows.map((r) => r.id),
    day,
    admin,
  };
}

/** One measured operation. */
export interface Operation {
  /** Name in the table and in latest.json. */
  name: string;
  /** The p50 target at 100,000 measures (issue 2, item 11), in ms. */
  targetMs: number;
  /** The load for autocannon (async: the update reads current versions first). */
  http(pool: pg.Pool): Promise<LoadRequest>;
  /** One representative request, whose response body the bare route replays. */
  sample: { method: 'GET'; path: string };
  raw: RawOperation;
  /** The read queries of the raw form with their parameters, for --explain. */
  queries: { label: string; text: string; values: unknown[] }[];
  /** The caller's headers when not the admin's (the report operations act as a coordinator). */
  headers?: Record<string, string>;
  /** Extra figures measured once, without concurrency (ms), added to the row. */
  extra?: (pool: pg.Pool) => Promise<Record<string, number>>;
}

const COLUMNS = `m.id, m.roadmap_id, m.parent_id, m.code, m.depth, m.title, m.description, m.start_date,
  m.due_date, m.completion_form, m.weight, m.tier, m.owner_party_id, m.status, m.progress, m.version,
  m.created_at, m.updated_at`;

/** The relations a presented measure carries, as correlated subqueries on `m`. */
const RELATED = `
  coalesce((select array_agg(ms.sphere_id order by s.position) from measure_spheres ms
             join spheres s on s.id = ms.sphere_id where ms.measure_id = m.id), '{}') as sphere_ids,
  coalesce((select array_agg(mp.provision_id order by p.position) from measure_provisions mp
             join provisions p on p.id = mp.provision_id where mp.measure_id = m.id), '{}') as provision_ids,
  coalesce((select json_agg(json_build_object('organisationId', r.organisation_id, 'partyId', r.party_id,
             'role', r.role) order by r.role, r.party_id)
             from measure_responsibles r where r.measure_id = m.id), '[]') as responsible,
  coalesce((select array_agg(d.depends_on_id) from measure_dependencies d where d.measure_id = m.id), '{}')
    as depends_on,
  (select count(*)::int from measures c where c.parent_id = m.id) as children`;

const OPEN = `status not in ('completed', 'cancelled')`;

/** The WHERE of the filtered list: roadmap, sphere (through measure_spheres), overdue. */
const LIST_WHERE = `mm.roadmap_id = $1
  and exists (select 1 from measure_spheres ms where ms.measure_id = mm.id and ms.sphere_id = $2)
  and mm.${OPEN} and mm.due_date < $3::date`;

export const SQL = {
  listPage: `select ${COLUMNS}, ${RELATED}
    from (select * from measures mm where ${LIST_WHERE} order by mm.sort_key, mm.id limit 50) m
    order by m.sort_key, m.id`,
  listCount: `select count(*)::int as total from measures mm where ${LIST_WHERE}`,
  get: `select ${COLUMNS}, ${RELATED} from measures m where m.id = $1`,
  history: `select e.*, u.name from audit_events e left join users u on u.id = e.actor_id
    where e.entity_type = 'measure' and e.entity_id = $1 order by e.pos desc limit 200`,
  searchPage: (roadmap: boolean) => `select ${COLUMNS}, ${RELATED}
    from (select * from measures mm where mm.search_vector @@ to_tsquery('simple', $1)
      ${roadmap ? 'and mm.roadmap_id = $2' : ''} order by mm.sort_key, mm.id limit 50) m order by m.sort_key, m.id`,
  /** Counted up to 1,001 as the service counts a search (beyond 1,000 it says «more than»). */
  searchCount: (roadmap: boolean) => `select count(*)::int as total from (select 1 from measures mm
    where mm.search_vector @@ to_tsquery('simple', $1) ${roadmap ? 'and mm.roadmap_id = $2' : ''} limit 1001) c`,
  /** The summary cache read: the roadmap's newest change stamp and the body cached at it. */
  summaryCached: `with cur as (select coalesce(max(id), 0)::int8 as stamp from roadmap_changes where roadmap_id = $1)
    select cur.stamp, c.body from cur left join summary_cache c
      on c.roadmap_id = $1 and c.scope = $2 and c.day = $3::date and c.stamp = cur.stamp`,
  /** The summary's aggregate columns: per status × leaf, counts, overdue, at risk, weighted sums. */
  summaryParts: (groupCols: string, from: string) => `
    select ${groupCols} m.status, m.child_count = 0 as leaf, count(*)::int as n,
      (count(*) filter (where m.${OPEN} and m.due_date < $2::date))::int as overdue,
      (count(*) filter (where m.${OPEN} and m.due_date >= $2::date and m.start_date <= $2::date
        and (($2::date - m.start_date)::float8 / greatest(m.due_date - m.start_date, 1)) * 100 - m.progress
            > ${AT_RISK_THRESHOLD}))::int as at_risk,
      coalesce(sum(m.weight * m.progress), 0)::float8 as wp, coalesce(sum(m.weight), 0)::float8 as w
    from ${from} where m.roadmap_id = $1`,
};

const summaryQueries = [
  `${SQL.summaryParts('m.parent_id is null as top,', 'measures m')} group by 1, 2, 3`,
  `select g.* from (${SQL.summaryParts('ms.sphere_id,', 'measure_spheres ms join measures m on m.id = ms.measure_id')}
     group by 1, 2, 3) g join spheres s on s.id = g.sphere_id order by s.position, s.code, g.status`,
  `select g.* from (${SQL.summaryParts(
    'r.party_id,',
    '(select distinct measure_id, party_id from measure_responsibles) r join measures m on m.id = r.measure_id',
  )} group by 1, 2, 3) g join parties p on p.id = g.party_id order by p.code, g.status`,
  `select g.* from (${SQL.summaryParts(
    'r.organisation_id, r.party_id,',
    'measure_responsibles r join measures m on m.id = r.measure_id',
  )} group by 1, 2, 3, 4) g join organisations o on o.id = g.organisation_id join parties p on p.id = g.party_id
     order by p.code, o.name->>'ru', o.id, g.status`,
];

/** The versions and progress of the update pool as they are now (earlier runs moved them). */
async function currentPool(pool: pg.Pool, ids: string[]) {
  const r = await pool.query<{ id: string; version: number; progress: number }>(
    'select id, version, progress from measures where id = any($1::uuid[])',
    [ids],
  );
  return r.rows;
}

/**
 * The raw update: what the service does, by hand: lock the row, check the version, write,
 * roll progress up the ancestors, and append the audit event of the change.
 */
async function rawUpdate(pool: pg.Pool, s: Scenario, id: string): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const cur = await client.query(
      `select ${COLUMNS}, m.child_count from measures m where m.id = $1 for update`,
      [id],
    );
    const before = cur.rows[0];
    if (!before) {
      await client.query('rollback');
      return false;
    }
    const progress = (before.progress % 98) + 1;
    const upd = await client.query(
      `update measures m set progress = $2, version = version + 1, updated_at = now()
        where m.id = $1 and m.version = $3 returning ${COLUMNS}`,
      [id, progress, before.version],
    );
    const after = upd.rows[0];
    let parent: string | null = before.parent_id;
    while (parent) {
      const r: pg.QueryResult<{ parent_id: string | null }> = await client.query(
        `update measures p set progress = c.progress
           from (select round(sum(weight * progress) / nullif(sum(weight), 0))::smallint as progress
                   from measures where parent_id = $1 and tier <> 'internal' and status <> 'cancelled') c
          where p.id = $1 and c.progress is not null and p.progress <> c.progress
          returning p.parent_id`,
        [parent],
      );
      parent = r.rows[0]?.parent_id ?? null;
    }
    // The audit event as the service now writes it: what changed, unsealed (the chain is sealed
    // in commit order by a background step, so writers take no global lock).
    await client.query(
      `insert into audit_events (id, occurred_at, actor_id, actor_label, action, entity_type, entity_id, before, after)
       values ($1, now(), $2, $3, 'measure.update', 'measure', $4, $5, $6)`,
      [
        randomUUID(),
        s.admin.userId,
        s.admin.label,
        id,
        JSON.stringify({ id, code: before.code, progress: before.progress, version: before.version }),
        JSON.stringify({
          id,
          code: after.code,
          progress: after.progress,
          version: after.version,
          source: 'edit',
        }),
      ],
    );
    await client.query('commit');
    return true;
  } catch (e) {
    await client.query('rollback').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

/** A word in a quarter of the generated titles («развития», «развитии»). */
export const SEARCH_WORD = 'развитие';

/** Search with and without a roadmap: a page of 50 and its total, as the list runs them. */
function searchOperations(s: Scenario): Operation[] {
  const tsq = lemmatizeForQuery(SEARCH_WORD) ?? SEARCH_WORD;
  return [false, true].map((roadmap) => {
    const path = `/api/v1/measures?q=${encodeURIComponent(SEARCH_WORD)}&limit=50${roadmap ? `&roadmapId=${s.roadmapId}` : ''}`;
    const args = roadmap ? [tsq, s.roadmapId] : [tsq];
    return {
      name: roadmap ? 'search-roadmap' : 'search',
      targetMs: 26,
      http: async () => ({ kind: 'fixed', method: 'GET', path }),
      sample: { method: 'GET', path },
      raw: async (pool) => {
        await Promise.all([
          pool.query(SQL.searchPage(roadmap), args),
          pool.query(SQL.searchCount(roadmap), args),
        ]);
        return true;
      },
      queries: [
        { label: 'page', text: SQL.searchPage(roadmap), values: args },
        { label: 'total', text: SQL.searchCount(roadmap), values: args },
      ],
    } satisfies Operation;
  });
}

/** The operations for one scenario. */
export function operations(s: Scenario): Operation[] {
  const listPath = `/api/v1/measures?roadmapId=${s.roadmapId}&sphereId=${s.sphereId}&overdue=true&limit=50`;
  const listArgs = [s.roadmapId, s.sphereId, s.day];
  return [
    {
      name: 'list-filtered',
      targetMs: 15,
      http: async () => ({ kind: 'fixed', method: 'GET', path: listPath }),
      sample: { method: 'GET', path: listPath },
      // Page and total run side by side, as the service runs them.
      raw: async (pool) => {
        await Promise.all([pool.query(SQL.listPage, listArgs), pool.query(SQL.listCount, listArgs)]);
        return true;
      },
      queries: [
        { label: 'page', text: SQL.listPage, values: listArgs },
        { label: 'total', text: SQL.listCount, values: listArgs },
      ],
    },
    {
      name: 'summary',
      targetMs: 50,
      http: async () => ({ kind: 'fixed', method: 'GET', path: `/api/v1/roadmaps/${s.roadmapId}/summary` }),
      sample: { method: 'GET', path: `/api/v1/roadmaps/${s.roadmapId}/summary` },
      // The service serves the summary from summary_cache while the roadmap has not changed
      // (no writes run during this load), so its raw form is the same cache lookup.
      raw: async (pool) => {
        await pool.query(SQL.summaryCached, [s.roadmapId, summaryScope(s.admin), s.day]);
        return true;
      },
      queries: [
        {
          label: 'cache lookup',
          text: SQL.summaryCached,
          values: [s.roadmapId, summaryScope(s.admin), s.day],
        },
        ...summaryQueries.map((text, i) => ({
          label: `computing on a cache miss: ${['by status', 'by sphere', 'by party', 'by organisation'][i]}`,
          text,
          values: [s.roadmapId, s.day],
        })),
      ],
      // What a cache miss cost before the incremental sums (the four from-scratch aggregates, in
      // parallel, timed alone five times; services/summary/reference.ts), and what it costs now.
      extra: async (pool) => {
        const times: number[] = [];
        for (let i = 0; i < 5; i++) {
          const t0 = performance.now();
          await Promise.all(summaryQueries.map((q) => pool.query(q, [s.roadmapId, s.day])));
          times.push(performance.now() - t0);
        }
        // The summary under a steady stream of writes (issue 6): each read follows a real
        // write (the raw update; the triggers keep the sums), so each is a cache miss, served
        // by the service itself on this pool, without HTTP.
        const ctx: Ctx = { db: drizzle(pool, { schema }), now: () => new Date(`${s.day}T12:00:00Z`) };
        await roadmapSummary(ctx, s.admin, s.roadmapId); // the day's first read moves the flag day
        const under: number[] = [];
        for (let i = 0; i < 21; i++) {
          await rawUpdate(pool, s, s.updateIds[i % s.updateIds.length]);
          const t0 = performance.now();
          await roadmapSummary(ctx, s.admin, s.roadmapId);
          under.push(performance.now() - t0);
        }
        return {
          rawSqlUncachedP50Ms: round(times.sort((a, b) => a - b)[2]),
          summaryUnderWritesP50Ms: round(under.sort((a, b) => a - b)[10]),
        };
      },
    },
    {
      name: 'get',
      targetMs: 5,
      http: async () => ({ kind: 'rotate', paths: s.getIds.map((id) => `/api/v1/measures/${id}`) }),
      sample: { method: 'GET', path: `/api/v1/measures/${s.getIds[0]}` },
      raw: async (pool, i) => {
        await pool.query(SQL.get, [s.getIds[i % s.getIds.length]]);
        return true;
      },
      queries: [{ label: 'one measure', text: SQL.get, values: [s.getIds[0]] }],
    },
    ...searchOperations(s),
    {
      name: 'get-with-history',
      targetMs: 13,
      // a measure page loads the measure and its history: the pairs alternate
      http: async () => ({
        kind: 'rotate',
        paths: s.getIds
          .slice(0, 500)
          .flatMap((id) => [`/api/v1/measures/${id}`, `/api/v1/measures/${id}/history`]),
      }),
      sample: { method: 'GET', path: `/api/v1/measures/${s.getIds[0]}/history` },
      raw: async (pool, i) => {
        const id = s.getIds[Math.floor(i / 2) % 500];
        await pool.query(i % 2 === 0 ? SQL.get : SQL.history, [id]);
        return true;
      },
      queries: [{ label: 'history', text: SQL.history, values: [s.getIds[0]] }],
    },
    {
      name: 'update',
      targetMs: 26,
      http: async (pool) => ({
        kind: 'update',
        pathPrefix: '/api/v1/measures/',
        pool: await currentPool(pool, s.updateIds),
        trackVersions: true,
      }),
      // The PATCH answers with the measure: a GET of one from the pool has the same size.
      sample: { method: 'GET', path: `/api/v1/measures/${s.updateIds[0]}` },
      raw: async (pool, i) => rawUpdate(pool, s, s.updateIds[i % s.updateIds.length]),
      queries: [
        {
          label: 'siblings for the roll-up',
          text: `select round(sum(weight * progress) / nullif(sum(weight), 0)) from measures
                  where parent_id = (select parent_id from measures where id = $1) and tier <> 'internal'`,
          values: [s.updateIds[0]],
        },
      ],
    },
  ];
}
