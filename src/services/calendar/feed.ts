/**
 * The deadline calendar of a person (their own measures and the report due dates they
 * answer for) or of one roadmap (every measure of it the caller may see), as iCalendar.
 * Open measures only (a completed deadline is no longer one), at most FEED_LIMIT, nearest
 * first; two queries whatever the size.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { I18nText } from '../../contracts/common';
import type { Locale, MeasureStatus } from '../../contracts/enums';
import { type IcsEvent, writeCalendar } from '../../documents/ics';
import { tr } from '../../documents/report/model';
import { type ReportTextKey, rt } from '../../documents/report/text';
import { calendarScope, feedsReportDeadlines } from '../../domain/calendar';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { userLocale } from '../locale';
import { visibleAs } from '../measures/queries';
import { loadRoadmap } from '../roadmaps';

/** The most events one feed carries: calendars choke on more, and nobody reads them. */
export const FEED_LIMIT = 5000;

/** Which calendar: the person's own, or one roadmap's. */
export type FeedOf = { kind: 'mine' } | { kind: 'roadmap'; roadmapId: string };

/** The WHERE condition on alias `m` for the measures of the feed. */
function scopeSql(actor: Actor, of: FeedOf): SQL {
  const conds: SQL[] = [visibleAs('m', actor), sql`m.status not in ('completed', 'cancelled')`];
  if (of.kind === 'roadmap') conds.push(sql`m.roadmap_id = ${of.roadmapId}`);
  else {
    conds.push(sql`r.status <> 'archived'`);
    const s = calendarScope(actor);
    if (s.kind === 'organisation')
      conds.push(
        sql`exists (select 1 from measure_responsibles x where x.measure_id = m.id and x.organisation_id = ${s.organisationId})`,
      );
    if (s.kind === 'party')
      conds.push(
        sql`(exists (select 1 from measure_responsibles x where x.measure_id = m.id and x.party_id = ${s.partyId}) or m.owner_party_id = ${s.partyId})`,
      );
  }
  return sql.join(conds, sql` and `);
}

type MeasureRow = {
  id: string;
  code: string;
  title: I18nText;
  due_date: string;
  status: MeasureStatus;
  progress: number;
  updated_at: Date | string;
  roadmap: I18nText;
  names: string | null;
};
type PeriodRow = { id: string; code: string; report_due_date: string; roadmap: I18nText; n: number };

/** The calendar as iCalendar text in the caller's language; `baseUrl` links events to the web app. */
export async function calendarFeed(ctx: Ctx, actor: Actor, of: FeedOf, baseUrl: string): Promise<string> {
  const roadmap = of.kind === 'roadmap' ? await loadRoadmap(ctx.db, of.roadmapId) : null;
  const locale: Locale = (await userLocale(ctx, actor.userId)) ?? 'ru';
  const where = scopeSql(actor, of);
  const withPeriods = of.kind === 'roadmap' || feedsReportDeadlines(actor);
  const [measures, periods] = await Promise.all([
    ctx.db.execute(sql`
      select m.id, m.code, m.title, m.due_date::text, m.status, m.progress, m.updated_at, r.title as roadmap,
             (select string_agg(coalesce(o.short_name->>${locale}, o.short_name->>'ru', o.name->>${locale}, o.name->>'ru'), ', '
                                order by x.role, o.party_id, o.name->>'ru')
                from measure_responsibles x join organisations o on o.id = x.organisation_id
               where x.measure_id = m.id) as names
      from measures m join roadmaps r on r.id = m.roadmap_id
      where ${where}
      order by m.due_date, m.sort_key
      limit ${FEED_LIMIT}`),
    withPeriods
      ? ctx.db.execute(sql`
      select p.id, p.code, p.report_due_date::text, r.title as roadmap, count(m.id)::int as n
      from periods p
      join roadmaps r on r.id = p.roadmap_id
      join measures m on m.roadmap_id = p.roadmap_id and m.start_date <= p.end_date and m.due_date >= p.start_date
      where p.state = 'open' and ${where}
      group by p.id, r.id
      order by p.report_due_date, p.code`)
      : Promise.resolve({ rows: [] }),
  ]);
  const t = (key: ReportTextKey, p?: Record<string, string | number>) => rt(locale, key, p);
  const base = baseUrl.replace(/\/+$/, '');
  const events: IcsEvent[] = [
    ...(periods.rows as PeriodRow[]).map((p) => ({
      uid: `period-${p.id}@accord`,
      date: p.report_due_date,
      summary: t('calReportDue', { period: p.code, roadmap: tr(p.roadmap, locale) }),
      description: t('calToReport', { count: p.n }),
      url: `${base}/roadmap`,
    })),
    ...(measures.rows as MeasureRow[]).map((m) => ({
      uid: `measure-${m.id}@accord`,
      date: m.due_date,
      summary: t('calDue', { code: m.code, title: tr(m.title, locale) }),
      description: [
        t('calState', { status: t(`status_${m.status}` as ReportTextKey), progress: m.progress }),
        ...(m.names ? [t('calResponsible', { names: m.names })] : []),
        t('calRoadmap', { roadmap: tr(m.roadmap, locale) }),
      ].join('\n'),
      url: `${base}/measures/${m.id}`,
      modified: new Date(m.updated_at),
    })),
  ];
  return writeCalendar({
    name: roadmap ? t('calRoadmapName', { roadmap: tr(roadmap.title, locale) }) : t('calName'),
    now: ctx.now(),
    events,
  });
}
