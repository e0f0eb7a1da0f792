/**
 * Report reminders (a daily job): due in 7 days, due tomorrow, overdue. For every period of an
 * approved roadmap that is not locked, every leaf measure still under way, and every party
 * responsible for it with no submitted or approved report, the reporters of that party's
 * responsible organisations are reminded (and, once overdue, the party's coordinators). Three
 * set-based statements, whatever the number of measures; the dedupe key makes a second run
 * on the same day, or on another instance, add nothing.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { NotificationKind } from '../../contracts/notifications';
import { addDays, LOCK_AFTER_DAYS } from '../../domain/periods';
import { SYSTEM_ACTOR } from '../../domain/policies';
import type { Ctx } from '../context';
import { mutate } from '../core/mutate';
import { requestDelivery } from './outbox';
import { insertNotifications, userReadsMeasure } from './recipients';

function reminders(kind: NotificationKind, due: SQL, coordinators: boolean): SQL {
  const coord = coordinators ? sql`or (u.role = 'coordinator' and u.party_id = mr.party_id)` : sql``;
  return insertNotifications(
    kind,
    sql`select distinct on (dedupe_key) * from (
          select u.id as recipient_id, 'measure' as entity_type, m.id as entity_id, '/measures/' || m.id as link,
                 jsonb_build_object('code', m.code, 'title', m.title, 'period', p.code, 'due', p.report_due_date) as params,
                 ${`${kind}:`} || m.id || ':' || p.id || ':' || u.id as dedupe_key
          from periods p
          join roadmaps rm on rm.id = p.roadmap_id and rm.status = 'approved'
          join measures m on m.roadmap_id = p.roadmap_id and m.child_count = 0 and m.start_date <= p.end_date
               and m.status in ('not_started', 'in_progress')
          join measure_responsibles mr on mr.measure_id = m.id
          join users u on not u.disabled and ((u.role = 'reporter' and u.organisation_id = mr.organisation_id) ${coord})
          where p.state <> 'locked' and ${due}
            and not exists (select 1 from reports r where r.measure_id = m.id and r.period_id = p.id
                            and r.party_id = mr.party_id and r.state in ('submitted', 'approved'))
            and ${userReadsMeasure('u', 'm')}
        ) c`,
  );
}

/** Writes today's reminders (as of `ctx.now()`); answers how many were added. */
export async function sendReminders(ctx: Ctx, day: string): Promise<number> {
  const added = await mutate(ctx, SYSTEM_ACTOR, async (tx) => {
    let n = 0;
    for (const s of [
      reminders('report_due_7', sql`p.report_due_date = ${addDays(day, 7)}::date`, false),
      reminders('report_due_1', sql`p.report_due_date = ${addDays(day, 1)}::date`, false),
      // until the schedule locks the period (the day after the due date, then LOCK_AFTER_DAYS),
      // or for as long as an admin keeps it reopened
      reminders(
        'report_overdue',
        sql`p.report_due_date < ${day}::date and (p.reopened_at is not null or p.report_due_date > ${addDays(day, -(1 + LOCK_AFTER_DAYS))}::date)`,
        true,
      ),
    ])
      n += (await tx.execute(s)).rowCount ?? 0;
    return n;
  });
  if (added > 0) requestDelivery(ctx.db);
  return added;
}
