/**
 * The progress reports' operations (issue 8, "Tests and figures"): submit and approve at 16
 * connections, the approval queue, the caller's assignments (`GET /reports/assignments`,
 * what «Мои отчёты» reads) and the dashboard's reporting completeness, each beside its raw
 * SQL and the bare route. `prepareReports` adds, set-based, up to REPORT_TARGET reports to
 * the generated roadmap (its leaves × five quarters × each responsible party; the current
 * quarter's reports of one party are drafts and submitted ones for the writes, the rest
 * approved), a coordinator and a reporter of that party with API tokens.
 *
 * The raw forms of the reads run the services' own SQL text through `pg` (the same query,
 * without Fastify, authentication, presenting or serialising); the raw writes are the
 * transaction by hand: lock the report with its measure and period, write, record the event.
 */
import { randomUUID } from 'node:crypto';
import { eq, type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { organisations, users } from '../src/db/schema';
import type { Actor } from '../src/domain/policies';
import { actorOf } from '../src/services/auth';
import type { Ctx } from '../src/services/context';
import { reportVisibleAs } from '../src/services/reports/visibility';
import { assignmentQueries } from '../src/services/reports/assignments';
import { completenessQuery } from '../src/services/reports/completeness';
import { reportOrder } from '../src/services/reports/list';
import { REPORT_COLUMNS } from '../src/services/reports/read';
import { createToken } from '../src/services/tokens';
import { hashPassword } from '../src/services/passwords';
import type { Operation, Scenario } from './operations';

/** How many reports the dataset gets (issue 8: 500,000 at 100,000 measures). */
export const REPORT_TARGET = 500_000;
const QUARTERS = [
  ['2025-Q4', '2025-10-01', '2025-12-31', '2026-01-10'],
  ['2026-Q1', '2026-01-01', '2026-03-31', '2026-04-10'],
  ['2026-Q2', '2026-04-01', '2026-06-30', '2026-07-10'],
  ['2026-Q3', '2026-07-01', '2026-09-30', '2026-10-10'],
  ['2026-Q4', '2026-10-01', '2026-12-31', '2027-01-10'],
] as const;

export interface ReportScenario {
  roadmapId: string;
  periodId: string;
  partyId: string;
  coordinator: Actor;
  reporter: Actor;
  periodDue: string;
  headers: Record<string, string>;
  reporterHeaders: Record<string, string>;
  reports: number;
  /** Drafts to submit and submitted reports to approve, split between the HTTP load and raw SQL. */
  drafts: { id: string; version: number }[];
  submitted: { id: string; version: number }[];
}

const dialect = new PgDialect();
const toQuery = (q: SQL) => dialect.sqlToQuery(q);

async function person(
  ctx: Ctx,
  admin: Actor,
  role: 'coordinator' | 'reporter',
  organisationId: string,
  partyId: string,
) {
  const email = `bench-${role}@accord.local`;
  let [u] = await ctx.db.select().from(users).where(eq(users.email, email));
  if (!u)
    [u] = await ctx.db
      .insert(users)
      .values({
        email,
        name: `Bench ${role}`,
        role,
        organisationId,
        partyId,
        passwordHash: await hashPassword('bench-password-1'),
      })
      .returning();
  const t = await createToken(ctx, admin, u.id, {
    name: `bench ${new Date().toISOString()}`,
    expiresInDays: 1,
  });
  return { actor: actorOf(u), headers: { authorization: `Bearer ${t.token}` } };
}

/** Adds the periods, people and reports (once per dataset), and resets the current quarter's pools. */
export async function prepareReports(
  pool: pg.Pool,
  ctx: Ctx,
  s: Scenario,
  log: (m: string) => void,
  poolSize = 40_000,
): Promise<ReportScenario> {
  for (const [code, start, end, due] of QUARTERS)
    await pool.query(
      `insert into periods (roadmap_id, code, start_date, end_date, report_due_date)
       select $1, $2, $3, $4, $5 where not exists (select 1 from periods where roadmap_id = $1 and start_date <= $4 and end_date >= $3)`,
      [s.roadmapId, code, start, end, due],
    );
  const periods = await pool.query<{ id: string; code: string; due: string }>(
    `select id, code, report_due_date::text as due from periods where roadmap_id = $1 and start_date <= $2::date order by start_date desc limit 5`,
    [s.roadmapId, s.day],
  );
  const current = periods.rows[0];
  const party = await pool.query<{ party_id: string; organisation_id: string }>(
    `select party_id, organisation_id from measure_responsibles r join measures m on m.id = r.measure_id
      where m.roadmap_id = $1 group by 1, 2 order by count(*) desc limit 1`,
    [s.roadmapId],
  );
  const { party_id: partyId, organisation_id: orgId } = party.rows[0];
  const [ministry] = await ctx.db
    .select()
    .from(organisations)
    .where(eq(organisations.partyId, partyId))
    .limit(1);
  const coordinator = await person(ctx, s.admin, 'coordinator', ministry.id, partyId);
  const reporter = await person(ctx, s.admin, 'reporter', orgId, partyId);
  const have = Number((await pool.query('select count(*)::int n from reports')).rows[0].n);
  if (have < REPORT_TARGET) {
    const t0 = performance.now();
    await pool.query(
      `insert into reports (measure_id, period_id, party_id, state, status, progress, late, submitted_at, reviewed_at)
       select x.measure_id, x.period_id, x.party_id, 'approved', 'in_progress', (abs(hashtext(x.measure_id::text)) % 99) + 1,
         abs(hashtext(x.period_id::text || x.measure_id::text)) % 10 = 0, now() - interval '30 days', now() - interval '28 days'
       from (select m.id as measure_id, p.id as period_id, r.party_id, p.start_date
               from measures m join periods p on p.id = any($2::uuid[])
               join (select distinct measure_id, party_id from measure_responsibles) r on r.measure_id = m.id
              where m.roadmap_id = $1 and m.child_count = 0
              order by p.start_date desc, m.id limit $3) x
       on conflict do nothing`,
      [s.roadmapId, periods.rows.map((p) => p.id), REPORT_TARGET - have],
    );
    await pool.query('vacuum analyze reports');
    log(`reports: generated in ${Math.round((performance.now() - t0) / 100) / 10} s`);
  }
  // The current quarter's reports of the party: a share back to draft (to submit), a share
  // submitted (to approve); earlier runs moved them on.
  await pool.query(
    `update reports set state = case when abs(hashtext(id::text)) % 2 = 0 then 'draft'::report_state else 'submitted'::report_state end,
       late = false, submitted_at = case when abs(hashtext(id::text)) % 2 = 0 then null else now() end, reviewed_at = null,
       version = version + 1
     where id in (select id from reports where period_id = $1 and party_id = $2 order by id limit $3)`,
    [current.id, partyId, poolSize * 2],
  );
  const pools = await pool.query<{ id: string; version: number; state: string }>(
    `select id, version, state from reports where period_id = $1 and party_id = $2 and state in ('draft', 'submitted')
      order by md5(id::text)`,
    [current.id, partyId],
  );
  const reports = Number((await pool.query('select count(*)::int n from reports')).rows[0].n);
  return {
    roadmapId: s.roadmapId,
    periodId: current.id,
    partyId,
    coordinator: coordinator.actor,
    reporter: reporter.actor,
    periodDue: current.due,
    headers: coordinator.headers,
    reporterHeaders: reporter.headers,
    reports,
    drafts: pools.rows.filter((r) => r.state === 'draft'),
    submitted: pools.rows.filter((r) => r.state === 'submitted'),
  };
}

/** The raw write: lock the report with its measure and period, move it, record the event, read it back. */
async function rawMove(
  pool: pg.Pool,
  rs: ReportScenario,
  item: { id: string; version: number },
  to: 'submitted' | 'approved',
) {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const cur = await client.query(
      `select r.id, r.state, r.version, r.party_id, m.code, p.state as period_state, p.report_due_date,
         (select json_agg(mr.party_id) from measure_responsibles mr where mr.measure_id = m.id) as responsible
       from reports r join measures m on m.id = r.measure_id join periods p on p.id = r.period_id
       where r.id = $1 for update of r`,
      [item.id],
    );
    const before = cur.rows[0];
    if (!before || before.version !== item.version) {
      await client.query('rollback');
      return false;
    }
    const set =
      to === 'submitted'
        ? `state = 'submitted', submitted_at = now(), submitted_by = $2, late = current_date > $3::date`
        : `state = 'approved', reviewed_at = now(), reviewed_by = $2, late = late or $3::date is null`;
    await client.query(`update reports set ${set}, version = version + 1, updated_at = now() where id = $1`, [
      item.id,
      rs.coordinator.userId,
      before.report_due_date,
    ]);
    await client.query(
      `insert into audit_events (id, occurred_at, actor_id, actor_label, action, entity_type, entity_id, party_scope, before, after)
       values ($1, now(), $2, $3, $4, 'report', $5, $6, $7, $8)`,
      [
        randomUUID(),
        rs.coordinator.userId,
        rs.coordinator.label,
        to === 'submitted' ? 'report.submit' : 'report.approve',
        item.id,
        rs.partyId,
        JSON.stringify({ id: item.id, state: before.state, version: before.version }),
        JSON.stringify({ id: item.id, state: to, version: before.version + 1 }),
      ],
    );
    const q = toQuery(sql`select ${REPORT_COLUMNS} from reports r join measures m on m.id = r.measure_id
      join periods p on p.id = r.period_id where r.id = ${item.id}`);
    await client.query(q.sql, q.params as unknown[]);
    await client.query('commit');
    return true;
  } catch (e) {
    await client.query('rollback').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

/** A read operation whose raw form is the given service SQL, run side by side as the service does. */
function readOp(
  name: string,
  path: string,
  headers: Record<string, string>,
  queries: [string, SQL][],
  targetMs: number,
): Operation {
  const qs = queries.map(([label, q]) => ({ label, ...toQuery(q) }));
  return {
    name,
    targetMs,
    headers,
    http: async () => ({ kind: 'fixed', method: 'GET', path }),
    sample: { method: 'GET', path },
    raw: async (pool) => {
      await Promise.all(qs.map((q) => pool.query(q.sql, q.params as unknown[])));
      return true;
    },
    queries: qs.map((q) => ({ label: q.label, text: q.sql, values: q.params as unknown[] })),
  };
}

/** The write operation: half the pool for the HTTP load, half for raw SQL. */
function moveOp(
  name: string,
  move: 'submit' | 'approve',
  rs: ReportScenario,
  items: { id: string; version: number }[],
): Operation {
  const half = Math.floor(items.length / 2);
  const http = items.slice(0, half);
  const raw = items.slice(half);
  return {
    name,
    targetMs: 30,
    headers: rs.headers,
    http: async () => ({
      kind: 'once',
      method: 'POST',
      items: http.map((x) => ({
        path: `/api/v1/reports/${x.id}/${move}`,
        body: JSON.stringify({ version: x.version }),
      })),
    }),
    sample: { method: 'GET', path: `/api/v1/reports/${items[0]?.id}` },
    raw: async (pool, i) => {
      const item = raw[i];
      if (!item) return false;
      return rawMove(pool, rs, item, move === 'submit' ? 'submitted' : 'approved');
    },
    queries: [],
  };
}

/** The report operations of one prepared scenario. */
export function reportOperations(s: Scenario, rs: ReportScenario): Operation[] {
  const c = rs.coordinator;
  const queue = sql`r.state = 'submitted' and r.party_id = ${rs.partyId} and ${reportVisibleAs('r', 'm', c)}`;
  const order = reportOrder('submitted');
  const from = sql`from reports r join measures m on m.id = r.measure_id join periods p on p.id = r.period_id`;
  return [
    moveOp('report-submit', 'submit', rs, rs.drafts),
    moveOp('report-approve', 'approve', rs, rs.submitted),
    readOp(
      'approval-queue',
      '/api/v1/reports?state=submitted&mine=true&limit=50',
      rs.headers,
      [
        [
          'page',
          sql`select ${REPORT_COLUMNS} from (select r.id, row_number() over (order by ${order}) as n ${from}
            where ${queue} order by ${order} limit 50) pg join reports r on r.id = pg.id
            join measures m on m.id = r.measure_id join periods p on p.id = r.period_id order by pg.n`,
        ],
        ['total', sql`select count(*)::int from (select 1 ${from} where ${queue} limit 10001) c`],
      ],
      30,
    ),
    (() => {
      const q = assignmentQueries(rs.reporter, { roadmapId: s.roadmapId, page: 1, limit: 50 }, s.day);
      return readOp(
        'my-reports',
        `/api/v1/reports/assignments?roadmapId=${s.roadmapId}&limit=50`,
        rs.reporterHeaders,
        [
          ['page', q.page],
          ['total', q.count],
        ],
        30,
      );
    })(),
    (() => {
      // the route's one statement: the roadmap, its current period and the period's counts
      const q = completenessQuery(c, s.roadmapId, undefined, s.day);
      return readOp(
        'reporting-completeness',
        `/api/v1/roadmaps/${s.roadmapId}/reporting`,
        rs.headers,
        [['roadmap, period and counts', q]],
        50,
      );
    })(),
  ];
}
