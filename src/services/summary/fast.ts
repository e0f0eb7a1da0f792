/**
 * The summary's rows from the incremental sums: `summary_parts` (kept current by triggers,
 * migration 0007) holds count, Σ weight × progress and Σ weight per roadmap × group ×
 * status × leaf × top-level × owner, so a cache miss reads a few hundred rows whatever the
 * roadmap's size. Overdue and at-risk depend on the day and are counted live over the
 * flagged measures only (open, and past due or behind schedule), which are few.
 *
 * Visibility is the `owner` column: 'all' reads every row, a party its own internal rows
 * and the rest, a viewer only the rows of measures that are not internal (nil owner).
 */
import { and, or, type SQL, sql } from 'drizzle-orm';
import { measures, organisations, parties, spheres, summaryParts } from '../../db/schema';
import { type Actor, internalScope } from '../../domain/policies';
import type { Ctx } from '../context';
import { atRiskSql, measureFilter, overdueSql } from '../measures';
import type { RawPart, SummaryRows } from './fold';

const NIL = '00000000-0000-0000-0000-000000000000';

interface Row extends RawPart {
  kind: 'all' | 'sphere' | 'party' | 'org';
  group_id: string;
  party_id: string;
  top: boolean;
}

/** The owners whose sums the actor may read. */
function ownerVisibility(actor: Actor): SQL {
  const scope = internalScope(actor);
  if (scope === 'all') return sql`true`;
  if (scope === null) return sql`g.owner = ${NIL}::uuid`;
  return sql`g.owner in (${NIL}::uuid, ${scope}::uuid)`;
}

/** Only the roadmap's own rows keep the top-level split; groups fold over it. */
const TOP = sql.raw(`case when g.kind = 'all' then g.top else false end`);
const key = (r: {
  kind: string;
  group_id: string;
  party_id: string;
  status: string;
  leaf: boolean;
  top: boolean;
}) => `${r.kind}|${r.group_id}|${r.party_id}|${r.status}|${r.leaf}|${r.top}`;

/** The summary rows of one roadmap as the actor may see it, from the incremental sums. */
export async function fastRows(ctx: Ctx, actor: Actor, roadmapId: string, day: string): Promise<SummaryRows> {
  const flagged = and(measureFilter(actor, { roadmapId }, day), or(overdueSql(day), atRiskSql(day))) as SQL;
  const [sums, flags] = await Promise.all([
    ctx.db.execute<Omit<Row, 'overdue' | 'at_risk'>>(sql`
      select g.* from (
        select g.kind, g.group_id, g.party_id, g.status, g.leaf, ${TOP} as top,
               sum(g.n)::int8 as n, sum(g.wp)::float8 as wp, sum(g.w)::float8 as w
        from ${summaryParts} g
        where g.roadmap_id = ${roadmapId} and ${ownerVisibility(actor)}
        group by 1, 2, 3, 4, 5, 6
        having sum(g.n) <> 0
      ) g
      left join ${spheres} s on g.kind = 'sphere' and s.id = g.group_id
      left join ${parties} p on p.id = case g.kind when 'party' then g.group_id when 'org' then g.party_id end
      left join ${organisations} o on g.kind = 'org' and o.id = g.group_id
      order by g.kind, s.position, s.code, p.code, o.name->>'ru', g.group_id, g.status, g.leaf, g.top`),
    ctx.db.execute<
      { k: string; overdue: number; at_risk: number } & Omit<Row, 'n' | 'wp' | 'w' | 'overdue' | 'at_risk'>
    >(sql`
      with c as (
        select ${measures.id} as id, ${measures.status} as status, ${measures.childCount} = 0 as leaf,
               ${measures.parentId} is null as top,
               (${overdueSql(day)})::int as overdue, (${atRiskSql(day)})::int as at_risk
        from ${measures} where ${flagged}
      )
      select g.kind, g.group_id, g.party_id, c.status, c.leaf,
             case when g.kind = 'all' then c.top else false end as top,
             sum(c.overdue)::int as overdue, sum(c.at_risk)::int as at_risk
      from c join accord_measure_groups(array(select id from c)) g on g.measure_id = c.id
      group by 1, 2, 3, 4, 5, 6`),
  ]);
  const flagsByKey = new Map(flags.rows.map((f) => [key(f), f]));
  const out: SummaryRows = { own: [], bySphere: [], byParty: [], byOrg: [] };
  for (const s of sums.rows) {
    const f = flagsByKey.get(key(s));
    const r = { ...s, overdue: Number(f?.overdue ?? 0), at_risk: Number(f?.at_risk ?? 0) };
    if (r.kind === 'all') out.own.push(r);
    else if (r.kind === 'sphere') out.bySphere.push({ ...r, sphere_id: r.group_id });
    else if (r.kind === 'party') out.byParty.push({ ...r, party_id: r.group_id });
    else out.byOrg.push({ ...r, organisation_id: r.group_id, party_id: r.party_id });
  }
  return out;
}
