/**
 * The summary's rows computed from scratch: four set-based aggregate queries over every
 * visible measure, run in parallel. At 100,000 measures they take most of a second, so the
 * service answers from the incremental sums (fast.ts); this path stays as the reference
 * the equality tests hold the fast one to.
 */
import { type SQL, sql } from 'drizzle-orm';
import {
  measureResponsibles,
  measureSpheres,
  measures,
  organisations,
  parties,
  spheres,
} from '../../db/schema';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { atRiskSql, measureFilter, overdueSql } from '../measures';
import type { SummaryRows } from './fold';

/** The aggregate columns every query selects over `measures`. */
const aggregates = (day: string, actor: Actor) => sql`
  ${measures.status} as status,
  ${measures.childCount} = 0 as leaf,
  count(*)::int as n,
  (count(*) filter (where ${overdueSql(day)}))::int as overdue,
  (count(*) filter (where ${atRiskSql(day, actor)}))::int as at_risk,
  coalesce(sum(${measures.weight} * ${measures.progress}), 0)::float8 as wp,
  coalesce(sum(${measures.weight}), 0)::float8 as w`;

/** The summary rows of one roadmap as the actor may see it, from every measure. */
export async function referenceRows(
  ctx: Ctx,
  actor: Actor,
  roadmapId: string,
  day: string,
): Promise<SummaryRows> {
  const where = measureFilter(actor, { roadmapId }, day) as SQL;
  const agg = aggregates(day, actor);
  const run = <R>(q: SQL) => ctx.db.execute(q).then((r) => r.rows as unknown as R[]);

  const [own, bySphere, byParty, byOrg] = await Promise.all([
    run<SummaryRows['own'][number]>(sql`
      select ${agg}, ${measures.parentId} is null as top
      from ${measures} where ${where}
      group by 1, 2, top order by 1, 2, top`),
    run<SummaryRows['bySphere'][number]>(sql`
      select g.* from (
        select ${measureSpheres.sphereId} as sphere_id, ${agg}
        from ${measureSpheres} join ${measures} on ${measures.id} = ${measureSpheres.measureId}
        where ${where}
        group by 1, 2, 3
      ) g join ${spheres} s on s.id = g.sphere_id
      order by s.position, s.code, g.sphere_id, g.status, g.leaf`),
    // A measure with two organisations of one party counts once for that party.
    run<SummaryRows['byParty'][number]>(sql`
      select g.* from (
        select r.party_id, ${agg}
        from (select distinct ${measureResponsibles.measureId} as measure_id, ${measureResponsibles.partyId} as party_id
              from ${measureResponsibles}) r
        join ${measures} on ${measures.id} = r.measure_id
        where ${where}
        group by 1, 2, 3
      ) g join ${parties} p on p.id = g.party_id
      order by p.code, g.party_id, g.status, g.leaf`),
    run<SummaryRows['byOrg'][number]>(sql`
      select g.* from (
        select ${measureResponsibles.organisationId} as organisation_id, ${measureResponsibles.partyId} as party_id, ${agg}
        from ${measureResponsibles} join ${measures} on ${measures.id} = ${measureResponsibles.measureId}
        where ${where}
        group by 1, 2, 3, 4
      ) g join ${organisations} o on o.id = g.organisation_id
      join ${parties} p on p.id = g.party_id
      order by p.code, o.name->>'ru', o.id, g.status, g.leaf`),
  ]);
  return { own, bySphere, byParty, byOrg };
}
