/**
 * The measure list filtered by a monitoring flag (`atRisk=true`, `lateReport=true`): the first
 * page of 50 of the roadmap with its total, as the roadmap page's filter asks for it. The flags
 * depend on the reports of the roadmap's latest past-due period, so the dataset should hold
 * the report operations' reports (`--only report-submit` prepares them once).
 *
 * The raw form is what a careful engineer would write: the latest past-due period read inside
 * the statement, one grouped join of its reports giving the measures that miss one (or miss
 * one in time), and the page and the capped count over the roadmap with that set.
 */
import { AT_RISK_THRESHOLD } from '../src/domain/measures';
import { COLUMNS, type Operation, RELATED, type Scenario } from './operations';

/** The latest past-due period of $1 on day $2 and the flags per measure owing it a report. */
const FLAGS = `lp as (select id, start_date, end_date from periods
    where roadmap_id = $1 and report_due_date < $2::date order by end_date desc, id limit 1),
  f as (select mr.measure_id, bool_or(r.id is null) as missing, bool_or(r.id is null or r.late) as late
    from lp join measures o on o.roadmap_id = $1 and o.child_count = 0 and o.status <> 'cancelled'
      and o.start_date <= lp.end_date and (o.due_date >= lp.start_date or o.status <> 'completed')
    join measure_responsibles mr on mr.measure_id = o.id
    left join reports r on r.measure_id = mr.measure_id and r.period_id = lp.id and r.party_id = mr.party_id
      and r.state in ('submitted', 'approved')
    group by mr.measure_id)`;

const OPEN = `mm.status not in ('completed', 'cancelled')`;

const WHERE = {
  atRisk: `mm.roadmap_id = $1 and ${OPEN} and mm.due_date >= $2::date and (
      (mm.start_date <= $2::date and (($2::date - mm.start_date)::float8 / greatest(mm.due_date - mm.start_date, 1))
        * 100 - mm.progress > ${AT_RISK_THRESHOLD})
      or mm.id in (select measure_id from f where missing))`,
  lateReport: `mm.roadmap_id = $1 and mm.id in (select measure_id from f where late)`,
};

const page = (where: string) => `with ${FLAGS}
  select ${COLUMNS}, ${RELATED}
  from (select * from measures mm where ${where} order by mm.sort_key, mm.id limit 50) m
  order by m.sort_key, m.id`;
/** Counted up to 10,001, as the list counts (beyond 10,000 it says «more than»). */
const count = (where: string) => `with ${FLAGS}
  select count(*)::int as total from (select 1 from measures mm where ${where} limit 10001) c`;

/** `list-at-risk` and `list-late-report`: the roadmap's first page of 50 and its total. */
export function flagListOperations(s: Scenario): Operation[] {
  return (['atRisk', 'lateReport'] as const).map((flag) => {
    const path = `/api/v1/measures?roadmapId=${s.roadmapId}&${flag}=true&limit=50`;
    const args = [s.roadmapId, s.day];
    const where = WHERE[flag];
    return {
      name: flag === 'atRisk' ? 'list-at-risk' : 'list-late-report',
      targetMs: 15,
      http: async () => ({ kind: 'fixed', method: 'GET', path }),
      sample: { method: 'GET', path },
      // page and total side by side, as the service runs them
      raw: async (pool) => {
        await Promise.all([pool.query(page(where), args), pool.query(count(where), args)]);
        return true;
      },
      queries: [
        { label: 'page', text: page(where), values: args },
        { label: 'total', text: count(where), values: args },
      ],
    } satisfies Operation;
  });
}
